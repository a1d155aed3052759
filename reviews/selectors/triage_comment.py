"""One comment's triage page: the comment with all it shows, likely duplicates, the other
comments on its paragraph, its section's blocks, and its triage history in the reader's language."""

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from guidance.models import Block
from reviews.enums import CommentState
from reviews.models import Comment, Theme, TriageChange
from reviews.selectors.triage import group_expression, triage_base, uses_postgres


def triage_comment(pk: int) -> Comment:
    """One comment with everything its triage page shows (no drafts)."""
    return (
        triage_base()
        .select_related(
            "section__version__document",
            "section__objective",
            "review_round",
            "member_state",
            "organisation",
            "author",
            "assignee",
            "addressed_in__document",
            "duplicate_of",
            "proposed_by",
            "submission",
            "external_feedback",
        )
        .annotate(reviewer_group=group_expression())
        .prefetch_related("themes", "attachments", "replies__author")
        .get(pk=pk)
    )


def likely_duplicates(comment: Comment, limit: int = 5) -> list[Comment]:
    """Other comments on the same section whose text is close to this one (at most ``limit``).

    PostgreSQL: trigram similarity (pg_trgm) of at least 0.3. Elsewhere: the share of words
    in common (Jaccard) of at least a half, over at most 300 comments. Comparing within the
    section keeps the cost bounded by the section, not the round: across a 100,000-comment
    round a trigram search took seconds (docs/triage.md).
    """
    others = (
        triage_base()
        .filter(review_round_id=comment.review_round_id, section_id=comment.section_id)
        .exclude(pk=comment.pk)
        .select_related("member_state", "organisation", "section")
    )
    if uses_postgres() and _has_trigram():
        return list(
            others.annotate(similarity=TrigramSimilarity("body", comment.body))
            .filter(similarity__gte=0.3)
            .order_by("-similarity", "pk")[:limit]
        )
    candidates = list(others.order_by("pk")[:300])
    words = _words(comment.body)
    scored = []
    for other in candidates:
        theirs = _words(other.body)
        similarity = len(words & theirs) / len(words | theirs) if words | theirs else 0
        if similarity >= 0.5:
            other.similarity = similarity
            scored.append(other)
    scored.sort(key=lambda c: (-c.similarity, c.pk))
    return scored[:limit]


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold()) if len(word) > 2}


_TRIGRAM: dict[str, bool] = {}


def _has_trigram() -> bool:
    alias = connection.alias
    if alias not in _TRIGRAM:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _TRIGRAM[alias] = cursor.fetchone() is not None
    return _TRIGRAM[alias]


def same_paragraph(comment: Comment) -> list[Comment]:
    """Other comments (of any delegation) on the same paragraph, or on the section when none is named."""
    queryset = triage_base().filter(review_round_id=comment.review_round_id, section_id=comment.section_id)
    queryset = queryset.filter(block_key=comment.block_key) if comment.block_key else queryset.filter(block_key="")
    return list(
        queryset.exclude(pk=comment.pk)
        .select_related("member_state", "organisation")
        .order_by("submitted_at", "pk")[:50]
    )


def section_blocks(comment: Comment) -> list[Block]:
    return list(Block.objects.filter(section_id=comment.section_id).order_by("position"))


def triage_history(comment: Comment) -> list[dict]:
    """Every change to the comment since it was submitted, newest first: its state and its triage.

    How the delegation drafted it before submitting stays with the delegation (docs/security.md):
    the history starts at the submitted text.
    """
    entries = []
    records = list(
        comment.history.exclude(state=CommentState.DRAFT)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    watched = ("body", "proposed_change", "kind", "language", "state")
    previous = None
    for record in records:
        if previous is None:
            entries.append(
                {"at": record.history_date, "actor": record.history_user, "field": "created", "old": "", "new": ""}
            )
        else:
            for name in watched:
                old, new = getattr(previous, name), getattr(record, name)
                if old != new:
                    entries.append(
                        {"at": record.history_date, "actor": record.history_user, "field": name, "old": old, "new": new}
                    )
        previous = record
    changes = list(TriageChange.objects.filter(comment=comment).select_related("actor"))
    names = _referenced_names(changes)
    for change in changes:
        old, new = (_resolve(value, names) for value in (change.old, change.new))
        entries.append({"at": change.at, "actor": change.actor, "field": change.field, "old": old, "new": new})
    entries.sort(key=lambda e: e["at"], reverse=True)
    return entries


REFERENCE = re.compile(r"^(theme|version):(\d+)$")


def _referenced_names(changes: list[TriageChange]) -> dict[tuple[str, int], str]:
    """Names, in the active language, of the themes and versions the history refers to (a query each, if any)."""
    from guidance.models import DocumentVersion

    wanted: dict[str, set[int]] = {"theme": set(), "version": set()}
    for change in changes:
        for part in f"{change.old},{change.new}".split(","):
            match = REFERENCE.match(part)
            if match:
                wanted[match[1]].add(int(match[2]))
    names = {}
    if wanted["theme"]:
        names.update({("theme", pk): theme.name for pk, theme in Theme.objects.in_bulk(wanted["theme"]).items()})
    if wanted["version"]:
        versions = DocumentVersion.objects.select_related("document").in_bulk(wanted["version"])
        names.update({("version", pk): str(version) for pk, version in versions.items()})
    return names


def _resolve(value: str, names: dict[tuple[str, int], str]) -> str:
    """A recorded value with its references as names ("theme:3,theme:7" → "Données, Genre et âge"); a value
    recorded before references (English text) as it was written."""
    parts = value.split(",") if value else []
    if not parts or not all(REFERENCE.match(part) for part in parts):
        return value
    shown = []
    for part in parts:
        kind, pk = REFERENCE.match(part).groups()
        shown.append(names.get((kind, int(pk)), "—"))
    return ", ".join(sorted(shown))
