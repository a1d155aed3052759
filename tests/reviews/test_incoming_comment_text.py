"""A comment's texts are stored as ``guidance.text.clean_text`` leaves them (see test_incoming_text.py)."""

import pytest

from reviews.models import Comment
from tests.reviews.test_incoming_text import PASTED, STORED, URL

pytestmark = pytest.mark.django_db


def test_a_comment_pasted_from_word_is_stored_clean(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    response = client.post(
        URL.format(pk=review_round.pk),
        {
            "kind": "technical",
            "body": PASTED,
            "proposed_change": PASTED,
            "quote": "Regular\x0bpathways",
            "block_key": "para01",
            "language": "en",
        },
    )

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.body, comment.proposed_change, comment.quote) == (STORED, STORED, "Regular\npathways")


def test_the_length_is_counted_on_the_clean_text(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    body = "a" * 4990 + "\x07" * 20  # 5,010 characters typed, 4,990 kept
    response = client.post(URL.format(pk=review_round.pk), {"kind": "general", "body": body, "language": "en"})

    assert response.status_code == 302
    assert Comment.objects.get().body == "a" * 4990
