"""Public pages of published practices: only published ones, filters, three languages, feed and CSV."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import GuidingPrincipleFactory, ObjectiveFactory, PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(programme):
    five, seven = ObjectiveFactory(number=5), ObjectiveFactory(number=7)
    principle = GuidingPrincipleFactory(key="gender-responsive")
    published = PracticeFactory(
        member_state=programme["MA"], status="published", title_en="One-stop shop", title_fr="Guichet unique"
    )
    published.objectives.set([five])
    published.principles.set([principle])
    spanish = PracticeFactory(
        member_state=programme["MX"],
        status="published",
        kind="lesson_learned",
        title_en="",
        summary_en="",
        body_en="",
        title_es="Ventanilla consular",
        summary_es="Resumen.",
        body_es="Texto **importante**.",
        original_language="es",
    )
    spanish.objectives.set([seven])
    hidden = {
        status: PracticeFactory(member_state=programme["MA"], status=status, title_en=f"Hidden {status}")
        for status in ("draft", "submitted", "changes_requested", "approved")
    }
    return {"published": published, "spanish": spanish, "hidden": hidden, "five": five, "principle": principle}


def titles(response) -> list[str]:
    return [practice.title for practice in response.context["page"].object_list]


def test_only_published_practices_are_listed(client, catalogue):
    response = client.get(reverse("champions:practice_public_list"))
    assert sorted(titles(response)) == ["One-stop shop", "Ventanilla consular"]
    assert "Hidden" not in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "approved"])
def test_an_unpublished_practice_is_a_404(client, catalogue, status):
    practice = catalogue["hidden"][status]
    assert client.get(practice.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"objective": "5"}, ["One-stop shop"]),
        ({"principle": "gender-responsive"}, ["One-stop shop"]),
        ({"region": "americas"}, ["Ventanilla consular"]),
        ({"country": "ma"}, ["One-stop shop"]),
        ({"kind": "lesson_learned"}, ["Ventanilla consular"]),
        ({"objective": "99", "kind": "lesson_learned"}, ["Ventanilla consular"]),  # an unknown value is dropped
        ({"objective": "5", "kind": "lesson_learned"}, []),
    ],
)
def test_the_list_filters(client, catalogue, query, expected):
    response = client.get(reverse("champions:practice_public_list"), query)
    assert (response.status_code, titles(response)) == (200, expected)


def test_a_practice_reads_in_three_languages_with_its_fallback(client, catalogue):
    french = client.get(f"/fr/practices/{catalogue['published'].pk}/").content.decode()
    assert "<h1>Guichet unique</h1>" in french
    spanish_in_english = client.get(f"/en/practices/{catalogue['spanish'].pk}/").content.decode()
    assert '<div lang="es">' in spanish_in_english
    assert "<h1>Ventanilla consular</h1>" in spanish_in_english
    assert "This practice is not yet available in your language; it is shown in Spanish." in spanish_in_english
    assert "<strong>importante</strong>" in spanish_in_english
    spanish = client.get(f"/es/practices/{catalogue['spanish'].pk}/").content.decode()
    assert 'role="note"' not in spanish


@pytest.mark.parametrize("extra", [0, 5])
def test_the_public_pages_queries_do_not_grow(client, catalogue, programme, extra, django_assert_num_queries):
    for _n in range(extra):
        PracticeFactory(member_state=programme["MA"], status="published").objectives.set([catalogue["five"]])
    with django_assert_num_queries(8):
        assert client.get(reverse("champions:practice_public_list"), {"objective": "5"}).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(catalogue["published"].get_absolute_url()).status_code == 200


def test_the_atom_feed_lists_published_practices(client, catalogue):
    response = client.get(reverse("champions:practice_feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert body.count("<entry>") == 2
    assert "One-stop shop" in body
    assert "Hidden" not in body


def test_the_csv_export_follows_the_filters(client, catalogue):
    response = client.get(reverse("champions:practice_csv"), {"objective": "5"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["ID", "Title", "Kind", "Country"]
    assert [(row[1], row[3], row[5]) for row in rows[1:]] == [("One-stop shop", "Morocco", "5")]
    assert rows[1][-1] == f"http://testserver/en/practices/{catalogue['published'].pk}/"


def test_a_formula_in_a_title_is_not_run_by_a_spreadsheet(client, programme):
    PracticeFactory(member_state=programme["MA"], status="published", title_en="=HYPERLINK(1)")
    rows = list(
        csv.reader(
            io.StringIO(b"".join(client.get(reverse("champions:practice_csv")).streaming_content).decode("utf-8-sig"))
        )
    )
    assert rows[1][1] == "'=HYPERLINK(1)"
