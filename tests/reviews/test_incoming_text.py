"""Free text is stored as ``guidance.text.clean_text`` leaves it, whichever form it comes through.

Word's line break (a vertical tab) stays a line break, Windows line ends become ``\\n``, control
characters and NUL are dropped, and the text is in NFC — before its length is checked.
"""

import pytest

from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db

URL = "/en/rounds/{pk}/booklet/objective-5/"
PASTED = "Line one\x0bline two\r\nline three\u2028four\x00\x07 e\u0301tude"
STORED = "Line one\nline two\nline three\nfour étude"


def test_a_triage_response_and_note_are_stored_clean(client, review_round, section, states, moderator):
    comment = submitted(review_round, section, states["MA"], moderator)
    client.force_login(moderator)
    response = client.post(
        f"/en/triage/comments/{comment.pk}/",
        {
            "lock_version": comment.lock_version,
            "disposition": "noted",
            "priority": comment.priority,
            "response": PASTED,
            "internal_note": PASTED,
        },
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.response, comment.internal_note) == (STORED, STORED)
