"""Version labels read in the reader's language: "Draft 1" is a name the product gives, not English text
left on a French page (guidance.models.DocumentVersion.shown_label)."""

import pytest
from django.utils import translation

from guidance import models as guidance_models
from guidance.models import DocumentVersion, standard_label
from tests.factories import SectionFactory, VersionFactory

pytestmark = pytest.mark.django_db

CATALOG = {
    ("fr", "Draft %(number)s"): "Projet %(number)s",
    ("es", "Draft %(number)s"): "Borrador %(number)s",
    ("fr", "Final"): "Version finale",
}


@pytest.fixture
def catalog(monkeypatch):
    """The translation helper's catalog entries for these labels (pgettext "version label")."""

    def pgettext(context, message):
        assert context == "version label"
        return CATALOG.get((translation.get_language(), message), message)

    monkeypatch.setattr(guidance_models, "pgettext", pgettext)


@pytest.mark.parametrize(
    "language, label, shown",
    [
        ("fr", "Draft 2", "Projet 2"),
        ("es", "Draft 2", "Borrador 2"),
        ("en", "Draft 2", "Draft 2"),
        ("fr", "Final", "Version finale"),
        ("fr", "Zero draft for Geneva", "Zero draft for Geneva"),  # a name the working group chose: as written
    ],
)
def test_a_standard_label_is_translated(catalog, language, label, shown):
    with translation.override(language):
        assert standard_label(label) == shown


def test_a_label_given_in_french_or_spanish_is_shown_to_those_readers(client):
    version = VersionFactory(
        label="Zero draft", label_fr="Avant-projet", label_es="Anteproyecto", slug="zero", status="final"
    )
    section = SectionFactory(version=version)
    url = version.get_absolute_url()
    for language, shown in (("en", "Zero draft"), ("fr", "Avant-projet"), ("es", "Anteproyecto")):
        page = client.get(url.replace("/en/", f"/{language}/", 1)).content.decode()
        assert f'<span class="page-header__sub">{shown}</span>' in page
        with translation.override(language):
            assert str(version).endswith(f"— {shown}")
    assert section.version.label == "Zero draft"  # the key (import --version, the matrix) stays English


def test_the_french_page_names_a_standard_version_in_french(client, catalog):
    version = VersionFactory(label="Draft 3", slug="draft-3", status="final")
    SectionFactory(version=version)
    page = client.get(version.get_absolute_url().replace("/en/", "/fr/")).content.decode()
    assert '<span class="page-header__sub">Projet 3</span>' in page
    assert "Draft 3" not in page
    assert DocumentVersion.objects.filter(label="Draft 3").count() == 1
