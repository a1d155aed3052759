import pytest
from django.urls import reverse
from django.utils.translation import override

from guidance.enums import VersionStatus
from tests.factories import BlockFactory, ObjectiveFactory, SectionFactory, VersionFactory

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with override(language):
        return reverse(f"guidance:{name}", kwargs=kwargs)


def section_url(section, language="en", view="section_detail"):
    version = section.version
    return url(view, language, document=version.document.slug, version=version.slug, anchor=section.anchor)


@pytest.fixture
def version():
    return VersionFactory(document__slug="booklet", slug="draft-1", label="Draft 1", status=VersionStatus.IN_REVIEW)


@pytest.fixture
def sections(version):
    objective = ObjectiveFactory(number=5)
    first = SectionFactory(
        version=version,
        order=1,
        number="1",
        anchor="introduction",
        title_en="Introduction",
        title_fr="Introduction FR",
        title_es="Introducción",
    )
    second = SectionFactory(
        version=version,
        order=2,
        number="2",
        anchor="objective-5",
        objective=objective,
        title_en="Objective 5: Regular pathways",
        title_fr="Objectif 5 : Voies régulières",
        title_es="Objetivo 5: Vías regulares",
    )
    child = SectionFactory(
        version=version,
        order=3,
        number="2.1",
        depth=2,
        parent=second,
        objective=objective,
        anchor="possible-actions",
        title_en="Possible actions",
        title_fr="",
        title_es="",
    )
    BlockFactory(
        section=first,
        position=1,
        key="intro1",
        text_en="Welcome text.",
        text_fr="Texte d’accueil.",
        text_es="Texto de bienvenida.",
    )
    BlockFactory(
        section=second,
        position=1,
        key="obj5a",
        text_en="Pathways matter.",
        text_fr="Les filières comptent.",
        text_es="Las vías importan.",
    )
    BlockFactory(section=child, position=1, key="act1", text_en="Only in English.", text_fr="", text_es="")
    return first, second, child


def content(response) -> str:
    html = response.content.decode()
    assert "INVALID_TEMPLATE_VARIABLE" not in html
    return html


@pytest.mark.parametrize(
    ("language", "title", "text", "objective"),
    [
        ("en", "Possible actions", "Only in English.", "Serves Objective 5: Objective title 5"),
        ("fr", "Possible actions", "Only in English.", "Sert l’objectif 5\u202f: Titre de l’objectif 5"),
        ("es", "Possible actions", "Only in English.", "Contribuye al objetivo 5: Título del objetivo 5"),
    ],
)
def test_section_page_reads_in_each_language(client, reviewer, sections, language, title, text, objective):
    client.force_login(reviewer)
    response = client.get(section_url(sections[2], language))
    html = content(response)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert title in html
    assert text in html
    assert objective in html
    assert 'id="p-act1"' in html


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Objective 5: Regular pathways", "Pathways matter."),
        ("fr", "Objectif 5 : Voies régulières", "Les filières comptent."),
        ("es", "Objetivo 5: Vías regulares", "Las vías importan."),
    ],
)
def test_chapter_reads_in_each_language_without_repeating_its_objective(
    client, reviewer, sections, language, title, text
):
    client.force_login(reviewer)
    html = content(client.get(section_url(sections[1], language)))
    assert title in html
    assert text in html
    assert 'id="p-obj5a"' in html
    assert "objective-served" not in html


def test_section_page_has_breadcrumb_and_previous_next(client, reviewer, sections):
    client.force_login(reviewer)
    html = content(client.get(section_url(sections[1])))
    assert 'rel="prev" href="/en/documents/booklet/draft-1/introduction/"' in html
    assert 'rel="next" href="/en/documents/booklet/draft-1/possible-actions/"' in html
    assert '<li aria-current="page">2 Objective 5: Regular pathways</li>' in html


def test_missing_translation_is_announced_and_marked_english(client, reviewer, sections):
    client.force_login(reviewer)
    html = content(client.get(section_url(sections[2], "fr")))
    assert "pas encore été traduite" in html
    assert '<h1 id="section-title" lang="en">' in html
    assert '<div class="block block--paragraph" id="p-act1" data-key="act1" lang="en">' in html
    assert "Only in English." in html


def test_translated_section_has_no_notice(client, reviewer, sections):
    client.force_login(reviewer)
    html = content(client.get(section_url(sections[1], "fr")))
    assert "pas encore été traduite" not in html
    assert 'id="p-obj5a" lang="en"' not in html


def test_table_of_contents_lists_numbers_titles_and_objectives(client, reviewer, sections, version):
    client.force_login(reviewer)
    response = client.get(url("version_detail", "es", document="booklet", version="draft-1"))
    html = content(response)
    assert response.status_code == 200
    for text in ("Introducción", "Objetivo 5: Vías regulares", "2.1", "Objetivo 5: Etiqueta 5"):
        assert text in html
    assert "1 sección aún no está traducida" in html


def test_compare_view_shows_two_languages_side_by_side(client, reviewer, sections):
    client.force_login(reviewer)
    response = client.get(section_url(sections[1], "fr", "section_compare"), {"other": "es"})
    html = content(response)
    assert response.status_code == 200
    assert '<td lang="fr">' in html and '<td lang="es">' in html
    assert "Les filières comptent." in html
    assert "Las vías importan." in html


def test_compare_view_falls_back_to_english_for_missing_text(client, reviewer, sections):
    client.force_login(reviewer)
    html = content(client.get(section_url(sections[2], "en", "section_compare"), {"other": "es"}))
    assert '<td lang="en"><p>Only in English.</p><span class="tag tag--grey">Not yet translated</span></td>' in html


def test_compare_view_ignores_an_unknown_language(client, reviewer, sections):
    client.force_login(reviewer)
    response = client.get(section_url(sections[1], "en", "section_compare"), {"other": "xx"})
    assert response.status_code == 200
    assert "Pathways matter." in content(response)


def test_missing_section_is_a_translated_404(client, reviewer, sections):
    client.force_login(reviewer)
    response = client.get(url("section_detail", "fr", document="booklet", version="draft-1", anchor="nope"))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_missing_version_is_a_404(client, reviewer, sections):
    client.force_login(reviewer)
    response = client.get(url("version_detail", "es", document="booklet", version="draft-9"))
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


def test_unknown_language_prefix_redirects_to_a_known_language(client, sections):
    response = client.get("/de/documents/")
    assert response.status_code == 302
    assert response["Location"] == "/en/documents/"


def test_anonymous_reader_of_a_draft_under_review_is_asked_to_sign_in(client, sections):
    response = client.get(section_url(sections[0]))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_reviewer_cannot_read_a_draft_not_yet_in_review(client, reviewer, version, sections):
    version.status = VersionStatus.DRAFT
    version.save()
    client.force_login(reviewer)
    assert client.get(section_url(sections[0])).status_code == 403


def test_drafter_reads_a_draft(client, drafter, version, sections):
    version.status = VersionStatus.DRAFT
    version.save()
    client.force_login(drafter)
    assert client.get(section_url(sections[0])).status_code == 200


def test_final_version_is_public(client, version, sections):
    version.status = VersionStatus.FINAL
    version.save()
    response = client.get(section_url(sections[0]))
    assert response.status_code == 200


def test_hostile_markdown_is_neutralised_on_the_page(client, reviewer, version):
    section = SectionFactory(version=version, anchor="hostile")
    BlockFactory(
        section=section,
        text_en=(
            "<script>alert(1)</script> [click](javascript:alert(2)) "
            '<img src=x onerror=alert(3)> <b onclick="x()">bold</b>'
        ),
    )
    client.force_login(reviewer)
    html = content(client.get(section_url(section)))
    assert "<script>alert(1)" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<b>bold</b>" in html


def test_language_switcher_keeps_the_reader_on_the_same_page(client, reviewer, sections):
    client.force_login(reviewer)
    html = content(client.get(section_url(sections[1])))
    assert 'href="/fr/documents/booklet/draft-1/objective-5/" hreflang="fr" lang="fr">Français</a>' in html
    assert 'href="/es/documents/booklet/draft-1/objective-5/" hreflang="es" lang="es">Español</a>' in html


def test_document_address_leads_to_its_newest_visible_version(client, reviewer, version, sections):
    VersionFactory(document=version.document, number=2, slug="draft-2", status=VersionStatus.DRAFT)
    client.force_login(reviewer)
    response = client.get(url("document_detail", document="booklet"))
    assert response["Location"] == "/en/documents/booklet/draft-1/"


@pytest.mark.parametrize("extra_sections", [1, 12])
def test_table_of_contents_queries_do_not_grow(client, reviewer, version, extra_sections, django_assert_num_queries):
    for _ in range(extra_sections):
        section = SectionFactory(version=version, title_fr="")
        BlockFactory(section=section, text_fr="")
    client.force_login(reviewer)
    with django_assert_num_queries(5):  # session, user, version, user's groups (rules), sections
        response = client.get(url("version_detail", "fr", document="booklet", version="draft-1"))
    assert response.status_code == 200


@pytest.mark.parametrize("extra_sections", [1, 12])
def test_section_page_queries_do_not_grow(
    client, reviewer, version, sections, extra_sections, django_assert_num_queries
):
    for _ in range(extra_sections):
        BlockFactory(section=SectionFactory(version=version))
        BlockFactory(section=sections[1])
    client.force_login(reviewer)
    with django_assert_num_queries(6):  # session, user, version, user's groups (rules), contents, blocks
        response = client.get(section_url(sections[1], "fr"))
    assert response.status_code == 200
