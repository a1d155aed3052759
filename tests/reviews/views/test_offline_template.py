"""The offline template's report: the spreadsheet's own row numbers, formulas named, repeated rows saved once,
a workbook that is not the template refused in one line, texts cleaned as every free text is."""

import io

import pytest
from openpyxl import Workbook

from reviews.models import Comment
from tests.reviews.views.test_offline import download, fill, upload

pytestmark = pytest.mark.django_db


def staged(client) -> dict:
    """The confirmation's token, as the preview page's form carries it."""
    return {"token": client.session["offline_template_rows"]["token"]}


def test_rows_keep_the_spreadsheet_s_numbers_after_blank_rows(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    content = fill(
        download(client, review_round, "en"),
        [
            ["booklet:1", None, "General", "First.", None],
            [None, None, None, None, None],
            [None, None, None, "   ", None],
            ["booklet:9", None, "General", "Unknown section.", None],
        ],
    )

    preview = upload(client, review_round, content, language="en")

    assert [(r.line, r.errors) for r in preview.context["rows"]] == [
        (2, []),
        (5, ["Unknown section “booklet:9”."]),
    ]


def test_a_formula_is_reported_as_a_formula(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    content = fill(
        download(client, review_round, "en"),
        [
            ["booklet:1", None, "General", "=A1&B1", None],
            ["booklet:1", None, "=C2", "Type is a formula.", '=HYPERLINK("http://evil")'],
        ],
    )

    preview = upload(client, review_round, content, language="en")

    assert [(r.line, r.errors) for r in preview.context["rows"]] == [
        (2, ["A formula in “Comment”: type the text itself (formulas are never calculated)."]),
        (3, ["A formula in “Type”, “Proposed change”: type the text itself (formulas are never calculated)."]),
    ]


def test_two_identical_rows_are_one_draft_and_the_preview_says_so(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    same = ["booklet:1", 1, "Technical", "Say it once.", "Once."]
    content = fill(download(client, review_round, "en"), [same, ["booklet:1", None, "General", "Other.", None], same])

    preview = upload(client, review_round, content, language="en")
    page = preview.content.decode()

    assert "2 of 3 rows will be saved as drafts." in page
    assert "Same as row 2: saved once" in page
    assert [(r.line, r.duplicate, r.same_as) for r in preview.context["rows"]] == [
        (2, False, None),
        (3, False, None),
        (4, True, 2),
    ]
    client.post(f"/en/rounds/{review_round.pk}/upload/confirm/", staged(client))
    assert sorted(Comment.objects.values_list("body", flat=True)) == ["Other.", "Say it once."]


def test_a_workbook_that_is_not_the_template_is_refused_in_one_line(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    workbook = Workbook()
    workbook.active.append(["ID", "Round", "Document"])
    workbook.active.append([1, "First consultation", "Booklet"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    for content in (buffer.getvalue(), _empty_workbook()):
        response = upload(client, review_round, content, language="en")

        assert response.context["form"].errors == {
            "file": [
                "This workbook is not the comment template: its first sheet should start with the columns "
                "“Section”, “Paragraph”, “Type”, “Comment”, “Proposed change”. Download the template from the "
                "round's page and write your comments in it."
            ]
        }
        assert "rows" not in response.context


def _empty_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_cells_are_cleaned_like_every_free_text(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    # Excel writes Word's line break as Open XML's escape; openpyxl cannot write the character itself.
    content = fill(
        download(client, review_round, "en"),
        [["booklet:1", 2.0, "general", "Line one\nline two e\u0301tude", "Proposed\u2028change"]],
    )

    upload(client, review_round, content, language="en")
    client.post(f"/en/rounds/{review_round.pk}/upload/confirm/", staged(client))

    comment = Comment.objects.get()
    assert (comment.body, comment.proposed_change, comment.block_key) == (
        "Line one\nline two \u00e9tude",
        "Proposed\nchange",
        "para02",
    )


def test_the_template_is_written_whatever_the_titles_hold(client, review_round, section, reviewer_a):
    from reviews.models import ReviewRound

    ReviewRound.objects.filter(pk=review_round.pk).update(title_en="First\x0bconsultation\x07")
    type(section).objects.filter(pk=section.pk).update(title_en="Objective\x0b5\x1b", title_fr="")
    client.force_login(reviewer_a)

    workbook = download(client, review_round, "en")

    assert workbook["Instructions"]["A1"].value == "First\nconsultation"
    assert workbook["Sections"]["D2"].value == "Objective\n5"
