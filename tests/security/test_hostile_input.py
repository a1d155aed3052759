"""Hostile text in the free-text fields of a comment and of its triage: never a 500, never markup.

The corpus has what real attacks and real pasted text contain: script and event-handler
injection, a javascript: link in Markdown, spreadsheet formulas, control characters and NUL,
right-to-left overrides, and a megabyte of text.
"""

import pytest

from reviews.models import Comment
from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db

URL = "/en/rounds/{pk}/booklet/objective-5/"
CORPUS = {
    "script": "<script>alert('x')</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "svg": "<svg/onload=alert(1)>",
    "markdown link": "[click](javascript:alert(1))",
    "formula": '=HYPERLINK("http://evil.example","x")',
    "control characters": "line\x0bbreak\x0cfeed\x1bescape",
    "nul": "before\x00after",
    "right-to-left": "\u202eevil\u202c \u200fmark",
    "huge": "a" * 1_000_000,
}
MARKUP = ("<script>alert", "<img src=x onerror", "<svg/onload", 'href="javascript:')


@pytest.mark.parametrize("field", ["body", "proposed_change", "quote"])
@pytest.mark.parametrize("name", list(CORPUS))
def test_a_reviewer_s_hostile_text_is_refused_or_shown_as_text(client, review_round, section, reviewer_a, field, name):
    client.force_login(reviewer_a)
    data = {"kind": "technical", "body": "Plain.", "proposed_change": "", "language": "en", field: CORPUS[name]}
    response = client.post(URL.format(pk=review_round.pk), data)
    assert response.status_code in (200, 302)  # a form error or saved, never a 500
    if response.status_code == 200:  # refused: the message is beside the field, and the text is kept
        assert response.context["form"].errors
    page = client.get(URL.format(pk=review_round.pk)).content.decode()
    assert [m for m in MARKUP if m in page] == []
    for comment in Comment.objects.all():
        assert "\x00" not in getattr(comment, field)


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_moderator_s_hostile_response_is_shown_as_text(client, review_round, section, states, moderator, name):
    comment = submitted(review_round, section, states["MA"], moderator)
    client.force_login(moderator)
    response = client.post(
        f"/en/triage/comments/{comment.pk}/",
        {
            "lock_version": comment.lock_version,
            "disposition": "noted",
            "response": CORPUS[name],
            "internal_note": CORPUS[name],
        },
    )
    assert response.status_code in (302, 400)
    page = client.get(f"/en/triage/comments/{comment.pk}/").content.decode()
    assert [m for m in MARKUP if m in page] == []
