"""The comment matrix: columns, values, CSV/XLSX/Word files, injection safety, query budgets, the XLSX round trip."""

import csv
import datetime
import io
import zipfile
import zoneinfo

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook

from champions.models import Delegation
from guidance.models import Block, Objective
from reviews.enums import CommentState, Disposition
from reviews.models import Comment, Theme, TriageChange
from reviews.selectors.matrix import matrix_comments
from reviews.services import matrix
from reviews.services.matrix import upload as upload_module
from reviews.services.triage import triage_update
from tests.factories import VersionFactory
from tests.reviews.conftest import draft

HEADER = (
    "ID",
    "Round",
    "Document",
    "Version",
    "Section",
    "Paragraph",
    "Objective",
    "Delegation",
    "Reviewer group",
    "Source",
    "Type of comment",
    "Comment",
    "Proposed change",
    "Language",
    "Submitted at (Geneva time)",
    "Status",
    "Disposition",
    "Response",
    "Addressed in version",
    "Themes",
    "Assignee",
    "Internal note",
    "Quoted passage",
)
SUBMITTED = {"state": CommentState.SUBMITTED}


def submitted(review_round, section, author, member_state, **extra):
    return draft(review_round, section, author, member_state, **SUBMITTED, **extra)


def submitted_batch(review_round, section, author, member_state, count):
    return [submitted(review_round, section, author, member_state, body=f"Comment number {n}.") for n in range(count)]


def all_rows(language="en"):
    return matrix.matrix_rows(matrix_comments({"state": CommentState.SUBMITTED}), language)


def xlsx_bytes(language="en") -> bytes:
    buffer = io.BytesIO()
    matrix.write_xlsx(all_rows(language), buffer)
    return buffer.getvalue()


def csv_text(language="en") -> str:
    stream = io.StringIO(newline="")
    matrix.write_csv(all_rows(language), stream)
    return stream.getvalue()


# Columns and values ---------------------------------------------------------------------------


def test_header_is_the_stable_column_order():
    assert matrix.matrix_header("en") == HEADER
    assert len(matrix.COLUMNS) == 23


def test_row_values_of_a_hand_built_comment(review_round, section, reviewer_a, states, moderator):
    section.objective = Objective.objects.create(number=5, title_en="Objective five", short_label_en="Five")
    section.save()
    later = VersionFactory(document=section.version.document, label="Draft 2", slug="draft-2")
    theme_b = Theme.objects.create(name_en="Data", name_fr="Données")
    theme_a = Theme.objects.create(name_en="Access", name_fr="")
    comment = submitted(
        review_round,
        section,
        reviewer_a,
        states["MA"],
        body="Mention circular migration.",
        proposed_change="Add a sentence.",
        block_key="para02",
        kind="editorial",
        language="fr",
    )
    geneva = zoneinfo.ZoneInfo("Europe/Zurich")
    Comment.objects.filter(pk=comment.pk).update(
        submitted_at=datetime.datetime(2026, 11, 28, 9, 5, tzinfo=geneva),
        disposition=Disposition.PARTIALLY_ACCEPTED,
        response="Partly taken up.",
        internal_note="Ask the legal team.",
        addressed_in=later,
        assignee=moderator,
    )
    comment.themes.set([theme_b, theme_a])
    moderator.full_name = "Mona Moderator"
    moderator.save()

    rows = list(all_rows("en"))

    assert rows == [
        (
            comment.pk,
            "First consultation",
            section.version.document.title_en,
            section.version.label,
            "1 Objective 5",
            2,
            5,
            "Morocco",
            "Champion country",
            "Platform",
            "Editorial",
            "Mention circular migration.",
            "Add a sentence.",
            "French",
            datetime.datetime(2026, 11, 28, 9, 5),  # Geneva time, a date-time cell in XLSX
            "Submitted",
            "Partially accepted",
            "Partly taken up.",
            "Draft 2",
            "Access, Data",
            "Mona Moderator",
            "Ask the legal team.",
            "",
        )
    ]
    (french,) = list(all_rows("fr"))
    assert french[7] == "Maroc"  # django-countries, in the export's language
    assert french[19] == "Access, Données"  # a theme without a French name falls back to English
    assert french[1] == "First consultation"  # no French title: English
    with translation.override("fr"):
        assert french[16] == str(Disposition.PARTIALLY_ACCEPTED.label)
    assert translation.get_language() == "en"  # the export does not leak its language


def test_blank_paragraph_and_objective_and_no_drafts(review_round, section, reviewer_a, states):
    shown = submitted(review_round, section, reviewer_a, states["MA"])
    draft(review_round, section, reviewer_a, states["MA"], body="Not yet submitted.")

    rows = list(all_rows())

    assert [row[0] for row in rows] == [shown.pk]
    assert (rows[0][5], rows[0][6], rows[0][18], rows[0][19], rows[0][20]) == ("", "", "", "", "")


def test_csv_is_utf8_with_bom_and_the_header(review_round, section, reviewer_a, states):
    comment = submitted(review_round, section, reviewer_a, states["MA"], body="Migración régulière.")

    text = csv_text()

    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == HEADER
    assert rows[1][0] == str(comment.pk)
    assert rows[1][11] == "Migración régulière."
    assert len(rows) == 2
    streamed = "".join(matrix.matrix_csv_stream(all_rows()))
    assert streamed == text


DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTabbed", "\rReturn"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_inert_in_csv_and_xlsx(review_round, section, reviewer_a, states, text):
    comment = submitted(review_round, section, reviewer_a, states["MA"], body="Plain.")
    Comment.objects.filter(pk=comment.pk).update(proposed_change=text, response=text)  # as stored, unstripped

    row = list(csv.reader(io.StringIO(csv_text().removeprefix("\ufeff"))))[1]
    sheet = load_workbook(io.BytesIO(xlsx_bytes())).worksheets[0]

    written = text.replace("\r", "\n")  # a line break, as Excel writes it: no longer a formula start
    csv_value = written if text.startswith("\r") else "'" + written
    assert row[12] == csv_value
    assert row[17] == csv_value
    assert matrix.uninert(csv_value) == written or text.startswith("\r")
    for column in ("M", "R"):
        cell = sheet[f"{column}2"]
        assert cell.data_type == "s"
        assert cell.value == written  # the exact text, in a text cell...
        assert cell.quotePrefix is (not text.startswith("\r"))  # ...that Excel keeps as text when edited


def test_inert_leaves_other_values_alone():
    assert matrix.inert("Plain text") == "Plain text"
    assert matrix.inert("a=b") == "a=b"
    assert matrix.inert(12) == 12
    assert matrix.inert("") == ""


def test_xlsx_features(review_round, section, reviewer_a, states):
    comments = submitted_batch(review_round, section, reviewer_a, states["MA"], 3)

    workbook = load_workbook(io.BytesIO(xlsx_bytes()))

    sheet = workbook.worksheets[0]
    assert workbook.sheetnames == ["Comment matrix", "matrix_meta", "Instructions"]
    assert workbook["matrix_meta"].sheet_state == "veryHidden"
    assert tuple(cell.value for cell in sheet[1]) == HEADER
    assert [sheet.cell(row=r, column=1).value for r in (2, 3, 4)] == [c.pk for c in comments]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:W4"
    assert sheet["L2"].alignment.wrap_text is True
    assert round(sheet.column_dimensions["L"].width) == 61  # 60 characters, plus XlsxWriter's padding
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == "Q2:Q1048576"
    assert validation.formula1 == '"' + ",".join(str(label) for _v, label in Disposition.choices) + '"'
    meta = list(workbook["matrix_meta"].values)
    assert meta[0][0] == "guidance-review comment matrix v2"
    assert [row[:2] for row in meta[2:]] == [(c.pk, c.lock_version) for c in comments]
    exported_at = datetime.datetime.fromisoformat(workbook.custom_doc_props["matrix_exported_at"].value)
    assert exported_at.isoformat() == meta[0][1]


# Query budgets ----------------------------------------------------------------------------------


def _count_queries(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("export", "budget"),
    [
        (lambda: csv_text(), 3),
        (lambda: xlsx_bytes(), 3),
        (lambda: matrix.matrix_docx(matrix_comments({"state": CommentState.SUBMITTED}), "en"), 4),
    ],
    ids=["csv", "xlsx", "docx"],
)
def test_exports_run_a_fixed_number_of_queries(review_round, section, reviewer_a, states, export, budget):
    submitted_batch(review_round, section, reviewer_a, states["MA"], 3)
    few = _count_queries(export)
    more = submitted_batch(review_round, section, reviewer_a, states["MA"], 27)
    Theme.objects.create(name_en="Data").comments.set(more)

    many = _count_queries(export)

    assert (few, many) == (budget, budget)  # literals: change them on purpose, never loosen them


def test_matrix_rows_use_three_queries(review_round, section, reviewer_a, states, django_assert_num_queries):
    submitted_batch(review_round, section, reviewer_a, states["MA"], 5)
    with django_assert_num_queries(3):  # member states, organisations, comments
        assert len(list(all_rows())) == 5


# Word reports -----------------------------------------------------------------------------------


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_matrix_docx_has_sections_text_and_comments(review_round, section, reviewer_a, states):
    comment = submitted(review_round, section, reviewer_a, states["MA"], body="Say more.", block_key="para01")
    Block.objects.filter(section=section, key="para02").update(text_fr="")

    text = _docx_text(matrix.matrix_docx(matrix_comments({"state": CommentState.SUBMITTED}), "fr"))

    assert f"1 {section.title_fr}" in text
    assert "1. Les filières comptent." in text  # the paragraph in French
    assert "2. Second paragraph." in text  # not translated: English
    assert f"#{comment.pk} ¶1" in text
    assert "Say more." in text
    assert "Maroc" in text


def test_disposition_report_shape_and_anonymity(review_round, section, reviewer_a, states):
    shown = submitted(review_round, section, reviewer_a, states["MA"], body="Shown.", block_key="para02")
    first = submitted(review_round, section, reviewer_a, states["MA"], body="First.", block_key="para01")
    withdrawn = submitted(review_round, section, reviewer_a, states["MA"], body="Withdrawn.")
    Comment.objects.filter(pk=withdrawn.pk).update(state=CommentState.WITHDRAWN)
    draft(review_round, section, reviewer_a, states["MA"], body="Draft.")
    Comment.objects.filter(pk=shown.pk).update(disposition=Disposition.ACCEPTED, response="Done.")

    report = matrix.disposition_report(review_round, anonymous=False)
    anonymous = matrix.disposition_report(review_round, anonymous=True)

    assert [(s.pk, [c.pk for c in cs]) for s, cs in report] == [(section.pk, [first.pk, shown.pk])]
    comment = report[0][1][1]
    assert (comment.delegation, comment.get_kind_display(), comment.body, comment.paragraph) == (
        Delegation(member_state=states["MA"]),
        "Technical",
        "Shown.",
        2,
    )
    assert (comment.get_disposition_display(), comment.response, comment.proposed_change) == ("Accepted", "Done.", "")
    assert [c.delegation for c in anonymous[0][1]] == [None, None]


def test_disposition_report_docx_omits_delegations_when_anonymous(review_round, section, reviewer_a, states):
    submitted(review_round, section, reviewer_a, states["MA"], body="Named or not.")

    named = _docx_text(matrix.disposition_report_docx(review_round, "en", anonymous=False))
    anonymous = _docx_text(matrix.disposition_report_docx(review_round, "en", anonymous=True))

    assert "Morocco" in named
    assert "Morocco" not in anonymous
    assert "Named or not." in anonymous
    assert "current disposition" in anonymous


def test_disposition_report_queries_do_not_grow(review_round, section, reviewer_a, states, django_assert_num_queries):
    submitted_batch(review_round, section, reviewer_a, states["MA"], 4)
    with django_assert_num_queries(1):
        report = matrix.disposition_report(review_round, anonymous=False)
        assert [str(c.delegation) for c in report[0][1]] == ["Morocco"] * 4


# The XLSX round trip ---------------------------------------------------------------------------


def edited(content: bytes, edits: dict[int, dict[str, object]], extra_rows=(), transform=None) -> bytes:
    """The export with some cells changed: {comment id: {column header: value}}."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        for header, value in edits.get(row[0].value, {}).items():
            sheet.cell(row=row[0].row, column=columns[header], value=value)
    for values in extra_rows:
        sheet.append(values)
    if transform:
        transform(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def three(review_round, section, reviewer_a, states):
    return submitted_batch(review_round, section, reviewer_a, states["MA"], 3)


def test_round_trip_change_and_conflict(three, moderator):
    one, two, three_ = three
    exported = xlsx_bytes()
    content = edited(
        exported,
        {
            one.pk: {"Disposition": "Accepted", "Response": "Thank you, done."},
            two.pk: {"Response": "We keep the text."},
        },
    )
    # Meanwhile, in the app: a colleague answers the second comment and decides on the third.
    triage_update(comment=two, actor=moderator, lock_version=two.lock_version, response="Answered in the app.")
    triage_update(comment=three_, actor=moderator, lock_version=three_.lock_version, disposition="noted")

    preview = matrix.matrix_upload_parse(content, moderator)

    assert preview.counts == {"change": 1, "conflict": 1, "error": 0, "unchanged": 1}
    change, conflict = preview.rows
    assert (change.comment_id, change.status) == (one.pk, "change")
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("disposition", "pending", "accepted"),
        ("response", "", "Thank you, done."),
    ]
    assert [(c.old_display, c.new_display) for c in change.changes] == [
        ("Pending", "Accepted"),
        ("", "Thank you, done."),
    ]
    assert (conflict.comment_id, conflict.status, conflict.changes) == (two.pk, "conflict", [])
    assert [(c.field, c.old, c.new) for c in conflict.conflicts] == [
        ("response", "Answered in the app.", "We keep the text.")
    ]

    result = matrix.matrix_upload_apply(preview, moderator)

    assert (result.changed, result.conflicts) == (1, [])
    one.refresh_from_db()
    two.refresh_from_db()
    three_.refresh_from_db()
    assert (one.disposition, one.response, one.lock_version) == ("accepted", "Thank you, done.", 2)
    assert (two.response, two.lock_version) == ("Answered in the app.", 2)
    assert three_.disposition == "noted"  # unedited in the file: the app's newer value stays
    changes = TriageChange.objects.filter(comment=one).order_by("field")
    assert [(c.field, c.old, c.new, c.actor) for c in changes] == [
        ("disposition", "pending", "accepted", moderator),
        ("response", "", "Thank you, done.", moderator),
    ]
    assert len({c.batch for c in changes}) == 1
    assert one.history.first().history_user == moderator


def test_round_trip_via_the_session_rechecks_at_apply_time(three, moderator):
    one, *_rest = three
    content = edited(xlsx_bytes(), {one.pk: {"Response": "From the file."}})
    preview = matrix.matrix_upload_parse(content, moderator)
    stored = matrix.MatrixUploadPreview.from_session(preview.as_session())
    triage_update(comment=one, actor=moderator, lock_version=one.lock_version, response="Typed in the app meanwhile.")

    result = matrix.matrix_upload_apply(stored, moderator)

    assert (result.changed, result.conflicts) == (0, [one.pk])
    one.refresh_from_db()
    assert one.response == "Typed in the app meanwhile."


def test_same_change_made_in_the_app_is_not_a_conflict(three, moderator):
    one, *_rest = three
    content = edited(xlsx_bytes(), {one.pk: {"Disposition": "Noted"}})
    triage_update(comment=one, actor=moderator, lock_version=one.lock_version, disposition="noted")

    preview = matrix.matrix_upload_parse(content, moderator)

    assert preview.counts == {"change": 0, "conflict": 0, "error": 0, "unchanged": 3}


def test_lock_moved_on_another_field_is_not_a_conflict(three, moderator):
    one, *_rest = three
    content = edited(xlsx_bytes(), {one.pk: {"Response": "From the file."}})
    triage_update(comment=one, actor=moderator, lock_version=one.lock_version, internal_note="A note.")

    preview = matrix.matrix_upload_parse(content, moderator)
    result = matrix.matrix_upload_apply(preview, moderator)

    assert result.changed == 1
    one.refresh_from_db()
    assert (one.response, one.internal_note) == ("From the file.", "A note.")


def test_labels_in_other_languages_and_codes_are_accepted(three, moderator):
    one, two, _three = three
    with translation.override("fr"):
        french = str(Disposition.NOT_ACCEPTED.label)
    content = edited(xlsx_bytes(), {one.pk: {"Disposition": french}, two.pk: {"Disposition": " out_of_scope "}})

    preview = matrix.matrix_upload_parse(content, moderator)

    assert [(r.comment_id, [c.new for c in r.changes]) for r in preview.rows] == [
        (one.pk, ["not_accepted"]),
        (two.pk, ["out_of_scope"]),
    ]


def test_inert_cells_round_trip_unchanged(review_round, section, reviewer_a, states, moderator):
    comment = submitted(review_round, section, reviewer_a, states["MA"], body="=HYPERLINK(1)")
    Comment.objects.filter(pk=comment.pk).update(response="-1 day")

    preview = matrix.matrix_upload_parse(xlsx_bytes(), moderator)

    assert preview.counts == {"change": 0, "conflict": 0, "error": 0, "unchanged": 1}


def test_addressed_in_version_by_label(review_round, section, three, moderator):
    one, two, _three = three
    VersionFactory(document=section.version.document, label="Draft 2", slug="draft-2")
    content = edited(
        xlsx_bytes(), {one.pk: {"Addressed in version": "draft 2"}, two.pk: {"Addressed in version": "Final"}}
    )

    preview = matrix.matrix_upload_parse(content, moderator)
    ok, bad = preview.rows
    assert [(c.field, c.new_display) for c in ok.changes] == [("addressed_in", "Draft 2")]
    assert bad.errors == [
        "The comment's document has no version “Final”. Leave the cell empty or use a version's label."
    ]
    matrix.matrix_upload_apply(preview, moderator)

    one.refresh_from_db()
    assert one.addressed_in.label == "Draft 2"
    assert TriageChange.objects.get(comment=one).new == f"version:{one.addressed_in.pk}"  # by reference


def test_apply_refuses_another_users_preview(three, moderator, drafter):
    one, *_rest = three
    preview = matrix.matrix_upload_parse(edited(xlsx_bytes(), {one.pk: {"Response": "Mine."}}), moderator)

    with pytest.raises(PermissionDenied):
        matrix.matrix_upload_apply(preview, drafter)
    one.refresh_from_db()
    assert one.response == ""


def test_row_errors(review_round, section, reviewer_a, states, three, moderator):
    hidden_draft = draft(review_round, section, reviewer_a, states["MA"], body="Secret draft.")
    exported = xlsx_bytes()
    later = submitted(review_round, section, reviewer_a, states["MA"], body="Submitted after the export.")

    def damage(sheet):
        sheet["Q2"] = '=IF(1,"Accepted")'  # a formula in the first row's disposition
        sheet["A3"] = hidden_draft.pk  # an edited ID: a draft's number
        sheet["A4"] = later.pk  # an edited ID: a comment that was not exported

    content = edited(
        exported,
        {},
        extra_rows=[
            (None, "", "", "", "", "", "", "", "", "", "", "New comment?", "", "", "", "", "Accepted"),
            (999999, *[""] * 16, "Accepted"),
            ("twelve", *[""] * 16, "Accepted"),
        ],
        transform=damage,
    )

    preview = matrix.matrix_upload_parse(content, moderator)

    assert [(r.line, r.status, r.errors) for r in preview.rows] == [
        (2, "error", ["The cell “Disposition” holds a formula; type the value instead."]),
        (3, "error", [f"There is no submitted comment with the ID {hidden_draft.pk}."]),
        (4, "error", [f"The ID {later.pk} was not in the exported file: was it changed? Keep the export's IDs."]),
        (5, "error", ["This row has no ID: comments cannot be added in the matrix, only answered."]),
        (6, "error", ["There is no submitted comment with the ID 999999."]),
        (7, "error", ["The ID “twelve” is not a comment number."]),
    ]
    assert preview.counts["change"] == 0


def test_swapped_id_duplicate_id_and_bad_dispositions(three, moderator):
    one, two, _three = three

    def swap(sheet):
        sheet["A2"] = two.pk  # row 2 now claims to be the second comment: twice
        sheet["Q4"] = "Maybe"

    content = edited(xlsx_bytes(), {}, transform=swap)
    preview = matrix.matrix_upload_parse(content, moderator)
    assert [(r.line, r.errors) for r in preview.rows] == [
        (2, [f"ID {two.pk} appears more than once (also on row 3): keep one row per comment."]),
        (3, [f"ID {two.pk} appears more than once (also on row 2): keep one row per comment."]),
        (
            4,
            [
                "“Maybe” is not a disposition. Choose one of: Pending, Accepted, Partially accepted, "
                "Not accepted, Noted, Duplicate, Out of scope."
            ],
        ),
    ]

    def moved_id(sheet):
        sheet["A2"], sheet["A3"] = two.pk, one.pk  # the IDs no longer match their comments' text

    preview = matrix.matrix_upload_parse(edited(xlsx_bytes(), {}, transform=moved_id), moderator)
    assert [r.errors[0].split(":")[0] for r in preview.rows] == [
        f"The ID {two.pk} does not match the comment text exported with it",
        f"The ID {one.pk} does not match the comment text exported with it",
    ]

    content = edited(xlsx_bytes(), {one.pk: {"Disposition": "Duplicate"}, two.pk: {"Disposition": ""}})
    preview = matrix.matrix_upload_parse(content, moderator)
    assert [r.errors for r in preview.rows] == [
        ["Mark duplicates in the app: a duplicate needs the number of the comment it repeats."],
        ["The disposition is empty: choose one from the list."],
    ]


def _refused(content, moderator) -> str:
    with pytest.raises(ValidationError) as caught:
        matrix.matrix_upload_parse(content, moderator)
    return " ".join(caught.value.messages)


def test_unusable_files_are_refused(three, moderator, monkeypatch):
    assert _refused(b"ID,Round\n1,2\n", moderator) == "The file is not an Excel workbook (.xlsx)."
    assert _refused(b"PK\x03\x04 not really a zip", moderator) == "The file is not an Excel workbook (.xlsx)."
    assert _refused(b"x" * (5 * 1024 * 1024 + 1), moderator) == "The file is larger than 5 MB."

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"0" * (20 * 1024 * 1024))
    assert _refused(bomb.getvalue(), moderator) == "The file expands to an unreasonable size and was refused."

    plain = io.BytesIO()
    Workbook().save(plain)
    assert _refused(plain.getvalue(), moderator).startswith("This file is not an export of the comment matrix")

    def rename(sheet):
        sheet["E1"] = "Chapter"

    assert _refused(edited(xlsx_bytes(), {}, transform=rename), moderator) == (
        "The first row is not the matrix's header: column 5 should be “Section”."
    )

    monkeypatch.setattr(upload_module, "MAX_ROWS", 2)
    assert _refused(xlsx_bytes(), moderator) == "The file has more than 2 rows; upload at most 2 rows at once."


def test_a_french_export_uploads(three, moderator):
    one, *_rest = three
    content = xlsx_bytes("fr")
    with translation.override("fr"):
        response_header = matrix.matrix_header("fr")[17]

    preview = matrix.matrix_upload_parse(edited(content, {one.pk: {response_header: "Merci."}}), moderator)

    assert [(r.comment_id, r.status) for r in preview.rows] == [(one.pk, "change")]
