"""The comments a matrix export holds: exactly the triage list's, with the same filters and sort."""

from django.db.models import QuerySet

from reviews.models import Comment
from reviews.selectors.triage import triage_ordered


def matrix_comments(filters: dict) -> QuerySet[Comment]:
    """The filtered triage list (never drafts), sorted as on screen, for the exports (no rows loaded yet)."""
    return triage_ordered(filters)
