"""Literal query budgets of the working group's busiest pages (issue 13, item 6): not only "does
not grow with the data" (tests/reviews/views/test_triage.py) but exactly this many, so that a change
that adds one query to every request is seen and decided on. The same on SQLite and PostgreSQL.

Each page is asked once to warm what a first request loads once per process, then counted with
1 comment and again with 30 comments of 3 delegations: both must be the budget.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Comment
from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db

# page: (address, queries). Measured on 2026-12-03, the same on both databases. The session,
# the user, the second-factor check and the menu's permissions are about half of each.
BUDGETS = {
    "dashboard": ("/en/triage/?round={round}", 23),
    "triage list": ("/en/triage/comments/?round={round}", 14),
    "triage comment": ("/en/triage/comments/{comment}/?round={round}", 20),
    "publish page": ("/en/triage/rounds/{round}/publish/", 8),
    "export csv": ("/en/triage/export/?round={round}&format=csv", 13),
    "export xlsx": ("/en/triage/export/?round={round}&format=xlsx", 13),
    "disposition report": ("/en/triage/rounds/{round}/disposition/", 8),
}


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize("page", list(BUDGETS))
def test_the_page_keeps_its_budget(client, moderator, review_round, section, states, page):
    first = submitted(review_round, section, states["MA"], moderator, body="The first comment.")
    Comment.objects.filter(pk=first.pk).update(disposition="noted")
    url, budget = BUDGETS[page]
    client.force_login(moderator)
    queries(client, url.format(round=review_round.pk, comment=first.pk))  # warm-up
    one = queries(client, url.format(round=review_round.pk, comment=first.pk))
    for n in range(30):
        comment = submitted(review_round, section, states[("MA", "KE", "MX")[n % 3]], moderator, body=f"Comment {n}.")
        Comment.objects.filter(pk=comment.pk).update(disposition="accepted" if n % 2 else "noted")
    many = queries(client, url.format(round=review_round.pk, comment=first.pk))
    assert (one, many) == (budget, budget)
