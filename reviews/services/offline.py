"""The offline route: a comment template (XLSX) to download, fill in Excel, and upload back.

Sheets: *Instructions*, *Sections* (every section with its code, number and title in the
reader's language) and *Comments* (one comment a row, with drop-downs for the section and
the type). Uploading checks every row and reports on each before anything is written;
the valid rows become drafts of the delegation. Each row is fingerprinted, so uploading
the same file again creates no duplicate, and two identical rows of one file are one draft.

Rows are reported by the spreadsheet's own row numbers (blank rows count, as in Excel);
cells are read, never evaluated, so a formula is reported as a formula; texts are cleaned
as every free text is (``guidance.text.clean_text``).
"""

import hashlib
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from champions.models import Delegation
from guidance.models import Block, Section
from guidance.text import clean_text
from guidance.uploads import iter_xlsx_rows
from reviews.enums import CommentKind, CommentSource
from reviews.models import COMMENT_MAX_LENGTH, Comment, ReviewRound
from reviews.services.comments import comment_create

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
HEADER_ROW = 1
COLUMNS = 5  # section, paragraph, type, comment, proposed change


def _section_code(section: Section) -> str:
    return f"{section.version.document.slug}:{section.number}"


def _sections(review_round: ReviewRound) -> list[Section]:
    return list(
        Section.objects.filter(version__in=review_round.versions.all())
        .select_related("version__document")
        .order_by("version__document__position", "order")
    )


def _kind_labels() -> dict[str, str]:
    """Every way a type may be written (code, or label in any language) → its code."""
    labels = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            for kind in CommentKind:
                labels[str(kind.label).strip().lower()] = kind.value
    labels.update({kind.value: kind.value for kind in CommentKind})
    return labels


def _header() -> list[str]:
    return [_("Section"), _("Paragraph"), _("Type"), _("Comment"), _("Proposed change")]


def _headers() -> set[tuple[str, ...]]:
    """The template's header row in each language, compared without case."""
    found = set()
    for language in ("en", "fr", "es"):
        with translation.override(language):
            found.add(tuple(label.casefold() for label in _header()))
    return found


def template_workbook(*, review_round: ReviewRound, language: str) -> bytes:
    with translation.override(language):
        workbook = Workbook()
        instructions = workbook.active
        instructions.title = _("Instructions")[:31]
        lines = [
            clean_text(review_round.title),
            _("Round reference: %(pk)s") % {"pk": review_round.pk},
            "",
            _("Write one comment a row in the sheet “Comments”."),
            _("Section: choose the section code from the list (see the sheet “Sections”)."),
            _("Paragraph: optional, the paragraph number shown in the margin of the section."),
            _("Type: General, Technical or Editorial."),
            _("Comment: up to 5,000 characters. Proposed change: optional, the text you suggest instead."),
            _("Upload the file on the round's page: you will see a report on every row before anything is saved."),
        ]
        for row, line in enumerate(lines, start=1):
            instructions.cell(row=row, column=1, value=line)
        instructions["A1"].font = Font(bold=True, size=14)
        instructions.column_dimensions["A"].width = 110

        sections_sheet = workbook.create_sheet(_("Sections")[:31])
        sections_sheet.append([_("Code"), _("Document"), _("Number"), _("Title")])
        sections = _sections(review_round)
        for section in sections:
            sections_sheet.append(
                [
                    clean_text(value)
                    for value in (
                        _section_code(section),
                        section.version.document.title,
                        section.number,
                        section.title,
                    )
                ]
            )
        for column, width in zip("ABCD", (16, 40, 10, 80), strict=True):
            sections_sheet.column_dimensions[column].width = width

        sheet = workbook.create_sheet(_("Comments")[:31], 0)
        workbook.active = 0
        sheet.append(_header())
        for cell in sheet[HEADER_ROW]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column, width in zip("ABCDE", (16, 11, 14, 80, 60), strict=True):
            sheet.column_dimensions[column].width = width
        for column in "DE":
            for row in range(2, 502):
                sheet[f"{column}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        title = sections_sheet.title.replace("'", "''")
        section_list = DataValidation(type="list", formula1=f"='{title}'!$A$2:$A${len(sections) + 1}", allow_blank=True)
        kinds = ",".join(str(kind.label) for kind in CommentKind)
        kind_list = DataValidation(type="list", formula1=f'"{kinds}"', allow_blank=True)
        sheet.add_data_validation(section_list)
        sheet.add_data_validation(kind_list)
        section_list.add("A2:A1000")
        kind_list.add("C2:C1000")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class TemplateRow:
    line: int
    section_code: str
    paragraph: str
    kind_text: str
    body: str
    proposed_change: str
    section: Section | None = None
    block_key: str = ""
    kind: str = ""
    errors: list[str] = field(default_factory=list)
    duplicate: bool = False  # already imported, or the same as an earlier row of the file
    same_as: int | None = None  # the earlier row of the file this one repeats

    @property
    def ok(self) -> bool:
        return not self.errors

    def fingerprint(self, review_round: ReviewRound, delegation_key: tuple) -> str:
        raw = "\x1f".join(
            str(v)
            for v in (
                review_round.pk,
                *delegation_key,
                self.section.pk,
                self.block_key,
                self.kind,
                self.body,
                self.proposed_change,
            )
        )
        return hashlib.sha256(raw.encode()).hexdigest()

    def as_session(self) -> dict:
        return {
            "line": self.line,
            "section": self.section.pk,
            "block_key": self.block_key,
            "kind": self.kind,
            "body": self.body,
            "proposed_change": self.proposed_change,
        }


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value)).strip()


def _is_formula(cell) -> bool:
    return getattr(cell, "data_type", None) == "f"


def _value(cell) -> str:
    return "" if _is_formula(cell) else _text(getattr(cell, "value", None))


def _not_the_template() -> ValidationError:
    return ValidationError(
        _(
            "This workbook is not the comment template: its first sheet should start with the columns "
            "“%(columns)s”. Download the template from the round's page and write your comments in it."
        )
        % {"columns": "”, “".join(_header())},
        code="not_template",
    )


def template_parse(*, review_round: ReviewRound, content: bytes, delegation_key: tuple) -> list[TemplateRow]:
    """Check every row of an uploaded template; nothing is written.

    The shared reader refuses a file larger than 5 MB, of more than 2,000 rows (counted while
    reading) or that is not a safe workbook, before anything is checked; a workbook whose
    first sheet does not have the template's header is refused in one message. Each row
    keeps its line number in the spreadsheet.
    """
    sheet = iter_xlsx_rows(
        content,
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_columns=COLUMNS,
        header_rows=HEADER_ROW,
        data_only=False,
        values_only=False,
    )
    rows, header = [], None
    for line, cells in enumerate(sheet, start=1):
        cells = [*cells, *[None] * (COLUMNS - len(cells))][:COLUMNS]
        if line == HEADER_ROW:
            header = tuple(_value(cell).casefold() for cell in cells)
        elif any(_is_formula(cell) or _value(cell) for cell in cells):
            rows.append((line, cells))
    if header not in _headers():
        raise _not_the_template()
    sections = {_section_code(s): s for s in _sections(review_round)}
    blocks = {(b.section_id, b.position): b.key for b in Block.objects.filter(section__in=sections.values())}
    kinds = _kind_labels()
    existing = set(
        Comment.objects.filter(
            review_round=review_round, member_state_id=delegation_key[0], organisation_id=delegation_key[1]
        )
        .exclude(offline_key="")
        .values_list("offline_key", flat=True)
    )
    parsed = []
    first_line: dict[str, int] = {}  # a row's fingerprint → the first row of the file with it
    headers = _header()
    for line, cells in rows:
        row = TemplateRow(line, *(_value(cell) for cell in cells))
        formulas = [headers[index] for index, cell in enumerate(cells) if _is_formula(cell)]
        if formulas:
            row.errors.append(
                _("A formula in “%(columns)s”: type the text itself (formulas are never calculated).")
                % {"columns": "”, “".join(formulas)}
            )
        row.section = sections.get(row.section_code)
        if row.section is None and not _is_formula(cells[0]):
            row.errors.append(_("Unknown section “%(code)s”.") % {"code": row.section_code[:40]})
        if row.paragraph and row.section is not None:
            number = row.paragraph.removesuffix(".0")
            row.block_key = blocks.get((row.section.pk, int(number))) if number.isdigit() else None
            if not row.block_key:
                row.errors.append(
                    _("Section %(section)s has no paragraph %(number)s.")
                    % {"section": row.section.number, "number": row.paragraph[:10]}
                )
                row.block_key = ""
        row.kind = kinds.get(row.kind_text.lower(), "")
        if not row.kind and not _is_formula(cells[2]):
            row.errors.append(_("The type must be General, Technical or Editorial."))
        if not row.body and not _is_formula(cells[3]):
            row.errors.append(_("The comment is empty."))
        for text in (row.body, row.proposed_change):
            if len(text) > COMMENT_MAX_LENGTH:
                row.errors.append(_("Too long: %(count)d characters (at most 5,000).") % {"count": len(text)})
        if row.ok:
            key = row.fingerprint(review_round, delegation_key)
            if key in existing:
                row.duplicate = True
            elif key in first_line:
                row.duplicate, row.same_as = True, first_line[key]
            else:
                first_line[key] = row.line
        parsed.append(row)
    return parsed


@transaction.atomic
def template_import(
    *,
    review_round: ReviewRound,
    rows: list[dict],
    author,
    delegation: Delegation,
    language: str,
    on_behalf: bool = False,
) -> int:
    """Create the drafts of checked rows (all or none); rows already imported are skipped."""
    sections = Section.objects.in_bulk({row["section"] for row in rows})
    created = 0
    for data in rows:
        row = TemplateRow(
            data["line"],
            "",
            "",
            "",
            data["body"],
            data["proposed_change"],
            section=sections[data["section"]],
            block_key=data["block_key"],
            kind=data["kind"],
        )
        key = row.fingerprint(review_round, delegation.key)
        if Comment.objects.filter(delegation.q(), review_round=review_round, offline_key=key).exists():
            continue
        comment_create(
            review_round=review_round,
            section=row.section,
            author=author,
            delegation=delegation,
            body=row.body,
            proposed_change=row.proposed_change,
            kind=row.kind,
            language=language,
            block_key=row.block_key,
            source=CommentSource.OFFLINE,
            offline_key=key,
            on_behalf=on_behalf,
        )
        created += 1
    return created
