"""Property: any Unicode text in any free-text field survives every export and the matrix round trip.

And any response typed into the workbook is stored as ``clean_text`` leaves it.

"Survives" means: each export holds the text as ``guidance.text.clean_text`` leaves it (the
documented normalisation: line breaks as ``\\n``, control characters and noncharacters
dropped, NFC), and re-uploading the untouched XLSX export changes nothing.

Texts are stored with ``.update()``, as older versions or other routes may have stored them,
so the exports' own cleaning is what is tested. Lone surrogates and NUL are left out of the
stored texts only because no database stores them (``clean_text``'s own property covers them).
"""

import csv
import io
import re
import uuid

import docx
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from champions.models import Delegation
from guidance.text import clean_text
from reviews.enums import CommentState
from reviews.fields import FreeTextField
from reviews.models import Comment, Submission
from reviews.selectors import submission_comments
from reviews.selectors.matrix import matrix_comments
from reviews.services import matrix
from reviews.services.documents import submission_docx
from reviews.services.submissions import submission_submit
from tests.reviews.conftest import draft
from tests.reviews.services.test_matrix import HEADER as HEADER_ROW
from tests.reviews.services.test_matrix import edited, xlsx_bytes

pytestmark = pytest.mark.django_db

FIELDS = ("body", "proposed_change", "quote", "response", "internal_note")
# Everything a database stores: every code point but surrogates and NUL, with the awkward ones often.
STORABLE = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
AWKWARD = st.sampled_from(
    ["\x0b", "\x0c", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\t", "'", "=", "-", "+", "@", "_x000B_",
     "_x005F_", "\ufffe", "\uffff", "\U0010ffff", "e\u0301", "\u202e", " ", "\n", "\x1f", "\x7f", "\x9f"]
)  # fmt: skip
TEXT = st.lists(st.one_of(STORABLE.map(str), AWKWARD), max_size=40).map("".join)
ANY = st.text(max_size=60)  # surrogates and NUL included
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@given(ANY)
@settings(max_examples=300)
def test_clean_text_leaves_only_what_every_format_holds(text):
    cleaned = clean_text(text)
    assert XML_ILLEGAL.search(cleaned) is None
    assert "\r" not in cleaned
    assert clean_text(cleaned) == cleaned
    cleaned.encode("utf-8")  # no lone surrogate
    assert FreeTextField(required=False).clean(text) == cleaned.strip()


@pytest.fixture
def comment(review_round, section, reviewer_a, states):
    comment = draft(review_round, section, reviewer_a, states["MA"], body="Plain.")
    submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    comment.refresh_from_db()
    return comment


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _cells_by_header(content: bytes) -> dict[str, object]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    header, row = [cell.value for cell in sheet[1]], [cell.value for cell in sheet[2]]
    return dict(zip(header, row, strict=True))


HEADERS = {
    "body": "Comment",
    "proposed_change": "Proposed change",
    "quote": "Quoted passage",
    "response": "Response",
    "internal_note": "Internal note",
}


@given(texts=st.fixed_dictionaries({name: TEXT for name in FIELDS}))
@EXAMPLES
def test_any_text_survives_every_export_and_the_round_trip(comment, review_round, moderator, texts):
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(**texts)
    expected = {name: clean_text(text) for name, text in texts.items()}
    comments = matrix_comments({"state": CommentState.SUBMITTED})

    stream = io.StringIO(newline="")
    matrix.write_csv(matrix.matrix_rows(comments, "en"), stream)
    stream.getvalue().encode("utf-8")
    header, row = list(csv.reader(io.StringIO(stream.getvalue().removeprefix("\ufeff"))))
    cells = dict(zip(header, row, strict=True))
    assert {name: matrix.uninert(cells[HEADERS[name]]) for name in FIELDS} == expected

    buffer = io.BytesIO()
    matrix.write_xlsx(matrix.matrix_rows(comments, "en"), buffer)
    xlsx = buffer.getvalue()
    cells = _cells_by_header(xlsx)
    assert {name: _excel_text(cells[HEADERS[name]]) for name in FIELDS} == expected

    preview = matrix.matrix_upload_parse(xlsx, moderator)
    assert [(r.errors, r.changes, r.conflicts) for r in preview.rows] == []
    assert (preview.counts["unchanged"], preview.missing) == (1, [])

    word = _docx_text(matrix.matrix_docx(comments, "en"))
    for name in ("body", "proposed_change", "quote", "response"):
        assert expected[name] in word
    for anonymous in (False, True):
        report = _docx_text(matrix.disposition_report_docx(review_round, "en", anonymous))
        for name in ("body", "proposed_change", "quote", "response"):
            assert expected[name] in report
    submission = Submission.objects.get()
    receipt = _docx_text(submission_docx(submission, submission_comments(submission)))
    for name in ("body", "proposed_change", "quote"):
        assert expected[name] in receipt


def _excel_text(value) -> str:
    """A cell as Excel shows it: Open XML's _xHHHH_ escapes read back (openpyxl leaves them)."""
    if value is None:
        return ""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def _as_excel_writes(text: str) -> str:
    """``text`` as Excel stores it in a cell: a literal ``_xHHHH_`` escaped, characters XML refuses as ``_xHHHH_``."""
    text = re.sub("_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", lambda m: f"_x{ord(m.group()):04X}_", text)


@given(response=TEXT)
@EXAMPLES
def test_any_response_typed_into_the_file_is_stored_as_clean_text(comment, moderator, response):
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(response="Before.", lock_version=comment.lock_version)

    def type_in(sheet):  # as a person types it: text, even when it starts with "=" (Excel's quote prefix)
        cell = sheet.cell(row=2, column=HEADER_ROW.index("Response") + 1)
        cell.value = _as_excel_writes(response) or None
        cell.data_type, cell.quotePrefix = "s", True

    content = edited(xlsx_bytes(), {}, transform=type_in)

    preview = matrix.matrix_upload_parse(content, moderator)
    matrix.matrix_upload_apply(preview, moderator)

    stored = Comment.objects.get(pk=comment.pk).response
    assert stored == (clean_text(response).strip() or "")
    assert [r.errors for r in preview.rows if r.errors] == []
