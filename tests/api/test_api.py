"""The JSON API: published data only, filters, languages, paging limits, caching, constant queries."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_only_published_practices_are_listed(client, published):
    data = client.get("/api/practices/").json()
    assert (data["count"], sorted(p["title"] for p in data["results"])) == (2, ["Consulates", "One-stop shop"])


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_an_unpublished_practice_is_a_404_like_an_unknown_one(client, published, index):
    practice = published["hidden"][index]
    for pk in (practice.pk, 999999):
        response = client.get(f"/api/practices/{pk}/")
        assert (response.status_code, response.json()) == (404, {"detail": "No Practice matches the given query."})


def test_a_practice_in_detail(client, published):
    practice = published["practices"][0]
    data = client.get(f"/api/practices/{practice.pk}/", HTTP_ACCEPT_LANGUAGE="fr-CH, fr;q=0.9, en;q=0.8").json()
    assert data == {
        "id": practice.pk,
        "kind": "case_study",
        "kind_label": data["kind_label"],
        "title": "Guichet",
        "summary": "A short summary.",
        "body": "The text of the practice.",
        "language": "fr",
        "country": {"code": "ma", "name": data["country"]["name"], "region": "africa"},
        "objectives": [5],
        "principles": ["human-rights"],
        "published_at": data["published_at"],
        "updated_at": data["updated_at"],
        "url": f"http://testserver/fr/practices/{practice.pk}/",
    }


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("objective=5", ["One-stop shop"]),
        ("principle=human-rights", ["One-stop shop"]),
        ("region=americas", ["Consulates"]),
        ("country=MX", ["Consulates"]),
        ("kind=lesson_learned", ["Consulates"]),
        ("objective=7", []),
    ],
)
def test_practices_filter(client, published, query, titles):
    assert [p["title"] for p in client.get(f"/api/practices/?{query}").json()["results"]] == titles


@pytest.mark.parametrize(
    ("query", "body"),
    [
        (
            "colour=blue",
            {
                "detail": "Unknown query parameter(s): colour. Allowed: country, kind, lang, objective, page, "
                "page_size, principle, region."
            },
        ),
        (
            "objective=24",
            {
                "detail": "Some query parameters are not valid.",
                "errors": {"objective": ["Ensure this value is less than or equal to 23."]},
            },
        ),
        (
            "lang=de",
            {"detail": "Some query parameters are not valid.", "errors": {"lang": ['"de" is not a valid choice.']}},
        ),
    ],
)
def test_bad_queries_are_refused_with_a_reason(client, published, query, body):
    response = client.get(f"/api/practices/?{query}")
    assert (response.status_code, response.json()) == (400, body)


def test_the_page_size_is_bounded(client, published):
    response = client.get("/api/practices/?page_size=1000000")
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "Some query parameters are not valid.",
            "errors": {"page_size": ["Ensure this value is less than or equal to 100."]},
        },
    )
    assert client.get("/api/practices/?page_size=100").json()["count"] == 2
    assert (
        client.get("/api/practices/?page_size=1").json()["next"]
        == "http://testserver/api/practices/?page=2&page_size=1"
    )
    assert client.get("/api/practices/?page=99").status_code == 404


def test_the_language_follows_lang_then_accept_language(client, published):
    practice = published["practices"][0]
    by_header = client.get(f"/api/practices/{practice.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    by_query = client.get(f"/api/practices/{practice.pk}/?lang=en", HTTP_ACCEPT_LANGUAGE="fr")
    assert (by_header.json()["title"], by_header["Content-Language"]) == ("Guichet", "fr")
    assert (by_query.json()["title"], by_query["Content-Language"]) == ("One-stop shop", "en")
    assert "Accept-Language" in by_header["Vary"]


def test_answers_are_cacheable(client, published):
    first = client.get("/api/practices/")
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["Last-Modified"]
    again = client.get("/api/practices/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content) == (304, b"")
    assert client.get("/api/practices/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    other_language = client.get("/api/practices/?lang=fr")
    assert other_language["ETag"] != first["ETag"]


def test_countries_with_roles_and_pilot_status(client, published):
    data = client.get("/api/countries/").json()
    assert [c["code"] for c in data["results"]] == ["mx", "ma"]  # by English name: Mexico, Morocco
    morocco = client.get("/api/countries/ma/").json()
    assert sorted(r["kind"] for r in morocco["roles"]) == ["promoter", "tester"]
    assert [(p["title"], p["status"], p["objectives"]) for p in morocco["pilots"]] == [
        ("Labour mobility pilot", "planned", [5])
    ]
    assert client.get("/api/countries/?pilot_status=planned").json()["count"] == 1
    assert client.get("/api/countries/fr/").status_code == 404  # not a Champion


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("en", (["Promoter", "Tester/Piloter"], ["Planned"], "Case study")),
        ("fr", (["Promoteur", "Testeur/Pilote"], ["Prévu"], "Étude de cas")),
        ("es", (["Evaluador/Piloto", "Promotor"], ["Previsto"], "Estudio de caso")),
    ],
)
def test_labels_are_in_the_language_asked_for(client, published, lang, labels):
    morocco = client.get(f"/api/countries/ma/?lang={lang}").json()
    practice = client.get(f"/api/practices/{published['practices'][0].pk}/?lang={lang}").json()
    roles = sorted(r["label"] for r in morocco["roles"])
    assert (roles, [p["status_label"] for p in morocco["pilots"]], practice["kind_label"]) == labels


def test_only_final_versions_are_published(client, published):
    data = client.get("/api/versions/").json()
    assert [(v["document"], v["label"]) for v in data["results"]] == [("guide", "Final 2027")]


@pytest.mark.parametrize("extra", [0, 6])
def test_the_lists_queries_do_not_grow(client, published, states, extra, django_assert_num_queries):
    from tests.factories import PracticeFactory

    for _n in range(extra):
        PracticeFactory(member_state=states["MA"], status="published").objectives.set(
            published["practices"][0].objectives.all()
        )
    with django_assert_num_queries(4):
        assert client.get("/api/practices/").status_code == 200
    with django_assert_num_queries(5):
        assert client.get("/api/countries/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/api/versions/").status_code == 200


@pytest.mark.parametrize(
    "address",
    ["/api/nothing/here/", "/api/countries/%29%0A%08z/", "/api/practices/%0A/", "/api/%0D%0A"],
)
def test_any_other_address_under_api_is_a_json_404(client, address):
    """Control characters included (a newline in the path once fell through to the HTML 404, found by schemathesis)."""
    response = client.get(address)
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"detail": "Not found."}


def test_the_schema_is_served_without_a_language_prefix(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert (response.status_code, response["Content-Type"]) == (200, "application/vnd.oai.openapi+json")
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == [
        "/api/countries/",
        "/api/countries/{code}/",
        "/api/practices/",
        "/api/practices/{id}/",
        "/api/versions/",
        "/api/versions/{id}/",
    ]
