"""The triage history records themes and versions by reference and shows them in the reader's language
(a theme renamed or translated later reads right; nothing English is frozen into a French page)."""

import pytest
from django.utils import translation

from reviews.models import Comment, Theme, TriageChange
from reviews.selectors.triage_comment import triage_history
from reviews.services.triage import bulk_apply, triage_update
from tests.factories import VersionFactory
from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(review_round, section, states, moderator):
    return submitted(review_round, section, states["MA"], moderator)


def test_themes_and_versions_are_recorded_by_reference(comment, moderator, section):
    data = Theme.objects.create(name_en="Data", name_fr="Données", name_es="Datos")
    gender = Theme.objects.create(name_en="Gender", name_fr="Genre", name_es="Género")
    later = VersionFactory(document=section.version.document, label="Draft 2", label_fr="Projet 2", slug="draft-2")
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, themes=[gender, data])
    comment.refresh_from_db()
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, addressed_in=later)
    recorded = {change.field: change.new for change in TriageChange.objects.filter(comment=comment)}
    assert recorded == {"themes": f"theme:{data.pk},theme:{gender.pk}", "addressed_in": f"version:{later.pk}"}


def test_the_history_names_themes_and_versions_in_the_readers_language(client, comment, moderator, section):
    data = Theme.objects.create(name_en="Data", name_fr="Données", name_es="Datos")
    later = VersionFactory(document=section.version.document, label="Draft 2", label_fr="Projet 2", slug="draft-2")
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, themes=[data])
    comment.refresh_from_db()
    triage_update(comment=comment, actor=moderator, lock_version=comment.lock_version, addressed_in=later)
    client.force_login(moderator)
    page = client.get(f"/fr/triage/comments/{comment.pk}/").content.decode()
    assert "Données" in page and "Projet 2" in page
    assert f"theme:{data.pk}" not in page and "version:" not in page
    data.name_es = "Datos y pruebas"  # renamed later: the history follows
    data.save()
    page = client.get(f"/es/triage/comments/{comment.pk}/").content.decode()
    assert "Datos y pruebas" in page


def test_a_bulk_theme_change_is_recorded_by_reference_and_old_text_still_reads(comment, moderator):
    data = Theme.objects.create(name_en="Data", name_fr="Données")
    bulk_apply(targets=Comment.objects.filter(pk=comment.pk), actor=moderator, action="add_theme", value=data)
    assert TriageChange.objects.get(comment=comment, field="themes").new == f"theme:{data.pk}"
    TriageChange.objects.create(comment=comment, actor=moderator, field="themes", old="", new="Access, Data")
    with translation.override("fr"):
        shown = {entry["new"] for entry in triage_history(comment) if entry["field"] == "themes"}
    assert shown == {"Données", "Access, Data"}
