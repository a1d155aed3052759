"""The triage list's chips (filters in force) say in words, in the reader's language, what each filter is:
the screen-reader text of "Remove" names the filter and its value, never a URL parameter."""

import re

import pytest

from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db


def hidden_texts(page: str) -> list[str]:
    chips = re.search(r'<ul class="chips".*?</ul>', page, re.S).group(0)
    return re.findall(r'<span class="visually-hidden">([^<]*)</span>', chips)


def test_chips_name_the_filter_and_its_value_in_words(client, review_round, section, states, moderator):
    submitted(review_round, section, states["MA"], moderator)
    client.force_login(moderator)
    document = section.version.document
    page = client.get(
        "/es/triage/comments/",
        {"round": review_round.pk, "document": document.slug, "delegation": f"s{states['MA'].pk}", "day": "2026-11-28"},
    ).content.decode()
    texts = hidden_texts(page)
    assert len(texts) == 3
    assert f" Documento: {document.title_es}" in texts
    assert " Delegación: Marruecos" in texts
    assert any(text.startswith(" ") and "2026" in text and "28" in text and "day" not in text for text in texts)
    for raw in ("document", "delegation", "day", document.slug, "2026-11-28"):
        assert all(raw not in text for text in texts), raw


def test_an_unknown_day_value_is_shown_as_given_not_a_500(client, review_round, moderator):
    client.force_login(moderator)
    response = client.get("/en/triage/comments/", {"round": review_round.pk, "day": "not-a-day"})
    assert response.status_code == 200  # the filter form sets the bad day aside; no chip, no 500
    assert '<ul class="chips"' not in response.content.decode()
