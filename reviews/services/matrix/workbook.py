"""Reading an uploaded comment matrix: the workbook, its hidden sheet, its headers and cells
(Open XML escapes, formulas, the v1 apostrophes), through the safe reader of ``guidance.uploads``."""

import datetime
import hashlib
import re

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from guidance.uploads import xlsx_rows
from reviews.enums import Disposition
from reviews.services.matrix.rows import (
    FORMULA_STARTS,
    KEYS,
    LEGACY_HEADERS,
    META_MARKER,
    META_MARKER_V1,
    META_SHEET,
    STABLE_COLUMNS,
    cell_text,
    fingerprint,
    matrix_header,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
EDITABLE = ("disposition", "response", "addressed_in")
META_COLUMNS = 7  # id, lock_version, disposition, response, addressed_in, body, row (v2)
META_HEADER_ROWS = 2  # the marker, then the column names
CHUNK = 5000


# Reading the file ---------------------------------------------------------------------------


def read_file(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(MAX_BYTES + 1)


# Open XML writes a character as _xHHHH_ in a cell (and a literal "_x" as _x005F_x): openpyxl leaves them.
_XML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    return _XML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def uninert_v1(value):
    """A v1 export's cell as exported: the ``'`` that kept a formula-like text inert is removed."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def is_formula(cell) -> bool:
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        return True
    if value is not None and not isinstance(value, str | int | float | datetime.datetime):
        return True  # array formulas and the like
    # A text cell starting with "=" is text (the export writes formula-like texts so); a bare value is not.
    return isinstance(value, str) and value.startswith("=") and kind not in ("s", "inlineStr")


def file_text(value, legacy: bool = False) -> str:
    """A cell's value as the text the export wrote (see ``rows.cell_text``)."""
    if isinstance(value, str):
        value = unescape(value)
        if legacy:
            value = uninert_v1(value)
    return cell_text(value)


def same_body(value, exported: str, legacy: bool) -> bool:
    """Whether a row's comment text is the one exported with its ID (by fingerprint)."""
    if fingerprint(file_text(value, legacy)) == exported:
        return True
    if legacy and isinstance(value, str):
        # v1 fingerprinted the stored text as it was, control characters included.
        raw = uninert_v1(unescape(value)).replace("\r\n", "\n").strip()
        return hashlib.sha256(raw.encode()).hexdigest()[:16] == exported
    return False


def headers_problem(found: tuple) -> str | None:
    """None when the first row is the matrix's header (in any language); otherwise the error."""
    headers = [matrix_header(language) for language in ("en", "fr", "es")]
    legacy = {index: LEGACY_HEADERS[key] for index, key in enumerate(KEYS) if key in LEGACY_HEADERS}
    for index in range(STABLE_COLUMNS):
        value = file_text(found[index]) if index < len(found) else ""
        accepted = {header[index].casefold() for header in headers}
        if index in legacy:
            for language in ("en", "fr", "es"):
                with translation.override(language):
                    accepted.add(str(legacy[index]).casefold())
        if value.casefold() not in accepted:
            return _("The first row is not the matrix's header: column %(number)d should be “%(expected)s”.") % {
                "number": index + 1,
                "expected": matrix_header()[index],
            }
    return None


def disposition_names() -> dict[str, str]:
    """Every way a disposition may be written (its code, or its label in any language) → its code."""
    found = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            for choice in Disposition:
                found[str(choice.label).casefold()] = choice.value
    found.update({choice.value: choice.value for choice in Disposition})
    return found


def read_meta(workbook) -> tuple[str, dict[int, tuple], bool]:
    """When the file was exported, each exported row's values and fingerprints, and whether it is a v1 export."""
    if META_SHEET not in workbook.sheetnames:
        raise ValidationError(
            _(
                "This file is not an export of the comment matrix (its hidden data is missing). "
                "Export the matrix again."
            ),
            code="not_export",
        )
    rows = xlsx_rows(workbook[META_SHEET], max_rows=MAX_ROWS, max_columns=META_COLUMNS, header_rows=META_HEADER_ROWS)
    first = next(rows, None) or ()
    if not first or first[0] not in (META_MARKER, META_MARKER_V1):
        raise ValidationError(_("This file is not an export of the comment matrix."), code="not_export")
    next(rows, None)  # column names
    exported = {}
    for values in rows:
        if values and isinstance(values[0], int):
            comment_id, lock, disposition, response, addressed_in, body, row = (tuple(values) + (None,) * 7)[:7]
            exported[comment_id] = (lock, disposition or "", response or "", addressed_in, body or "", row or "")
    return str(first[1] or ""), exported, first[0] == META_MARKER_V1


def sheet_rows(sheet) -> tuple[tuple, list[tuple[int, tuple]]]:
    iterator = xlsx_rows(sheet, max_rows=MAX_ROWS, max_columns=len(KEYS), values_only=False)
    header = tuple(cell.value for cell in next(iterator, ()))
    error = headers_problem(header)
    if error:
        raise ValidationError(error, code="header")
    rows = []
    for line, cells in enumerate(iterator, start=2):
        if not any(file_text(getattr(cell, "value", None)) for cell in cells):
            continue
        cells = tuple(cells) + (None,) * (len(KEYS) - len(cells))
        rows.append((line, cells))
    return header, rows
