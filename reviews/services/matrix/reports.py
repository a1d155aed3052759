"""Word reports: the matrix for drafters (text and comments by section) and the disposition of comments.

Both read with a fixed number of queries whatever the number of comments: the comments
(with their delegation) in one query, the sections' paragraphs in another.
"""

import zoneinfo
from dataclasses import dataclass
from io import BytesIO

import docx
from django.conf import settings
from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from guidance.models import Block, Section
from guidance.text import clean_text
from reviews.enums import CommentKind, CommentState, Disposition
from reviews.models import Comment, ReviewRound
from reviews.services.matrix.markdown_docx import add_markdown
from reviews.services.matrix.rows import MatrixRows, export_language


def _geneva(moment) -> str:
    return formats.date_format(timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE)), "DATETIME_FORMAT")


def _landscape(document) -> None:
    page = document.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = page.page_height, page.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)


def _table(document, header: list[str]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = clean_text(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    return table


def _add_row(table, values) -> None:
    for cell, value in zip(table.add_row().cells, values, strict=True):
        cell.text = "" if value is None else clean_text(str(value))


def _blocks(section_ids, language: str) -> dict[int, list[tuple[int, str]]]:
    """Each section's paragraphs (position, Markdown) in the language (English when not translated), in order."""
    text = (
        F("text_en")
        if language == "en"
        else Coalesce(NullIf(F(f"text_{language}"), Value("")), F("text_en"), output_field=CharField())
    )
    found: dict[int, list[tuple[int, str]]] = {}
    rows = (
        Block.objects.filter(section_id__in=section_ids)
        .annotate(shown=text)
        .order_by("section_id", "position")
        .values_list("section_id", "position", "shown")
    )
    for section_id, position, shown in rows:
        found.setdefault(section_id, []).append((position, shown))
    return found


def matrix_docx(queryset: QuerySet[Comment], language: str) -> bytes:
    """The filtered comments as a Word report for drafters: by document and section, the text then its comments.

    Queries: the matrix's three, plus one for the paragraphs of the sections shown.
    """
    language = export_language(language)
    rows = MatrixRows(queryset, language)
    with translation.override(language):
        document = docx.Document()
        _landscape(document)
        document.add_heading(_("Comment matrix"), level=0)
        document.add_paragraph(
            _("Exported on %(date)s (Geneva time). Comments are grouped by document and section, after its text.")
            % {"date": _geneva(rows.exported_at)}
        )
        records = list(rows.records())
        blocks = _blocks({item["section_id"] for item in records}, language)
        header = [
            _("No."),
            _("Quoted passage"),
            _("Delegation"),
            _("Type of comment"),
            _("Comment"),
            _("Proposed change"),
            _("Disposition"),
            _("Response"),
        ]
        document_key = section_key = None
        table = None
        for item in records:
            if item["section__version__document_id"] != document_key:
                document_key, section_key = item["section__version__document_id"], None
                document.add_heading(clean_text(f"{item['m_document']} — {item['section__version__label']}"), level=1)
            if item["section_id"] != section_key:
                section_key = item["section_id"]
                document.add_heading(clean_text(item["section_label"]), level=2)
                for position, text in blocks.get(section_key, []):
                    add_markdown(document, text, prefix=f"{position}.")
                table = _table(document, header)
            number = f"#{item['pk']}"
            if item["paragraph"] is not None:
                number += f" ¶{item['paragraph']}"
            _add_row(
                table,
                [
                    number,
                    item["quote"],
                    item["delegation_name"],
                    item["kind_label"],
                    item["body"],
                    item["proposed_change"],
                    item["disposition_label"],
                    item["response"],
                ],
            )
        if not records:
            document.add_paragraph(_("No comment matches these filters."))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Disposition of comments -------------------------------------------------------------------


@dataclass
class ReportComment:
    """A comment as the disposition report shows it (``delegation`` is None in the anonymous report)."""

    pk: int
    delegation: object
    kind: str
    body: str
    proposed_change: str
    disposition: str
    response: str
    paragraph: int | None
    quote: str = ""

    def get_kind_display(self) -> str:
        return str(CommentKind(self.kind).label) if self.kind in CommentKind.values else self.kind

    def get_disposition_display(self) -> str:
        return str(Disposition(self.disposition).label) if self.disposition in Disposition.values else self.disposition


def disposition_report(review_round: ReviewRound, anonymous: bool) -> list[tuple[Section, list[ReportComment]]]:
    """The round's "disposition of comments": every submitted comment with its current disposition and response.

    Returns a list of ``(section, comments)`` pairs in document order (documents by position,
    sections by order), where ``section`` is a ``guidance.models.Section`` (with
    ``version.document`` loaded) and ``comments`` a list of ``ReportComment`` in paragraph
    order, each with ``.pk``, ``.delegation`` (a ``champions.models.Delegation``, or None when
    ``anonymous``), ``.get_kind_display()``, ``.body``, ``.proposed_change``,
    ``.get_disposition_display()``, ``.response`` and ``.paragraph`` (the paragraph's
    number, or None). Withdrawn comments and drafts are left out. The values are the
    working group's current ones (not necessarily published yet). One query.
    """
    comments = (
        Comment.objects.filter(review_round=review_round, state=CommentState.SUBMITTED)
        .select_related("section__version__document", "section__objective", "member_state", "organisation")
        .order_by("section__version__document__position", "section__order", "paragraph", "pk")
    )
    report: list[tuple[Section, list[ReportComment]]] = []
    for comment in comments:
        if not report or report[-1][0].pk != comment.section_id:
            report.append((comment.section, []))
        report[-1][1].append(
            ReportComment(
                pk=comment.pk,
                delegation=None if anonymous else comment.delegation,
                kind=comment.kind,
                body=comment.body,
                proposed_change=comment.proposed_change,
                disposition=comment.disposition,
                response=comment.response,
                paragraph=comment.paragraph,
                quote=comment.quote,
            )
        )
    return report


def disposition_report_docx(review_round: ReviewRound, language: str, anonymous: bool) -> bytes:
    """The disposition of comments of a round as a Word file, by section (without delegations if anonymous)."""
    language = export_language(language)
    with translation.override(language):
        report = disposition_report(review_round, anonymous)
        document = docx.Document()
        _landscape(document)
        document.add_heading(_("Disposition of comments"), level=0)
        document.add_paragraph(clean_text(review_round.title)).runs[0].bold = True
        document.add_paragraph(
            _(
                "Every comment submitted in this round, with the working group's current disposition and "
                "response as of %(date)s (Geneva time). Responses may still change, and may differ from "
                "those already published to the delegations."
            )
            % {"date": _geneva(timezone.now())}
        )
        if anonymous:
            document.add_paragraph(_("Delegations are not named in this version of the report."))
        header = [_("No."), _("Paragraph"), _("Quoted passage")]
        if not anonymous:
            header.append(_("Delegation"))
        header += [_("Type of comment"), _("Comment"), _("Proposed change"), _("Disposition"), _("Response")]
        current_document = None
        for section, comments in report:
            if section.version.document_id != current_document:
                current_document = section.version.document_id
                document.add_heading(
                    clean_text(f"{section.version.document.title} — {section.version.shown_label}"), level=1
                )
            document.add_heading(clean_text(f"{section.number} {section.title}"), level=2)
            table = _table(document, header)
            for comment in comments:
                values = [f"#{comment.pk}", comment.paragraph or "", comment.quote]
                if not anonymous:
                    values.append(str(comment.delegation))
                values += [
                    comment.get_kind_display(),
                    comment.body,
                    comment.proposed_change,
                    comment.get_disposition_display(),
                    comment.response,
                ]
                _add_row(table, values)
        if not report:
            document.add_paragraph(_("No comment was submitted in this round."))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
