"""A count shown with a noun agrees with it (ngettext / blocktranslate count): "1 proposal to approve",
"2 proposals to approve" — in French the catalog gives "1 proposition à approuver" (docs/design.md)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Comment
from reviews.selectors.dashboard import dashboard
from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db


def labels(review_round) -> list[str]:
    return [bar.label for bar in dashboard({"round": review_round.pk}).stats]


def test_dashboard_figures_and_their_labels_agree(review_round, section, states, moderator):
    first = submitted(review_round, section, states["MA"], moderator)
    Comment.objects.filter(pk=first.pk).update(proposed_at=timezone.now())
    assert labels(review_round) == [
        "submitted comment",
        "comment awaiting a decision",
        "comment not assigned",
        "proposal to approve",
        "decisions not yet published",  # zero takes the plural in English
        "responses published",
    ]
    second = submitted(review_round, section, states["MX"], moderator)
    Comment.objects.filter(pk=second.pk).update(proposed_at=timezone.now())
    assert labels(review_round)[:4] == [
        "submitted comments",
        "comments awaiting a decision",
        "comments not assigned",
        "proposals to approve",
    ]


def test_the_heatmap_and_progress_say_one_comment_in_the_singular(client, review_round, section, states, moderator):
    submitted(review_round, section, states["MA"], moderator)
    client.force_login(moderator)
    page = client.get(reverse("reviews:triage_dashboard"), {"round": review_round.pk}).content.decode()
    assert 'aria-label="1 comment on section 1 from Champion country"' in page
    assert "0 of 1 comment decided (0 %)" in page
    assert "1 comments" not in page


def test_my_review_counts_sections_in_the_singular_too(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    page = client.get("/en/my-review/").content.decode()
    assert "0 of 1 section commented" in page
    assert "1 sections" not in page
