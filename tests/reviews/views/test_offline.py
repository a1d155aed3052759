import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from reviews.models import Comment

pytestmark = pytest.mark.django_db


def staged(client) -> dict:
    """The confirmation's token, as the preview page's form carries it."""
    return {"token": client.session["offline_template_rows"]["token"]}


def download(client, review_round, language="fr"):
    response = client.get(f"/{language}/rounds/{review_round.pk}/template.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content))


def fill(workbook, rows) -> bytes:
    """The rows typed from the sheet's row 2 on, as a person does (the template formats rows below)."""
    sheet = workbook.worksheets[0]
    for line, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=line, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, review_round, content, language="fr"):
    return client.post(
        f"/{language}/rounds/{review_round.pk}/upload/", {"file": SimpleUploadedFile("filled.xlsx", content)}
    )


def test_the_template_lists_sections_in_the_readers_language(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    workbook = download(client, review_round)
    assert [ws.title for ws in workbook.worksheets] == ["Commentaires", "Instructions", "Sections"]
    sections = workbook["Sections"]
    assert [c.value for c in sections[2]] == ["booklet:1", section.version.document.title_fr, "1", section.title_fr]
    comments = workbook["Commentaires"]
    assert comments.data_validations.count == 2


def test_round_trip_reports_every_row_and_never_duplicates(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    workbook = download(client, review_round)
    content = fill(
        workbook,
        [
            ["booklet:1", 1, "Technique", "Préciser les filières.", "Ajouter « circulaires »"],
            ["booklet:9", None, "Général", "Section inconnue.", None],
            ["booklet:1", 7, "Général", "Paragraphe inconnu.", None],
            ["booklet:1", None, "Autre", "Type inconnu.", None],
            ["booklet:1", None, "Général", None, None],
            ["booklet:1", None, "editorial", "x" * 5001, None],
            ["booklet:1", None, "=1+1", '=HYPERLINK("http://evil")', None],
        ],
    )
    preview = upload(client, review_round, content, language="en")
    assert "1 of 7 rows will be saved as drafts." in preview.content.decode()
    assert [(r.line, r.errors) for r in preview.context["rows"]] == [
        (2, []),
        (3, ["Unknown section “booklet:9”."]),
        (4, ["Section 1 has no paragraph 7."]),
        (5, ["The type must be General, Technical or Editorial."]),
        (6, ["The comment is empty."]),
        (7, ["Too long: 5001 characters (at most 5,000)."]),
        # formulas are never evaluated: each is reported as a formula
        (8, ["A formula in “Type”, “Comment”: type the text itself (formulas are never calculated)."]),
    ]
    assert Comment.objects.count() == 0  # nothing before the confirmation

    client.post(f"/fr/rounds/{review_round.pk}/upload/confirm/", staged(client))
    comment = Comment.objects.get()
    assert (comment.source, comment.kind, comment.block_key, comment.state) == (
        "offline",
        "technical",
        "para01",
        "draft",
    )

    again = upload(client, review_round, content)
    assert [r.duplicate for r in again.context["rows"]][:1] == [True]
    client.post(f"/fr/rounds/{review_round.pk}/upload/confirm/", staged(client))
    assert Comment.objects.count() == 1


def test_a_malformed_file_gives_one_message(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    response = client.post(
        f"/en/rounds/{review_round.pk}/upload/", {"file": SimpleUploadedFile("x.xlsx", b"not excel")}
    )
    assert "The file is not a readable Excel workbook (.xlsx)." in response.content.decode()


def test_moderator_uploads_on_behalf_of_a_delegation(client, review_round, section, moderator, states):
    client.force_login(moderator)
    content = fill(download(client, review_round, "en"), [["booklet:1", None, "General", "From the letter.", None]])
    client.post(
        f"/en/rounds/{review_round.pk}/upload/",
        {"file": SimpleUploadedFile("filled.xlsx", content), "delegation": f"s{states['KE'].pk}"},
    )
    client.post(f"/en/rounds/{review_round.pk}/upload/confirm/", staged(client))
    comment = Comment.objects.get()
    assert (comment.member_state, comment.author, comment.source) == (states["KE"], moderator, "offline")
