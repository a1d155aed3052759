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

import csv
import datetime
import hashlib
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from typing import IO

import xlsxwriter
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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from champions.enums import ReviewerGroup
from champions.models import MemberState, Organisation
from guidance.text import clean_optional, clean_text
from reviews.enums import CommentKind, CommentSource, CommentState, Disposition
from reviews.models import Comment
from reviews.selectors.triage import SORTS, group_expression

# (key, header, width in characters, wrapped). The first 19 are a stable interface (ARCHITECTURE.md).
COLUMNS = (
    ("id", pgettext_lazy("matrix column", "ID"), 8, False),
    ("round", gettext_lazy("Round"), 24, False),
    ("document", gettext_lazy("Document"), 24, False),
    ("version", gettext_lazy("Version"), 12, False),
    ("section", gettext_lazy("Section"), 30, True),
    ("paragraph", gettext_lazy("Paragraph"), 10, False),
    ("objective", gettext_lazy("Objective"), 10, False),
    ("delegation", gettext_lazy("Delegation"), 24, False),
    ("group", gettext_lazy("Reviewer group"), 18, False),
    ("source", gettext_lazy("Source"), 16, False),
    ("kind", gettext_lazy("Type of comment"), 14, False),
    ("body", gettext_lazy("Comment"), 60, True),
    ("proposed_change", gettext_lazy("Proposed change"), 50, True),
    ("language", gettext_lazy("Language"), 10, False),
    ("submitted_at", gettext_lazy("Submitted at (Geneva time)"), 17, False),
    ("state", gettext_lazy("Status"), 12, False),
    ("disposition", gettext_lazy("Disposition"), 20, False),
    ("response", gettext_lazy("Response"), 60, True),
    ("addressed_in", gettext_lazy("Addressed in version"), 14, False),
    ("themes", gettext_lazy("Themes"), 24, True),
    ("assignee", gettext_lazy("Assignee"), 20, False),
    ("internal_note", gettext_lazy("Internal note"), 40, True),
    ("quote", gettext_lazy("Quoted passage"), 40, True),
)
# Headers of earlier exports, still accepted by the upload.
LEGACY_HEADERS = {"submitted_at": gettext_lazy("Submitted at")}
KEYS = tuple(key for key, *_rest in COLUMNS)
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
        return tuple(str(label) for _key, label, *_rest in COLUMNS)


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
            row = MatrixRow(
                (
                    item["pk"],
                    item["m_round"],
                    item["m_document"],
                    item["section__version__label"],
                    item["section_label"],
                    item["paragraph"] if item["paragraph"] is not None else "",
                    item["section__objective__number"] if item["section__objective__number"] is not None else "",
                    item["delegation_name"],
                    item["group_label"],
                    item["source_label"],
                    item["kind_label"],
                    item["body"],
                    item["proposed_change"],
                    item["language_label"],
                    geneva_time(item["submitted_at"]),
                    item["state_label"],
                    item["disposition_label"],
                    item["response"],
                    item["addressed_in__label"] or "",
                    item["themes_label"],
                    item["assignee_label"],
                    item["internal_note"],
                    item["quote"],
                )
            )
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


def _header_of(rows: Iterable, language: str | None) -> tuple[str, ...]:
    return getattr(rows, "header", None) or matrix_header(language)


def _counting(rows: Iterable, progress: Callable[[int], None] | None) -> Iterator:
    count = 0
    for count, row in enumerate(rows, start=1):
        yield row
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(count)


# CSV -------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write returns the line (for StreamingHttpResponse)."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    return str(inert(clean_text(value)) if isinstance(value, str) else value)


def write_csv(
    rows: Iterable, stream: IO[str], *, language: str | None = None, progress: Callable[[int], None] | None = None
) -> None:
    """The matrix as CSV: UTF-8 with a byte order mark (Excel reads accents right), one row at a time.

    ``stream`` is a text stream; open files with ``newline=""``.
    """
    writer = csv.writer(stream)
    stream.write("\ufeff")
    writer.writerow(_header_of(rows, language))
    for row in _counting(rows, progress):
        writer.writerow([_csv_cell(value) for value in row])


def matrix_csv_stream(rows: Iterable, *, language: str | None = None) -> Iterator[str]:
    """CSV lines for a ``StreamingHttpResponse`` (the byte order mark first)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(_header_of(rows, language))
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


# XLSX ------------------------------------------------------------------------------------


def disposition_labels(language: str) -> list[str]:
    with translation.override(language):
        return [str(label) for _value, label in Disposition.choices]


def write_xlsx(
    rows: Iterable,
    path_or_file,
    *,
    language: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """The matrix as an Excel workbook, written row by row with XlsxWriter's constant-memory mode.

    Sheets: the matrix (frozen header, filters, wrapped long texts, a list of dispositions),
    *Instructions*, and a very hidden sheet with each row's ``lock_version`` and fingerprints
    of the exported values, so an upload can tell edits from changes made in the app since.
    Returns the row count. (Formats are registered once; per-cell styling with openpyxl
    cost most of the export's time.)
    """
    language = export_language(getattr(rows, "language", None) or language or translation.get_language())
    exported_at = getattr(rows, "exported_at", None) or timezone.now()
    header = _header_of(rows, language)
    with translation.override(language):
        workbook = xlsxwriter.Workbook(
            path_or_file,
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "valign": "top", "text_wrap": True})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        top = workbook.add_format({"valign": "top"})
        # Formula-like texts: the same, with Excel's quote prefix (kept as text, even when edited).
        quoted = {
            wrap: workbook.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True}),
            top: workbook.add_format({"valign": "top", "quote_prefix": True}),
        }
        moment = workbook.add_format({"valign": "top", "num_format": "yyyy-mm-dd hh:mm"})
        sheet = workbook.add_worksheet(_("Comment matrix")[:31])
        meta = workbook.add_worksheet(META_SHEET)
        meta.very_hidden()
        instructions = workbook.add_worksheet(_("Instructions")[:31])
        _write_instructions(workbook, instructions, header)

        formats = []
        for index, (key, _label, width, wrapped) in enumerate(COLUMNS[: len(header)]):
            formats.append(moment if key == "submitted_at" else wrap if wrapped else top)
            sheet.set_column(index, index, width, formats[-1])
        sheet.freeze_panes(1, 1)
        disposition = column_index("disposition")
        sheet.data_validation(
            1,
            disposition,
            1048575,
            disposition,
            {
                "validate": "list",
                "source": disposition_labels(language),
                "ignore_blank": False,
                "error_title": _("Disposition"),
                "error_message": _("Choose a disposition from the list."),
            },
        )
        for index, value in enumerate(header):
            sheet.write_string(0, index, value, bold)
        meta.write_row(0, 0, [META_MARKER, exported_at.isoformat(), language])
        meta.write_row(1, 0, ["id", "lock_version", "disposition", "response", "addressed_in", "body", "row"])

        count = 0
        for count, row in enumerate(_counting(rows, progress), start=1):
            for index, value in enumerate(row):
                value = clean_optional(value)
                if value is None or value == "":
                    continue  # the column's format styles empty cells
                if isinstance(value, str):
                    style = quoted.get(formats[index], formats[index]) if formula_like(value) else formats[index]
                    sheet.write_string(count, index, value, style)
                elif isinstance(value, datetime.datetime):
                    sheet.write_datetime(count, index, value, formats[index])
                else:
                    sheet.write_number(count, index, value, formats[index])
            if hasattr(row, "lock_version"):
                addressed_in = row.addressed_in_id if row.addressed_in_id is not None else ""
                meta.write_row(
                    count + 1,
                    0,
                    [
                        row[0],
                        row.lock_version,
                        row.disposition,
                        fingerprint(row.response),
                        addressed_in,
                        fingerprint(row.body),
                        row_fingerprint(row) if len(row) == len(KEYS) else "",
                    ],
                )
        sheet.autofilter(0, 0, count, len(header) - 1)
        workbook.set_custom_property("matrix_exported_at", exported_at.isoformat())
        workbook.set_custom_property("matrix_language", language)
    workbook.close()
    return count


def _write_instructions(workbook, sheet, header: tuple[str, ...]) -> None:
    sheet.set_column(0, 0, 110, workbook.add_format({"text_wrap": True, "valign": "top"}))
    title = workbook.add_format({"bold": True, "font_size": 14})
    sheet.write_string(0, 0, _("The comment matrix: how to edit it and upload it back"), title)
    editable = ", ".join(f"“{header[column_index(key)]}”" for key in ("disposition", "response", "addressed_in"))
    lines = [
        "",
        _("One row per comment. Do not add rows, delete the “%(id)s” column or change an ID.")
        % {"id": header[column_index("id")]},
        _("Only these columns are read back when you upload the file: %(columns)s.") % {"columns": editable},
        _("Disposition: choose from the list (in English, French or Spanish). Mark duplicates in the app."),
        _("Addressed in version: the label of a version of the comment's document, or empty."),
        _("Formulas are refused: type text. Cells that start with an apostrophe are kept as text."),
        _(
            "Upload the file on the triage page (Comment matrix → Upload): you will see every change, "
            "and every conflict, before anything is saved."
        ),
        _(
            "Conflict: a comment changed in the app since this export, in a cell you also changed. "
            "It is never overwritten; make the change in the app or export again."
        ),
        _("You can sort and filter the rows; keep the header in the first row."),
    ]
    for number, line in enumerate(lines, start=1):
        if line:
            sheet.write_string(number, 0, line)
