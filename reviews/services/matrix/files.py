"""The comment matrix written as files: CSV (streamed) and XLSX (with its instructions and the
hidden sheet the round trip reads back). Rows come from ``rows.matrix_rows``; each writer
reports its progress every 1,000 rows for background jobs.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import IO

import xlsxwriter
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guidance.text import clean_optional, clean_text
from reviews.enums import Disposition
from reviews.services.matrix.rows import (
    COLUMNS,
    DATETIME_FORMAT,
    KEYS,
    META_MARKER,
    META_SHEET,
    PROGRESS_EVERY,
    column_index,
    export_language,
    fingerprint,
    formula_like,
    inert,
    matrix_header,
    row_fingerprint,
)


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
        for index, (key, _label, width, wrapped, _value) in enumerate(COLUMNS[: len(header)]):
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
