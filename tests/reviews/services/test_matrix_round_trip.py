"""The XLSX round trip keeps every text exactly: an untouched export changes nothing, edits are seen, IDs are checked.

See docs/exports.md, "The round-trip guarantee".
"""

import datetime
import io

import pytest
from openpyxl import load_workbook

from reviews.models import Comment
from reviews.services import matrix
from tests.reviews.conftest import submitted as on_behalf
from tests.reviews.services.test_matrix import HEADER, edited, submitted, xlsx_bytes

pytestmark = pytest.mark.django_db

# Texts that went wrong: formula starts, a literal apostrophe, Word's line break, Open XML's own escape
# sequence, a text in decomposed form, white space around, right-to-left text, an emoji.
AWKWARD = [
    '=HYPERLINK("http://example.org")',
    "'-5%",
    "-5%",
    "''quoted twice",
    "+41 22 917 12 34",
    "@everyone",
    "\tindented",
    "Word line\x0bbreak",
    "literal _x000B_ and _x005F_ in the text",
    "Migrations e\u0301tude",
    "  spaced out  ",
    "\u0627\u0644\u0647\u062c\u0631\u0629 \u202bRTL\u202c",
    "\U0001f30d emoji",
]


@pytest.fixture
def awkward(review_round, section, reviewer_a, states):
    comments = []
    for number, text in enumerate(AWKWARD):
        comment = submitted(review_round, section, reviewer_a, states["MA"], body=f"Comment {number}.")
        # As stored by older versions or other routes: not cleaned on the way in.
        Comment.objects.filter(pk=comment.pk).update(
            body=text, proposed_change=text, response=text, quote=text, internal_note=text
        )
        comments.append(comment)
    return comments


def test_an_untouched_export_changes_nothing(awkward, moderator):
    exported = xlsx_bytes()

    for content in (exported, edited(exported, {})):  # as downloaded, and opened and saved again
        preview = matrix.matrix_upload_parse(content, moderator)

        assert [(row.comment_id, row.errors, row.changes) for row in preview.rows] == []
        assert preview.counts == {"change": 0, "conflict": 0, "error": 0, "unchanged": len(AWKWARD)}
        assert preview.missing == []
        assert matrix.matrix_upload_apply(preview, moderator).changed == 0
    assert {c.response for c in Comment.objects.all()} == set(AWKWARD)  # nothing rewritten


def test_an_apostrophe_is_never_taken_away(awkward, moderator):
    apostrophe = next(c for c, text in zip(awkward, AWKWARD, strict=True) if text == "'-5%")
    sheet = load_workbook(io.BytesIO(xlsx_bytes())).worksheets[0]
    response = HEADER.index("Response") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == apostrophe.pk)
    assert sheet.cell(row=row, column=response).value == "'-5%"

    content = edited(xlsx_bytes(), {apostrophe.pk: {"Response": "'-5% after review"}})
    (changed,) = matrix.matrix_upload_parse(content, moderator).rows

    assert [(c.field, c.new) for c in changed.changes] == [("response", "'-5% after review")]


def test_a_response_edited_with_word_line_breaks_is_stored_clean(awkward, moderator):
    first = awkward[0]
    # Excel writes a control character as Open XML's escape _xHHHH_ (openpyxl cannot write it at all).
    content = edited(xlsx_bytes(), {first.pk: {"Response": "Done._x000B_See 2.1_x0000_"}})

    preview = matrix.matrix_upload_parse(content, moderator)
    matrix.matrix_upload_apply(preview, moderator)

    first.refresh_from_db()
    assert first.response == "Done.\nSee 2.1"


def test_a_deleted_row_is_reported(awkward, moderator):
    gone = awkward[3]

    def delete(sheet):
        row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == gone.pk)
        sheet.delete_rows(row)

    preview = matrix.matrix_upload_parse(edited(xlsx_bytes(), {}, transform=delete), moderator)

    assert preview.missing == [gone.pk]
    assert preview.counts["unchanged"] == len(AWKWARD) - 1


def test_a_deleted_row_is_shown_in_the_preview(client, awkward, moderator):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    def delete(sheet):
        sheet.delete_rows(2)

    client.force_login(moderator)
    response = client.post(
        reverse("reviews:matrix_upload"),
        {"file": SimpleUploadedFile("m.xlsx", edited(xlsx_bytes(), {}, transform=delete))},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "1 exported comment has no row in this file: nothing changes for it" in page
    assert f"#{awkward[0].pk}" in page


def test_swapped_ids_of_two_comments_with_the_same_text_are_found(review_round, section, reviewer_a, states, moderator):
    morocco = submitted(review_round, section, reviewer_a, states["MA"], body="Same words.")
    mexico = on_behalf(review_round, section, states["MX"], moderator, body="Same words.")

    def swap(sheet):
        ids = {sheet.cell(row=r, column=1).value: r for r in (2, 3)}
        sheet.cell(row=ids[morocco.pk], column=1, value=mexico.pk)
        sheet.cell(row=ids[mexico.pk], column=1, value=morocco.pk)

    content = edited(
        xlsx_bytes(), {morocco.pk: {"Response": "For Morocco."}, mexico.pk: {"Response": "For Mexico."}}, transform=swap
    )
    preview = matrix.matrix_upload_parse(content, moderator)

    assert sorted((row.comment_id, row.status, row.errors) for row in preview.rows) == [
        (
            morocco.pk,
            "error",
            [
                f"The ID {morocco.pk} does not match its row: the row is that of comment {mexico.pk}, which has "
                "the same text. Were the IDs swapped? Keep the export's IDs."
            ],
        ),
        (
            mexico.pk,
            "error",
            [
                f"The ID {mexico.pk} does not match its row: the row is that of comment {morocco.pk}, which has "
                "the same text. Were the IDs swapped? Keep the export's IDs."
            ],
        ),
    ]
    assert preview.counts["change"] == 0


def test_two_comments_with_the_same_text_round_trip(review_round, section, reviewer_a, states, moderator):
    morocco = submitted(review_round, section, reviewer_a, states["MA"], body="Same words.")
    on_behalf(review_round, section, states["MX"], moderator, body="Same words.")

    preview = matrix.matrix_upload_parse(edited(xlsx_bytes(), {morocco.pk: {"Response": "Yes."}}), moderator)

    assert [(row.comment_id, row.status) for row in preview.rows] == [(morocco.pk, "change")]


def test_submitted_at_is_a_date_time_cell_in_geneva_time(review_round, section, reviewer_a, states):
    comment = submitted(review_round, section, reviewer_a, states["MA"])
    utc = datetime.datetime(2026, 7, 1, 6, 30, 59, tzinfo=datetime.UTC)  # 08:30 in Geneva (summer time)
    Comment.objects.filter(pk=comment.pk).update(submitted_at=utc)

    sheet = load_workbook(io.BytesIO(xlsx_bytes())).worksheets[0]
    column = HEADER.index("Submitted at (Geneva time)") + 1

    assert sheet.cell(row=1, column=column).value == "Submitted at (Geneva time)"
    cell = sheet.cell(row=2, column=column)
    assert (cell.data_type, cell.value, cell.number_format) == (
        "d",
        datetime.datetime(2026, 7, 1, 8, 30),
        "yyyy-mm-dd hh:mm",
    )


def test_the_quoted_passage_follows_the_documented_columns(review_round, section, reviewer_a, states):
    submitted(review_round, section, reviewer_a, states["MA"], quote="Regular pathways matter.")

    sheet = load_workbook(io.BytesIO(xlsx_bytes())).worksheets[0]

    assert [cell.value for cell in sheet[1]][19:] == ["Themes", "Assignee", "Internal note", "Quoted passage"]
    assert sheet.cell(row=2, column=23).value == "Regular pathways matter."


def test_an_export_of_the_earlier_format_still_uploads(three_v1, moderator):
    content, comment = three_v1
    preview = matrix.matrix_upload_parse(content, moderator)
    assert preview.counts == {"change": 0, "conflict": 0, "error": 0, "unchanged": 1}
    preview = matrix.matrix_upload_parse(edited(content, {comment.pk: {"Response": "'=kept"}}), moderator)
    assert [c.new for c in preview.rows[0].changes] == ["=kept"]  # v1 wrote '= for =: its apostrophe goes


def test_a_v1_export_of_a_comment_with_control_characters_still_uploads(
    review_round, section, reviewer_a, states, moderator
):
    import hashlib

    comment = submitted(review_round, section, reviewer_a, states["MA"], body="Plain.")
    Comment.objects.filter(pk=comment.pk).update(body="Word\x0bline")
    workbook = load_workbook(io.BytesIO(xlsx_bytes()))
    sheet, meta = workbook.worksheets[0], workbook["matrix_meta"]
    sheet.cell(row=2, column=12, value="Word_x000B_line")  # as XlsxWriter wrote it in v1
    meta.cell(row=1, column=1, value="guidance-review comment matrix v1")
    meta.cell(row=3, column=6, value=hashlib.sha256(b"Word\x0bline").hexdigest()[:16])  # v1's fingerprint
    meta.delete_cols(7)
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = matrix.matrix_upload_parse(buffer.getvalue(), moderator)

    assert preview.counts == {"change": 0, "conflict": 0, "error": 0, "unchanged": 1}


@pytest.fixture
def three_v1(review_round, section, reviewer_a, states):
    """An export as version 1 wrote it: literal apostrophes, the old header and marker, six meta columns."""
    comment = submitted(review_round, section, reviewer_a, states["MA"], body="=SUM(1)")
    Comment.objects.filter(pk=comment.pk).update(response="-1 day")
    workbook = load_workbook(io.BytesIO(xlsx_bytes()))
    sheet, meta = workbook.worksheets[0], workbook["matrix_meta"]
    sheet.cell(row=1, column=15, value="Submitted at")
    sheet.delete_cols(23)
    for column in (12, 18):
        cell = sheet.cell(row=2, column=column)
        cell.value, cell.quotePrefix = "'" + cell.value, False
    meta.cell(row=1, column=1, value="guidance-review comment matrix v1")
    meta.delete_cols(7)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), comment
