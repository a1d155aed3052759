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

import uuid
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from guidance.models import DocumentVersion
from guidance.text import clean_text
from guidance.uploads import open_xlsx
from reviews.enums import Disposition
from reviews.models import COMMENT_MAX_LENGTH
from reviews.selectors.triage import triage_base
from reviews.services.matrix.rows import (
    KEYS,
    column_index,
    fingerprint,
    matrix_header,
    row_fingerprint,
)
from reviews.services.matrix.workbook import (
    CHUNK,
    EDITABLE,
    MAX_BYTES,
    MAX_ROWS,
    disposition_names,
    file_text,
    is_formula,
    read_file,
    read_meta,
    same_body,
    sheet_rows,
)

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


# Checking each row --------------------------------------------------------------------------


def _current(ids: list[int]) -> dict[int, dict]:
    found = {}
    for start in range(0, len(ids), CHUNK):
        values = (
            triage_base()
            .filter(pk__in=ids[start : start + CHUNK])
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
        if is_formula(cell):
            row.errors.append(
                _("The cell “%(column)s” holds a formula; type the value instead.")
                % {"column": headers[column_index(key)]}
            )
        else:
            values[key] = file_text(getattr(cell, "value", None), legacy)
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
    content = read_file(file)
    with open_xlsx(
        content,
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_columns=len(KEYS),
        data_only=False,
        unreadable=_("The file is not an Excel workbook (.xlsx)."),
    ) as workbook:
        exported_at, exported, legacy = read_meta(workbook)
        _header, file_rows = sheet_rows(workbook.worksheets[0])
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
        if is_formula(id_cell):
            row.errors.append(_("The ID is a formula; the export's IDs must be kept as they are."))
        elif raw is None or file_text(raw) == "":
            row.errors.append(_("This row has no ID: comments cannot be added in the matrix, only answered."))
        elif not file_text(raw).isdigit():
            row.errors.append(_("The ID “%(value)s” is not a comment number.") % {"value": file_text(raw)[:20]})
        else:
            row.comment_id = int(file_text(raw))
            lines_of.setdefault(row.comment_id, []).append(line)
    current = _current(list(lines_of))
    versions = _versions({item["section__version__document_id"] for item in current.values()})
    dispositions = disposition_names()
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
        elif not same_body(getattr(_cell(cells_of[row.line], "body"), "value", None), exported[comment_id][4], legacy):
            row.errors.append(
                _(
                    "The ID %(id)s does not match the comment text exported with it: was the ID or the "
                    "comment changed? Keep both as exported."
                )
                % {"id": comment_id}
            )
        elif len(same_text[exported[comment_id][4]]) > 1 and exported[comment_id][5]:
            identity = row_fingerprint([file_text(getattr(cell, "value", None), legacy) for cell in cells_of[row.line]])
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
