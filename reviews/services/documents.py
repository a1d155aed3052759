"""Word documents: the copy of a delegation's submitted comments attached to its receipt."""

from io import BytesIO

import docx
from django.utils.translation import gettext as _

from guidance.text import clean_text
from guidance.times import geneva_time
from reviews.models import Submission


def submission_docx_name(submission: Submission) -> str:
    """The Word copy's file name in the active language: the same on the receipt page, in the e-mail and on
    the downloaded file (commentaires-R-2026-0001.docx for a French reader)."""
    return _("comments-%(reference)s.docx") % {"reference": submission.reference}


def submission_docx(submission: Submission, comments) -> bytes:
    """The submitted comments as a Word document, in the active language."""
    document = docx.Document()
    # The delegation in the table, not in the heading: "Commentaires soumis au nom de Maroc" lacked its article.
    document.add_heading(_("Submitted comments"), level=1)
    facts = document.add_table(rows=0, cols=2)
    for label, value in (
        (_("Delegation"), str(submission.delegation)),
        (_("Round"), submission.review_round.title),
        (_("Reference number"), submission.reference),
        (_("Submitted at"), geneva_time(submission.submitted_at)),
        (_("Submitted by"), str(submission.submitted_by)),
        (_("Number of comments"), str(len(comments))),
    ):
        row = facts.add_row().cells
        row[0].text, row[1].text = clean_text(label), clean_text(value)
    for number, comment in enumerate(comments, start=1):
        section = comment.section
        document.add_heading(
            clean_text(
                _("%(number)d. Section %(section)s %(title)s")
                % {"number": number, "section": section.number, "title": section.title}
            ),
            level=2,
        )
        meta = [comment.section.version.document.title, comment.get_kind_display()]
        if getattr(comment, "paragraph", None):
            meta.append(_("paragraph %(number)s") % {"number": comment.paragraph})
        for run in document.add_paragraph(clean_text(" · ".join(str(m) for m in meta))).runs:
            run.italic = True
        if comment.quote:
            document.add_paragraph(clean_text(comment.quote), style="Quote")
        document.add_paragraph(clean_text(comment.body))
        if comment.proposed_change:
            document.add_paragraph(_("Proposed change:")).runs[0].bold = True
            document.add_paragraph(clean_text(comment.proposed_change))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
