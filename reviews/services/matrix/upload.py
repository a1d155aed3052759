"""The matrix's round trip: upload an edited XLSX export, preview every change, then apply.

Only three columns are read back — *Disposition*, *Response* and *Addressed in version* —
and only where the file differs from what was exported (the export's very hidden sheet
keeps, for each row, the comment's ``lock_version`` and fingerprints of those values).

For each row and column:

- the file holds the exported value → nothing to do (even if the app changed since);
- the file holds the app's current value → nothing to do (someone already did it);
- the comment changed in the app since the export (its ``lock_version`` moved) *and* the
  app's value of that column differs from the exported one → **conflict**: reported,
  never overwritten;
- otherwise → **will change**.

A row with any conflict or error changes nothing. Applying re-checks every row under
``SELECT … FOR UPDATE``: what changed between the preview and the confirmation becomes a
conflict and is skipped. Each applied change is a ``TriageChange`` and a history record.
"""

import datetime
import hashlib
import re
import uuid
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from guidance.models import DocumentVersion
from guidance.text import clean_text
from guidance.uploads import open_xlsx, xlsx_rows
from reviews.enums import Disposition
from reviews.models import COMMENT_MAX_LENGTH, Comment, TriageChange
from reviews.selectors.triage import triage_base
from reviews.services.matrix.rows import (
    FORMULA_STARTS,
    KEYS,
    LEGACY_HEADERS,
    META_MARKER,
    META_MARKER_V1,
    META_SHEET,
    STABLE_COLUMNS,
    cell_text,
    column_index,
    fingerprint,
    matrix_header,
    row_fingerprint,
)
from reviews.services.triage import _change, record_changes

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
EDITABLE = ("disposition", "response", "addressed_in")
META_COLUMNS = 7  # id, lock_version, disposition, response, addressed_in, body, row (v2)
META_HEADER_ROWS = 2  # the marker, then the column names
_CHUNK = 5000

UNCHANGED, CHANGE, CONFLICT, ERROR = "unchanged", "change", "conflict", "error"


@dataclass
class FieldChange:
    field: str
    old: object  # the app's current value: a code, a text, a version's pk (or None)
    new: object  # the file's value, in the same form
    old_display: str = ""
    new_display: str = ""

    @property
    def label(self) -> str:
        return matrix_header()[column_index(self.field)]


@dataclass
class UploadRow:
    line: int
    comment_id: int | None
    status: str = UNCHANGED
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[FieldChange] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock_version: int | None = None  # the comment's, when the file was checked


@dataclass
class MatrixUploadPreview:
    """What an upload would do, row by row (``rows`` lists only rows that change, conflict or fail)."""

    user_id: int
    token: str
    exported_at: str
    rows: list[UploadRow]
    unchanged: int = 0
    missing: list[int] = field(default_factory=list)  # exported comments whose row is not in the file

    @property
    def to_apply(self) -> list[UploadRow]:
        return [row for row in self.rows if row.status == CHANGE]

    def count(self, status: str) -> int:
        if status == UNCHANGED:
            return self.unchanged
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in (CHANGE, CONFLICT, ERROR, UNCHANGED)}

    def as_session(self) -> dict:
        """What the confirmation needs (JSON): the rows that will change, and whose preview it is."""
        return {
            "user": self.user_id,
            "token": self.token,
            "exported_at": self.exported_at,
            "rows": [
                {
                    "line": row.line,
                    "id": row.comment_id,
                    "lock": row.lock_version,
                    "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in row.changes],
                }
                for row in self.to_apply
            ],
        }

    @classmethod
    def from_session(cls, data: dict) -> "MatrixUploadPreview":
        rows = [
            UploadRow(
                line=item["line"],
                comment_id=item["id"],
                status=CHANGE,
                lock_version=item["lock"],
                changes=[FieldChange(**change) for change in item["changes"]],
            )
            for item in data["rows"]
        ]
        return cls(user_id=data["user"], token=data["token"], exported_at=data["exported_at"], rows=rows)


@dataclass
class MatrixApplyResult:
    changed: int
    conflicts: list[int]  # comment numbers skipped because they changed since the preview

    def as_dict(self) -> dict:
        return asdict(self)


# Reading the file ---------------------------------------------------------------------------


def _read(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(MAX_BYTES + 1)


# Open XML writes a character as _xHHHH_ in a cell (and a literal "_x" as _x005F_x): openpyxl leaves them.
_XML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    return _XML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def _uninert_v1(value):
    """A v1 export's cell as exported: the ``'`` that kept a formula-like text inert is removed."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _is_formula(cell) -> bool:
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        return True
    if value is not None and not isinstance(value, str | int | float | datetime.datetime):
        return True  # array formulas and the like
    # A text cell starting with "=" is text (the export writes formula-like texts so); a bare value is not.
    return isinstance(value, str) and value.startswith("=") and kind not in ("s", "inlineStr")


def _text(value, legacy: bool = False) -> str:
    """A cell's value as the text the export wrote (see ``rows.cell_text``)."""
    if isinstance(value, str):
        value = _unescape(value)
        if legacy:
            value = _uninert_v1(value)
    return cell_text(value)


def _same_body(value, exported: str, legacy: bool) -> bool:
    """Whether a row's comment text is the one exported with its ID (by fingerprint)."""
    if fingerprint(_text(value, legacy)) == exported:
        return True
    if legacy and isinstance(value, str):
        # v1 fingerprinted the stored text as it was, control characters included.
        raw = _uninert_v1(_unescape(value)).replace("\r\n", "\n").strip()
        return hashlib.sha256(raw.encode()).hexdigest()[:16] == exported
    return False


def _headers_ok(found: tuple) -> str | None:
    """None when the first row is the matrix's header (in any language); otherwise the error."""
    headers = [matrix_header(language) for language in ("en", "fr", "es")]
    legacy = {index: LEGACY_HEADERS[key] for index, key in enumerate(KEYS) if key in LEGACY_HEADERS}
    for index in range(STABLE_COLUMNS):
        value = _text(found[index]) if index < len(found) else ""
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


def _dispositions() -> dict[str, str]:
    """Every way a disposition may be written (its code, or its label in any language) → its code."""
    found = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            for choice in Disposition:
                found[str(choice.label).casefold()] = choice.value
    found.update({choice.value: choice.value for choice in Disposition})
    return found


def _meta(workbook) -> tuple[str, dict[int, tuple], bool]:
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


def _file_rows(sheet) -> tuple[tuple, list[tuple[int, tuple]]]:
    iterator = xlsx_rows(sheet, max_rows=MAX_ROWS, max_columns=len(KEYS), values_only=False)
    header = tuple(cell.value for cell in next(iterator, ()))
    error = _headers_ok(header)
    if error:
        raise ValidationError(error, code="header")
    rows = []
    for line, cells in enumerate(iterator, start=2):
        if not any(_text(getattr(cell, "value", None)) for cell in cells):
            continue
        cells = tuple(cells) + (None,) * (len(KEYS) - len(cells))
        rows.append((line, cells))
    return header, rows


# Checking each row --------------------------------------------------------------------------


def _current(ids: list[int]) -> dict[int, dict]:
    found = {}
    for start in range(0, len(ids), _CHUNK):
        values = (
            triage_base()
            .filter(pk__in=ids[start : start + _CHUNK])
            .order_by()
            .values(
                "pk",
                "lock_version",
                "disposition",
                "response",
                "addressed_in_id",
                "addressed_in__label",
                "section__version__document_id",
            )
        )
        found.update({item["pk"]: item for item in values})
    return found


def _versions(document_ids: set[int]) -> dict[tuple[int, str], tuple[int, str]]:
    rows = DocumentVersion.objects.filter(document_id__in=document_ids).values_list("pk", "document_id", "label")
    return {(document_id, label.strip().casefold()): (pk, label) for pk, document_id, label in rows}


def _cell(cells: tuple, key: str):
    return cells[column_index(key)]


def _check_row(row: UploadRow, cells, current, exported, versions, dispositions, legacy: bool) -> None:
    """Fill ``row`` with its changes, conflicts or errors (nothing is written)."""
    headers = matrix_header()
    values = {}
    for key in EDITABLE:
        cell = _cell(cells, key)
        if _is_formula(cell):
            row.errors.append(
                _("The cell “%(column)s” holds a formula; type the value instead.")
                % {"column": headers[column_index(key)]}
            )
        else:
            values[key] = _text(getattr(cell, "value", None), legacy)
    exported_lock, exported_disposition, exported_response, exported_version, *_fingerprints = exported
    labels = dict(Disposition.choices)

    wanted = []  # (field, exported value, file value, current value, displays)
    if "disposition" in values:
        text = values["disposition"]
        code = dispositions.get(text.casefold())
        if not text:
            row.errors.append(_("The disposition is empty: choose one from the list."))
        elif code is None:
            row.errors.append(
                _("“%(value)s” is not a disposition. Choose one of: %(choices)s.")
                % {"value": text[:40], "choices": ", ".join(str(label) for label in labels.values())}
            )
        elif code == Disposition.DUPLICATE and exported_disposition != Disposition.DUPLICATE:
            row.errors.append(_("Mark duplicates in the app: a duplicate needs the number of the comment it repeats."))
        else:
            wanted.append(
                (
                    "disposition",
                    code != exported_disposition,
                    code,
                    current["disposition"],
                    current["disposition"] != exported_disposition,
                    str(labels.get(current["disposition"], "")),
                    str(labels[code]),
                )
            )
    if "response" in values:
        text = values["response"]
        if len(text) > COMMENT_MAX_LENGTH:
            row.errors.append(
                _("The response is too long: %(count)d characters (at most 5,000).") % {"count": len(text)}
            )
        else:
            now = clean_text(current["response"]).strip()
            wanted.append(
                (
                    "response",
                    fingerprint(text) != exported_response,
                    text,
                    now,
                    fingerprint(now) != exported_response,
                    now,
                    text,
                )
            )
    if "addressed_in" in values:
        text = values["addressed_in"]
        found = versions.get((current["section__version__document_id"], text.casefold())) if text else (None, "")
        if found is None:
            row.errors.append(
                _("The comment's document has no version “%(label)s”. Leave the cell empty or use a version's label.")
                % {"label": text[:60]}
            )
        else:
            wanted.append(
                (
                    "addressed_in",
                    found[0] != exported_version,
                    found[0],
                    current["addressed_in_id"],
                    current["addressed_in_id"] != exported_version,
                    current["addressed_in__label"] or "",
                    found[1],
                )
            )
    if row.errors:
        row.status = ERROR
        return
    moved = current["lock_version"] != exported_lock
    for name, edited, new, now, changed_in_app, old_display, new_display in wanted:
        if not edited or new == now:
            continue
        change = FieldChange(name, now, new, old_display, new_display)
        if moved and changed_in_app:
            row.conflicts.append(change)
        else:
            row.changes.append(change)
    row.status = CONFLICT if row.conflicts else CHANGE if row.changes else UNCHANGED


def matrix_upload_parse(file, actor) -> MatrixUploadPreview:
    """Check an uploaded matrix (XLSX) row by row; nothing is written.

    Raises ``ValidationError`` for a file that cannot be used at all (not an XLSX, larger
    than 5 MB, a zip bomb, more than 20,000 rows, not an export of the matrix, wrong header).
    """
    content = _read(file)
    with open_xlsx(
        content,
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_columns=len(KEYS),
        data_only=False,
        unreadable=_("The file is not an Excel workbook (.xlsx)."),
    ) as workbook:
        exported_at, exported, legacy = _meta(workbook)
        _header, file_rows = _file_rows(workbook.worksheets[0])
    # Which exported comments share a text: for them, the other cells must say which comment a row is.
    same_text: dict[str, list[int]] = {}
    for comment_id, values in exported.items():
        same_text.setdefault(values[4], []).append(comment_id)

    rows: list[UploadRow] = []
    lines_of: dict[int, list[int]] = {}
    for line, cells in file_rows:
        row = UploadRow(line=line, comment_id=None)
        rows.append(row)
        id_cell = _cell(cells, "id")
        raw = getattr(id_cell, "value", None)
        if _is_formula(id_cell):
            row.errors.append(_("The ID is a formula; the export's IDs must be kept as they are."))
        elif raw is None or _text(raw) == "":
            row.errors.append(_("This row has no ID: comments cannot be added in the matrix, only answered."))
        elif not _text(raw).isdigit():
            row.errors.append(_("The ID “%(value)s” is not a comment number.") % {"value": _text(raw)[:20]})
        else:
            row.comment_id = int(_text(raw))
            lines_of.setdefault(row.comment_id, []).append(line)
    current = _current(list(lines_of))
    versions = _versions({item["section__version__document_id"] for item in current.values()})
    dispositions = _dispositions()
    cells_of = dict(file_rows)
    for row in rows:
        if row.errors:
            row.status = ERROR
            continue
        comment_id = row.comment_id
        lines = lines_of[comment_id]
        if len(lines) > 1:
            others = ", ".join(str(line) for line in lines if line != row.line)
            row.errors.append(
                _("ID %(id)s appears more than once (also on row %(rows)s): keep one row per comment.")
                % {"id": comment_id, "rows": others}
            )
        elif comment_id not in current:
            row.errors.append(_("There is no submitted comment with the ID %(id)s.") % {"id": comment_id})
        elif comment_id not in exported:
            row.errors.append(
                _("The ID %(id)s was not in the exported file: was it changed? Keep the export's IDs.")
                % {"id": comment_id}
            )
        elif not _same_body(getattr(_cell(cells_of[row.line], "body"), "value", None), exported[comment_id][4], legacy):
            row.errors.append(
                _(
                    "The ID %(id)s does not match the comment text exported with it: was the ID or the "
                    "comment changed? Keep both as exported."
                )
                % {"id": comment_id}
            )
        elif len(same_text[exported[comment_id][4]]) > 1 and exported[comment_id][5]:
            identity = row_fingerprint([_text(getattr(cell, "value", None), legacy) for cell in cells_of[row.line]])
            if identity != exported[comment_id][5]:
                others = [pk for pk in same_text[exported[comment_id][4]] if exported[pk][5] == identity]
                row.errors.append(
                    (
                        _(
                            "The ID %(id)s does not match its row: the row is that of comment %(other)s, "
                            "which has the same text. Were the IDs swapped? Keep the export's IDs."
                        )
                        if others
                        else _(
                            "The ID %(id)s does not match its row: another comment has the same text, and this "
                            "row's section, delegation or date differ from the ID's. Keep the export's IDs and "
                            "those cells as exported."
                        )
                    )
                    % {"id": comment_id, "other": ", ".join(str(pk) for pk in others)}
                )
        if row.errors:
            row.status = ERROR
            continue
        row.lock_version = current[comment_id]["lock_version"]
        _check_row(row, cells_of[row.line], current[comment_id], exported[comment_id], versions, dispositions, legacy)
    shown = [row for row in rows if row.status != UNCHANGED]
    return MatrixUploadPreview(
        user_id=actor.pk,
        token=uuid.uuid4().hex,
        exported_at=exported_at,
        rows=shown,
        unchanged=len(rows) - len(shown),
        missing=sorted(set(exported) - set(lines_of)),
    )


# Applying --------------------------------------------------------------------------------


def _value_of(comment: Comment, name: str):
    if name == "addressed_in":
        return comment.addressed_in_id
    if name == "response":
        return clean_text(comment.response).strip()
    return getattr(comment, name)


@transaction.atomic
def matrix_upload_apply(preview: MatrixUploadPreview, actor) -> MatrixApplyResult:
    """Apply the rows of a preview that will change; a comment changed since the preview is skipped (conflict).

    Returns how many comments changed and the numbers of those skipped as conflicts.
    """
    if preview.user_id != actor.pk:
        raise PermissionDenied
    rows = preview.to_apply
    ids = [row.comment_id for row in rows]
    comments: dict[int, Comment] = {}
    for start in range(0, len(ids), _CHUNK):
        comments.update(
            triage_base()
            .filter(pk__in=ids[start : start + _CHUNK])
            .select_for_update(of=("self",))
            .select_related("addressed_in__document", "duplicate_of", "section__version")
            .in_bulk()
        )
    version_ids = {c.new for row in rows for c in row.changes if c.field == "addressed_in" and c.new}
    versions = DocumentVersion.objects.select_related("document").in_bulk(version_ids)
    batch, now = uuid.uuid4(), timezone.now()
    changes: list[TriageChange] = []
    changed: list[Comment] = []
    conflicts: list[int] = []
    for row in rows:
        comment = comments.get(row.comment_id)
        if comment is None:
            conflicts.append(row.comment_id)  # now a draft again? Never written over.
            continue
        if comment.lock_version != row.lock_version:
            if all(_value_of(comment, c.field) == c.new for c in row.changes):
                continue  # someone already made these very changes
            if any(_value_of(comment, c.field) != c.old for c in row.changes):
                conflicts.append(row.comment_id)
                continue
        if any(
            c.field == "addressed_in"
            and c.new
            and (c.new not in versions or versions[c.new].document_id != comment.section.version.document_id)
            for c in row.changes
        ):
            conflicts.append(row.comment_id)
            continue
        _apply(comment, row, versions, actor, batch, now, changes)
        changed.append(comment)
    if changed:
        bulk_update_with_history(
            changed,
            Comment,
            ["disposition", "response", "addressed_in", "duplicate_of", "lock_version", "updated_at"],
            default_user=actor,
            batch_size=500,
        )
        record_changes(changes, actor=actor)  # the field changes, and the dispositions in the audit log
    return MatrixApplyResult(changed=len(changed), conflicts=conflicts)


def _apply(comment: Comment, row: UploadRow, versions, actor, batch, now, changes: list) -> None:
    def record(name, old, new):
        changes.append(_change(comment, actor, name, old, new, batch=batch, at=now))

    for change in row.changes:
        if change.field == "addressed_in":
            new = versions[change.new] if change.new else None
            record("addressed_in", comment.addressed_in, new)
            comment.addressed_in = new
        elif change.field == "disposition":
            record("disposition", comment.disposition, change.new)
            comment.disposition = change.new
            if change.new != Disposition.DUPLICATE and comment.duplicate_of_id:
                record("duplicate_of", comment.duplicate_of, None)
                comment.duplicate_of = None
        else:
            record(change.field, getattr(comment, change.field), change.new)
            setattr(comment, change.field, change.new)
    comment.lock_version += 1
    comment.updated_at = now
