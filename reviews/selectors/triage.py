"""Reads for the working group: the triage list, its filters, one comment's context, duplicates.

Every read here runs a fixed number of queries whatever the number of comments; counting and
grouping happen in the database. Moderators and drafters never see a delegation's drafts.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, CharField, Count, F, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.formats import date_format

from champions.enums import ReviewerGroup
from champions.models import Delegation
from reviews.enums import CommentState, Disposition
from reviews.models import Comment, ReviewRound, Theme
from reviews.search import SEARCH_CONFIG, Fold, fold, search_vector

PAGE_SIZE = 50

# Field → lookup, for the filters that are a plain equality on the comment.
_EQUAL = {
    "round": "review_round_id",
    "section": "section_id",
    "objective": "section__objective__number",
    "document": "section__version__document__slug",
    "version": "section__version_id",
    "kind": "kind",
    "source": "source",
    "language": "language",
    "disposition": "disposition",
    "priority": "priority",
    "theme": "themes",
    "paragraph": "block_key",
}

SORTS = {
    "section": ("section__version__document__position", "section__order", "paragraph", "pk"),
    "newest": ("-submitted_at", "-pk"),
    "oldest": ("submitted_at", "pk"),
    "priority": ("priority", "section__version__document__position", "section__order", "pk"),
    "disposition": ("disposition", "section__version__document__position", "section__order", "pk"),
    "updated": ("-updated_at", "-pk"),
    "id": ("pk",),
}


def group_q(group: str) -> Q:
    """Comments from a reviewer group (derived from the delegation, as in champions)."""
    return {
        ReviewerGroup.CHAMPION: Q(member_state__is_champion=True),
        ReviewerGroup.MEMBER_STATE: Q(member_state__is_champion=False),
        ReviewerGroup.REFERENCE_GROUP: Q(organisation__in_reference_group=True),
        ReviewerGroup.STAKEHOLDER: Q(organisation__in_reference_group=False),
    }.get(group, Q(pk__in=[]))


def region_q(region: str) -> Q:
    return Q(member_state__region=region) | Q(organisation__member_state__region=region)


def group_expression() -> Case:
    return Case(
        When(member_state__is_champion=True, then=Value(ReviewerGroup.CHAMPION.value)),
        When(member_state__isnull=False, then=Value(ReviewerGroup.MEMBER_STATE.value)),
        When(organisation__in_reference_group=True, then=Value(ReviewerGroup.REFERENCE_GROUP.value)),
        default=Value(ReviewerGroup.STAKEHOLDER.value),
        output_field=CharField(),
    )


def region_expression():
    return Coalesce("member_state__region", "organisation__member_state__region", output_field=CharField())


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def chapter_q(pk) -> Q:
    """Comments on a top-level section and on every section under it (sections are ordered in a version)."""
    from guidance.models import Section

    chapter = Section.objects.filter(pk=pk).values("version_id", "order", "depth").first()
    if chapter is None:
        return Q(pk__in=[])
    following = (
        Section.objects.filter(
            version_id=chapter["version_id"], order__gt=chapter["order"], depth__lte=chapter["depth"]
        )
        .order_by("order")
        .values_list("order", flat=True)
        .first()
    )
    condition = Q(section__version_id=chapter["version_id"], section__order__gte=chapter["order"])
    return condition & Q(section__order__lt=following) if following is not None else condition


def text_search(queryset: QuerySet, text: str) -> QuerySet:
    text = text.strip()[:200]
    if not text:
        return queryset
    if text.isdigit():  # a comment's number
        return queryset.filter(pk=int(text))
    # Accent- and case-insensitive in every language (reviews/search.py, docs/reviews.md).
    if uses_postgres():
        return queryset.alias(document=search_vector()).filter(
            document=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        )
    condition = Q()
    for word in text.split()[:8]:
        word = fold(word)
        condition &= Q(body_folded__contains=word) | Q(proposed_folded__contains=word) | Q(quote_folded__contains=word)
    return queryset.alias(
        body_folded=Fold("body"), proposed_folded=Fold("proposed_change"), quote_folded=Fold("quote")
    ).filter(condition)


def triage_base() -> QuerySet[Comment]:
    """Every comment the working group may see: never a delegation's drafts."""
    return Comment.objects.exclude(state=CommentState.DRAFT)


def apply_filters(queryset: QuerySet[Comment], filters: dict) -> QuerySet[Comment]:
    """Narrow comments by the triage list's filters (already validated; unknown values match nothing)."""
    for name, lookup in _EQUAL.items():
        value = filters.get(name)
        if value not in (None, ""):
            queryset = queryset.filter(**{lookup: value})
    if filters.get("state"):
        queryset = queryset.filter(state=filters["state"])
    if filters.get("chapter"):
        queryset = queryset.filter(chapter_q(filters["chapter"]))
    if filters.get("group"):
        queryset = queryset.filter(group_q(filters["group"]))
    if filters.get("region"):
        queryset = queryset.filter(region_q(filters["region"]))
    if filters.get("delegation"):
        key = Delegation.parse(filters["delegation"])
        queryset = queryset.filter(Delegation.key_q(key)) if key else queryset.none()
    assignee = filters.get("assignee")
    if assignee == "none":
        queryset = queryset.filter(assignee__isnull=True)
    elif assignee:
        queryset = queryset.filter(assignee_id=assignee)
    if filters.get("day"):
        queryset = queryset.filter(submitted_at__date=filters["day"])
    if filters.get("no_theme"):
        queryset = queryset.filter(themes__isnull=True)
    workflow = filters.get("workflow")
    if workflow == "proposed":
        queryset = queryset.exclude(proposed_at__isnull=True)
    elif workflow == "unpublished":
        queryset = queryset.exclude(disposition=Disposition.PENDING).filter(published_at__isnull=True)
    elif workflow == "changed":
        queryset = queryset.filter(published_at__isnull=False).exclude(
            disposition=F("published_disposition"), response=F("published_response")
        )
    elif workflow == "published":
        queryset = queryset.filter(published_at__isnull=False)
    if filters.get("q"):
        queryset = text_search(queryset, filters["q"])
    return queryset


def triage_ordered(filters: dict) -> QuerySet[Comment]:
    """The filtered comments in the list's order, without what the rows show (cheap to sort and count)."""
    queryset = apply_filters(triage_base(), filters)
    if filters.get("theme"):  # the theme filter joins the themes: one row per comment again, without DISTINCT
        queryset = Comment.objects.filter(pk__in=queryset.values("pk"))
    return queryset.order_by(*SORTS.get(filters.get("sort") or "section", SORTS["section"]))


def triage_rows() -> QuerySet[Comment]:
    """What each row of the list shows (themes prefetched: one query per page)."""
    return (
        Comment.objects.select_related(
            "section__version__document",
            "section__objective",
            "member_state",
            "organisation",
            "assignee",
            "review_round",
        )
        .annotate(reviewer_group=group_expression())
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
    )


def triage_page(filters: dict, number, per_page: int = PAGE_SIZE) -> Page:
    """One page of the list in four queries whatever its size: count, the page's ids (sorted on
    narrow rows, so PostgreSQL does not carry every comment's text through the sort), the rows,
    their themes."""
    page = Paginator(triage_ordered(filters).values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = triage_rows().in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


def filters_query(filters: dict, **changes) -> str:
    """The list's URL query for these filters, with some changed (saved filters live in the URL)."""
    merged = {**filters, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False) and k != "page"})


@dataclass
class CommentContext:
    comment: Comment
    blocks: list
    same_paragraph: list
    duplicates: list
    history: list
    position: tuple[int, int] | None = None


def neighbours(filters: dict, pk: int) -> tuple[int | None, int | None]:
    """The comments before and after this one in the filtered, sorted list ("save and next")."""
    ids = list(triage_ordered(filters).values_list("pk", flat=True)[:5000])
    try:
        index = ids.index(pk)
    except ValueError:
        return None, ids[0] if ids else None
    return (ids[index - 1] if index else None, ids[index + 1] if index + 1 < len(ids) else None)


def filter_value_label(name: str, value) -> str:
    """What a hidden filter's value stands for, in words (one query at most)."""
    from guidance.models import Document, DocumentVersion, Section

    if name in ("section", "chapter"):
        section = Section.objects.filter(pk=value).select_related("version__document").first()
        return f"{section.version.document.title} {section.number} {section.title}" if section else str(value)
    if name == "version":
        version = DocumentVersion.objects.filter(pk=value).select_related("document").first()
        return str(version) if version else str(value)
    if name == "delegation":
        found = Delegation.from_value(value)
        return found.name if found else str(value)
    if name == "document":
        document = Document.objects.filter(slug=value).first()
        return document.title if document else str(value)
    if name == "day":
        try:
            return date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return str(value)
    return str(value)


# --- Publishing responses, themes, rounds -----------------------------------------------------


def publishable(review_round: ReviewRound) -> QuerySet[Comment]:
    """Comments with a decision that the delegation has not yet seen (never published, or changed since)."""
    return (
        Comment.objects.filter(review_round=review_round, state=CommentState.SUBMITTED)
        .exclude(disposition=Disposition.PENDING)
        .filter(
            Q(published_at__isnull=True)
            | ~Q(published_disposition=F("disposition"))
            | ~Q(published_response=F("response"))
        )
    )


def publish_summary(review_round: ReviewRound) -> list[tuple[str, int]]:
    """What publishing would send: (disposition label, number of comments), in the dispositions' order."""
    rows = publishable(review_round).values("disposition").annotate(n=Count("pk")).order_by("disposition")
    labels = dict(Disposition.choices)
    return [(labels[row["disposition"]], row["n"]) for row in rows]


def submitted_comment(pk: int) -> Comment | None:
    """A comment that others may see (not a draft), to mark another one as its duplicate."""
    return Comment.objects.filter(pk=pk).exclude(state=CommentState.DRAFT).first()


def themes_with_counts() -> QuerySet[Theme]:
    return Theme.objects.annotate(comment_count=Count("comments")).order_by("name")


def rounds_latest_first() -> list[ReviewRound]:
    return list(ReviewRound.objects.order_by("-opens_at"))
