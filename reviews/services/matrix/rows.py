"""The comment matrix's rows and the two spreadsheet formats (CSV and XLSX), streamed.

``matrix_rows`` reads the comments with ``.values()`` and a server-side cursor (on
PostgreSQL): three queries whatever the number of rows (the delegations' names, the
organisations' names and the comments themselves), and one chunk of rows in memory at a
time. The writers consume the rows one by one, so a round of 50,000 comments is written
with the same memory as a round of 50.

Every text is written as ``guidance.text.clean_text`` leaves it (line breaks kept, control
characters dropped, NFC), so any text stored can be written.

A text a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@`` or a
tab — OWASP's "CSV injection") stays text, recoverably:

- CSV: a leading ``'`` is added — and also to a text that itself starts with ``'``, so
  removing exactly one leading ``'`` (``uninert``) always gives the text back;
- XLSX: the exact text in a string cell formatted with Excel's *quote prefix* (what Excel
  itself does when one types ``'=1+1``): shown and kept as text, read back unchanged.
"""

import datetime
import hashlib
import zoneinfo
from collections.abc import Callable, Iterator
from typing import NamedTuple

from django.conf import settings
from django.db.models import (
    Aggregate,
    CharField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, pgettext_lazy

from champions.enums import ReviewerGroup
from champions.models import MemberState, Organisation
from guidance.text import clean_text
from reviews.enums import CommentKind, CommentSource, CommentState, Disposition
from reviews.models import Comment
from reviews.selectors.triage import SORTS, group_expression


def _field(name: str, blank=None):
    """The cell is the record's ``name`` (``blank`` for none): most columns read one value as it is."""
    if blank is None:
        return lambda item: item[name]
    return lambda item: item[name] if item[name] is not None else blank


class Column(NamedTuple):
    """One column of the matrix: its key, header, width in characters, whether it wraps, and how its
    cell is read from a record of ``MatrixRows.records`` — the row follows the definitions, never a
    hand-kept order."""

    key: str
    header: object
    width: int
    wrapped: bool
    value: Callable[[dict], object]


# The first 19 are a stable interface (ARCHITECTURE.md).
COLUMNS = (
    Column("id", pgettext_lazy("matrix column", "ID"), 8, False, _field("pk")),
    Column("round", gettext_lazy("Round"), 24, False, _field("m_round")),
    Column("document", gettext_lazy("Document"), 24, False, _field("m_document")),
    Column("version", gettext_lazy("Version"), 12, False, _field("section__version__label")),
    Column("section", gettext_lazy("Section"), 30, True, _field("section_label")),
    Column("paragraph", gettext_lazy("Paragraph"), 10, False, _field("paragraph", "")),
    Column("objective", gettext_lazy("Objective"), 10, False, _field("section__objective__number", "")),
    Column("delegation", gettext_lazy("Delegation"), 24, False, _field("delegation_name")),
    Column("group", gettext_lazy("Reviewer group"), 18, False, _field("group_label")),
    Column("source", gettext_lazy("Source"), 16, False, _field("source_label")),
    Column("kind", gettext_lazy("Type of comment"), 14, False, _field("kind_label")),
    Column("body", gettext_lazy("Comment"), 60, True, _field("body")),
    Column("proposed_change", gettext_lazy("Proposed change"), 50, True, _field("proposed_change")),
    Column("language", gettext_lazy("Language"), 10, False, _field("language_label")),
    Column(
        "submitted_at",
        gettext_lazy("Submitted at (Geneva time)"),
        17,
        False,
        lambda item: geneva_time(item["submitted_at"]),
    ),
    Column("state", gettext_lazy("Status"), 12, False, _field("state_label")),
    Column("disposition", gettext_lazy("Disposition"), 20, False, _field("disposition_label")),
    Column("response", gettext_lazy("Response"), 60, True, _field("response")),
    Column("addressed_in", gettext_lazy("Addressed in version"), 14, False, _field("addressed_in__label", "")),
    Column("themes", gettext_lazy("Themes"), 24, True, _field("themes_label")),
    Column("assignee", gettext_lazy("Assignee"), 20, False, _field("assignee_label")),
    Column("internal_note", gettext_lazy("Internal note"), 40, True, _field("internal_note")),
    Column("quote", gettext_lazy("Quoted passage"), 40, True, _field("quote")),
)
# Headers of earlier exports, still accepted by the upload.
LEGACY_HEADERS = {"submitted_at": gettext_lazy("Submitted at")}
KEYS = tuple(column.key for column in COLUMNS)
STABLE_COLUMNS = 19
CHUNK_SIZE = 2000
PROGRESS_EVERY = 1000

# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What gets an apostrophe in CSV: formula starts, and the apostrophe itself (so one can always be removed).
_QUOTED_STARTS = (*FORMULA_STARTS, "'")
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# The cells that say which comment a row is (never read back as edits): their fingerprint tells
# two comments of the same text apart, e.g. when their IDs were swapped.
IDENTITY = (
    "round",
    "document",
    "version",
    "section",
    "paragraph",
    "objective",
    "delegation",
    "group",
    "source",
    "kind",
    "body",
    "proposed_change",
    "language",
    "submitted_at",
    "quote",
)
# Theme names are joined in the database with a separator no name contains, then sorted here.
_THEME_SEPARATOR = "\x1f"

META_SHEET = "matrix_meta"
META_MARKER = "guidance-review comment matrix v2"
# v1 wrote formula-like cells with a literal leading apostrophe; its uploads still remove it.
META_MARKER_V1 = "guidance-review comment matrix v1"


def column_index(key: str) -> int:
    return KEYS.index(key)


def matrix_header(language: str | None = None) -> tuple[str, ...]:
    """The header row in a language (the active one by default)."""
    with translation.override(language or translation.get_language()):
        return tuple(str(column.header) for column in COLUMNS)


def inert(value):
    """A CSV text cell that cannot run as a formula: a leading ``'`` when it starts like one (or with ``'``)."""
    if isinstance(value, str) and value.startswith(_QUOTED_STARTS):
        return "'" + value
    return value


def uninert(value):
    """The text of a CSV cell written by ``inert``: one leading ``'`` removed."""
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def fingerprint(text: str | None) -> str:
    """A short hash of a text cell, to tell later whether it was edited (never a secret).

    Of the text as exported (``clean_text``) without leading or trailing white space.
    """
    normal = clean_text(text).strip()
    return hashlib.sha256(normal.encode()).hexdigest()[:16]


def cell_text(value) -> str:
    """A cell's value as text, the same whether written or read back (numbers, date-times, text)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # Excel keeps a date-time as a fraction of days: round to the minute the export wrote.
        value = (value + datetime.timedelta(seconds=30)).replace(second=0, microsecond=0)
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value)).strip()


def row_fingerprint(cells) -> str:
    """The fingerprint of the cells saying which comment a row is (``IDENTITY``), found by column position."""
    joined = "\x1f".join(cell_text(cells[column_index(key)]) for key in IDENTITY)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


class ThemeNames(Aggregate):
    """Names joined in one string: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(_THEME_SEPARATOR), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def _translated(field: str, language: str):
    """A modeltranslation field in the export's language, falling back to English when empty."""
    if language == "en":
        return F(f"{field}_en")
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), F(f"{field}_en"), output_field=CharField())


def _themes(language: str) -> Subquery:
    through = Comment.themes.through
    return Subquery(
        through.objects.filter(comment_id=OuterRef("pk"))
        .order_by()
        .values("comment_id")
        .annotate(names=ThemeNames(_translated("theme__name", language)))
        .values("names")[:1],
        output_field=TextField(),
    )


def export_language(language: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE[:2]


def matrix_values(queryset: QuerySet[Comment], language: str) -> QuerySet:
    """The comments as dictionaries of what the matrix shows (one query; no model instances)."""
    queryset = queryset.select_related(None).prefetch_related(None)
    if not queryset.query.order_by:
        queryset = queryset.order_by(*SORTS["section"])
    return queryset.annotate(
        m_round=_translated("review_round__title", language),
        m_document=_translated("section__version__document__title", language),
        m_section_title=_translated("section__title", language),
        m_group=group_expression(),
        m_themes=_themes(language),
    ).values(
        "pk",
        "m_round",
        "m_document",
        "section_id",
        "section__version__document_id",
        "section__version__label",
        "section__number",
        "m_section_title",
        "paragraph",
        "section__objective__number",
        "member_state_id",
        "organisation_id",
        "m_group",
        "source",
        "kind",
        "body",
        "proposed_change",
        "language",
        "submitted_at",
        "state",
        "disposition",
        "response",
        "addressed_in_id",
        "addressed_in__label",
        "m_themes",
        "assignee__full_name",
        "assignee__email",
        "internal_note",
        "lock_version",
        "quote",
    )


def delegation_names() -> tuple[dict[int, str], dict[int, str]]:
    """Every Member State's and organisation's name in the active language (two queries)."""
    states = {state.pk: state.name for state in MemberState.objects.only("pk", "country", "name_en")}
    organisations = {org.pk: str(org) for org in Organisation.objects.only("pk", "name", "acronym")}
    return states, organisations


def geneva_time(value) -> datetime.datetime | str:
    """The moment in Geneva time, to the minute, as a naive date-time (a spreadsheet's kind); "" for none."""
    if value is None:
        return ""
    local = timezone.localtime(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return local.replace(second=0, microsecond=0, tzinfo=None)


class MatrixRow(tuple):
    """A row's cells, carrying what the XLSX round trip needs beside them (not shown as columns)."""

    lock_version: int
    disposition: str
    response: str
    addressed_in_id: int | None
    body: str


class MatrixRows:
    """The rows of the matrix, read lazily: iterate once; ``header`` is in the export's language.

    ``record`` mode yields the raw dictionaries with display labels added (Word reports use it).
    """

    def __init__(self, queryset: QuerySet[Comment], language: str):
        self.language = export_language(language)
        self.queryset = queryset
        self.header = matrix_header(self.language)
        self.exported_at = timezone.now()

    def records(self) -> Iterator[dict]:
        with translation.override(self.language):
            states, organisations = delegation_names()
            # Labels translated once (str), not once per row: lazy strings cost a gettext call each time.
            kinds, sources, statuses, dispositions, languages, groups = (
                {value: str(label) for value, label in choices}
                for choices in (
                    CommentKind.choices,
                    CommentSource.choices,
                    CommentState.choices,
                    Disposition.choices,
                    settings.LANGUAGES,
                    ReviewerGroup.choices,
                )
            )
            values = matrix_values(self.queryset, self.language)
            for item in values.iterator(chunk_size=CHUNK_SIZE):
                themes = item["m_themes"]
                item.update(
                    delegation_name=(
                        states.get(item["member_state_id"], "")
                        if item["member_state_id"]
                        else organisations.get(item["organisation_id"], "")
                    ),
                    group_label=str(groups.get(item["m_group"], item["m_group"])),
                    kind_label=str(kinds.get(item["kind"], item["kind"])),
                    source_label=str(sources.get(item["source"], item["source"])),
                    state_label=str(statuses.get(item["state"], item["state"])),
                    disposition_label=str(dispositions.get(item["disposition"], item["disposition"])),
                    language_label=str(languages.get(item["language"], item["language"])),
                    themes_label=", ".join(sorted(themes.split(_THEME_SEPARATOR), key=str.casefold)) if themes else "",
                    assignee_label=item["assignee__full_name"] or item["assignee__email"] or "",
                    section_label=f"{item['section__number']} {item['m_section_title']}".strip(),
                )
                yield item

    def __iter__(self) -> Iterator[MatrixRow]:
        for item in self.records():
            row = MatrixRow(column.value(item) for column in COLUMNS)
            row.lock_version = item["lock_version"]
            row.disposition = item["disposition"]
            row.response = item["response"]
            row.addressed_in_id = item["addressed_in_id"]
            row.body = item["body"]
            yield row


def matrix_rows(queryset: QuerySet[Comment], language: str) -> MatrixRows:
    """One tuple per comment, the columns of ``COLUMNS`` in order, labels in ``language``.

    A fixed number of queries (three) whatever the number of comments; rows are read in
    chunks of 2,000 (a server-side cursor on PostgreSQL), never all at once. The result
    also has ``.header`` (the translated header row) and ``.language``.
    """
    return MatrixRows(queryset, language)
