"""The comments a matrix export holds: exactly the triage list's, with the same filters and sort."""

from django.db.models import QuerySet

from reviews.models import Comment
from reviews.selectors.triage import SORTS, apply_filters, triage_base


def matrix_comments(filters: dict) -> QuerySet[Comment]:
    """The filtered triage list (never drafts), sorted as on screen, for the exports (no rows loaded yet)."""
    queryset = apply_filters(triage_base(), filters)
    if filters.get("theme"):  # the theme filter joins the themes: one row per comment again, without DISTINCT
        queryset = Comment.objects.filter(pk__in=queryset.values("pk"))
    return queryset.order_by(*SORTS.get(filters.get("sort") or "section", SORTS["section"]))
