"""Triage search: accent- and case-insensitive in English, French and Spanish, on SQLite and PostgreSQL.

Run on PostgreSQL too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/guidance_review.
"""

import pytest
from django.db import connection

from reviews.models import Comment
from reviews.search import fold
from tests.reviews.conftest import draft, submitted

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text index is PostgreSQL's")


@pytest.fixture
def corpus(review_round, objective_section, states, moderator, reviewer_a):
    s = objective_section
    comments = {
        "fr": submitted(
            review_round, s, states["MA"], moderator, language="fr", body="Associer les autorités locales."
        ),
        "es": submitted(
            review_round,
            s,
            states["MX"],
            moderator,
            language="es",
            body="Las vías regulares de migración.",
            proposed_change="Añadir la migración circular.",
        ),
        "en": submitted(review_round, s, states["FR"], moderator, body="Consular PROTECTION of migrants."),
        "quote": submitted(
            review_round, s, states["KE"], moderator, language="fr", body="Voir ci-dessus.", quote="Œuvre commune"
        ),
    }
    comments["draft"] = draft(review_round, s, reviewer_a, states["MA"], body="Les autorités, encore.")  # never
    return comments


def found(client, moderator, query, language="en"):
    client.force_login(moderator)
    response = client.get(f"/{language}/triage/comments/", {"q": query})
    assert response.status_code == 200
    return {c.pk for c in response.context["page"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("autorités", {"fr"}),
        ("autorites", {"fr"}),
        ("AUTORITÉS", {"fr"}),
        ("Autorites locales", {"fr"}),
        ("migracion", {"es"}),
        ("MIGRACIÓN circular", {"es"}),  # one word in the comment, one in its proposed change
        ("vias", {"es"}),
        ("protection", {"en"}),
        ("consular Protection", {"en"}),
        ("oeuvre", {"quote"}),
        ("œuvre", {"quote"}),
        ("autorites nowhere", set()),
        ("nowhere", set()),
    ],
)
def test_search_ignores_accents_and_case(client, moderator, corpus, query, expected):
    assert found(client, moderator, query) == {corpus[name].pk for name in expected}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_search_is_the_same_on_the_french_and_spanish_pages(client, moderator, corpus, language):
    assert found(client, moderator, "AUTORITES", language) == {corpus["fr"].pk}
    assert found(client, moderator, "migracion", language) == {corpus["es"].pk}


def test_search_with_like_wildcards_is_literal(client, moderator, corpus):
    assert found(client, moderator, "%") == set()
    assert found(client, moderator, "_") == set()


def test_search_by_number_still_finds_that_comment(client, moderator, corpus):
    assert found(client, moderator, str(corpus["es"].pk)) == {corpus["es"].pk}


@pytest.mark.parametrize(
    ("text", "folded"),
    [("AUTORITÉS", "autorites"), ("migración", "migracion"), ("Œuvre", "oeuvre"), ("Straße", "strasse"), (None, None)],
)
def test_fold(text, folded):
    assert fold(text) == folded


@postgres_only
def test_postgresql_search_uses_the_full_text_index(corpus):
    from reviews.selectors.triage import text_search

    queryset = text_search(Comment.objects.all(), "autorites")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "comment_fts_idx" in plan, plan
