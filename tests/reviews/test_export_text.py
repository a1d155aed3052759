"""Any text stored in a comment is written by every export: Word matrix, disposition report, receipt copy, CSV, XLSX.

Text pasted from Word carries a vertical tab (U+000B, Word's manual line break); older rows
may hold NUL, other control characters, noncharacters or text in another normal form. The
exports write the text as ``guidance.text.clean_text`` leaves it (line breaks kept).
"""

import csv
import io
import uuid

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from champions.models import Delegation
from guidance.text import clean_text
from reviews.enums import CommentState
from reviews.models import Comment, Submission
from reviews.selectors import submission_comments
from reviews.selectors.matrix import matrix_comments
from reviews.services import matrix
from reviews.services.documents import submission_docx
from reviews.services.submissions import submission_submit
from tests.reviews.conftest import draft

pytestmark = pytest.mark.django_db

WORD_PASTE = "First line\x0bsecond line\x0cafter a page break"
# No database stores a lone surrogate (UTF-8 cannot encode it), and PostgreSQL stores no NUL:
# only ``clean_text`` sees those.
HOSTILE = "bell\x07 esc\x1b del\x7f c1\x9f nonchar\ufffe\uffff sep\u2028para\u2029end"


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_clean_text_keeps_line_breaks_and_drops_what_no_file_can_hold():
    assert clean_text(WORD_PASTE) == "First line\nsecond line\nafter a page break"
    assert clean_text("a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"
    assert clean_text(HOSTILE) == "bell esc del c1 nonchar sep\npara\nend"
    assert clean_text("nul\x00") == "nul"
    assert clean_text("lone\ud800 \udfffsurrogates") == "lone surrogates"
    assert clean_text("tab\tkept") == "tab\tkept"
    assert clean_text("Migrations e\u0301tude") == "Migrations \u00e9tude"  # NFC
    assert clean_text("\U0010fffe\U0001fffflast") == "last"
    assert clean_text("\u202eright-to-left\u200d") == "\u202eright-to-left\u200d"
    assert clean_text(None) == ""
    assert clean_text(clean_text(HOSTILE)) == clean_text(HOSTILE)


@pytest.fixture
def stored(review_round, section, reviewer_a, states):
    """A submitted comment whose text fields hold a Word paste and hostile characters, as stored before cleaning."""
    comment = draft(review_round, section, reviewer_a, states["MA"], body="Plain.")
    submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    Comment.objects.filter(pk=comment.pk).update(
        body=WORD_PASTE + " " + HOSTILE,
        proposed_change=WORD_PASTE,
        quote="quoted\x0bpassage",
        response="=SUM(1)\x0b" + HOSTILE,
        internal_note=HOSTILE,
    )
    comment.refresh_from_db()
    return comment


def test_the_word_matrix_writes_a_word_paste(stored):
    content = matrix.matrix_docx(matrix_comments({"state": CommentState.SUBMITTED}), "en")

    text = docx_text(content)
    assert clean_text(WORD_PASTE + " " + HOSTILE) in text
    assert "quoted\npassage" in text


def test_the_disposition_report_writes_a_word_paste(stored, review_round):
    for anonymous in (False, True):
        text = docx_text(matrix.disposition_report_docx(review_round, "en", anonymous))
        assert clean_text(WORD_PASTE + " " + HOSTILE) in text
        assert "quoted\npassage" in text


def test_the_receipt_copy_writes_a_word_paste(stored):
    submission = Submission.objects.get()

    text = docx_text(submission_docx(submission, submission_comments(submission)))

    assert clean_text(WORD_PASTE + " " + HOSTILE) in text
    assert clean_text(WORD_PASTE) in text
    assert "quoted\npassage" in text


def test_the_word_downloads_answer_200(client, stored, review_round, moderator, reviewer_a):
    client.force_login(moderator)
    assert client.get(reverse("reviews:matrix_export") + "?format=docx").status_code == 200
    assert client.get(reverse("reviews:disposition_docx", args=[review_round.pk])).status_code == 200
    client.force_login(reviewer_a)
    submission = Submission.objects.get()
    assert client.get(reverse("reviews:submission_docx", args=[submission.pk])).status_code == 200


def test_csv_and_xlsx_write_the_cleaned_text(stored):
    rows = matrix.matrix_rows(matrix_comments({"state": CommentState.SUBMITTED}), "en")
    stream = io.StringIO(newline="")
    matrix.write_csv(rows, stream)
    stream.getvalue().encode("utf-8")  # a lone surrogate would fail here
    row = list(csv.reader(io.StringIO(stream.getvalue().removeprefix("\ufeff"))))[1]
    body = matrix.COLUMNS.index(next(c for c in matrix.COLUMNS if c[0] == "body"))
    assert row[body] == clean_text(WORD_PASTE + " " + HOSTILE)

    buffer = io.BytesIO()
    matrix.write_xlsx(matrix.matrix_rows(matrix_comments({"state": CommentState.SUBMITTED}), "en"), buffer)
    sheet = load_workbook(buffer).worksheets[0]
    assert sheet.cell(row=2, column=body + 1).value == clean_text(WORD_PASTE + " " + HOSTILE)


def test_the_receipt_with_its_word_copy_is_sent_for_a_word_paste(stored, mailoutbox):
    from reviews.services.receipts import submission_receipt_send

    submission = Submission.objects.get()
    mailoutbox.clear()

    assert submission_receipt_send(submission=submission) == 1

    (message,) = mailoutbox
    (name, content, _type), *_others = message.attachments
    assert name.endswith(".docx")
    assert clean_text(WORD_PASTE) in docx_text(content)
