"""Views of the comment matrix: who may export and upload, inline files, background jobs, the upload flow."""

import csv
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from reviews.enums import CommentState, ExportStatus
from reviews.models import Comment, ExportJob, Theme, TriageChange
from reviews.services import matrix
from reviews.services.matrix import jobs as jobs_module
from tests.reviews.conftest import draft
from tests.reviews.services.test_matrix import HEADER, edited

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def comments(review_round, section, reviewer_a, states):
    return [
        draft(review_round, section, reviewer_a, states["MA"], body=f"Comment {n}.", state=CommentState.SUBMITTED)
        for n in range(3)
    ]


def urls(review_round_pk: int, job_pk) -> list[tuple[str, str]]:
    return [
        ("get", reverse("reviews:matrix_export") + "?format=csv"),
        ("get", reverse("reviews:export_list")),
        ("get", reverse("reviews:export_job", args=[job_pk])),
        ("get", reverse("reviews:export_download", args=[job_pk])),
        ("get", reverse("reviews:matrix_upload")),
        ("post", reverse("reviews:matrix_upload")),
        ("post", reverse("reviews:matrix_upload_confirm")),
        ("get", reverse("reviews:disposition_docx", args=[review_round_pk])),
    ]


@pytest.mark.parametrize("who", ["reviewer_a", "drafter"])
def test_only_moderators_reach_the_matrix(client, request, review_round, moderator, who):
    job = ExportJob.objects.create(created_by=moderator, format="csv")
    client.force_login(request.getfixturevalue(who))
    for method, url in urls(review_round.pk, job.pk):
        assert getattr(client, method)(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client, review_round, moderator):
    job = ExportJob.objects.create(created_by=moderator, format="csv")
    for method, url in urls(review_round.pk, job.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_a_job_of_a_user_who_is_not_a_moderator_is_refused_to_them(client, drafter, moderator):
    job = ExportJob.objects.create(created_by=drafter, format="xlsx")
    client.force_login(drafter)
    assert client.get(reverse("reviews:export_job", args=[job.pk])).status_code == 403
    client.force_login(moderator)
    assert client.get(reverse("reviews:export_job", args=[job.pk])).status_code == 200
    assert client.get(reverse("reviews:export_job", args=[uuid.uuid4()])).status_code == 404


def test_csv_export_streams_the_filtered_list(client, moderator, comments):
    Comment.objects.filter(pk=comments[0].pk).update(disposition="accepted")
    client.force_login(moderator)

    response = client.get(reverse("reviews:matrix_export") + "?format=csv&disposition=accepted&page=3")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="comment-matrix-')
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == HEADER
    assert [row[0] for row in rows[1:]] == [str(comments[0].pk)]


def test_xlsx_and_docx_exports(client, moderator, comments, review_round):
    client.force_login(moderator)

    response = client.get(reverse("reviews:matrix_export") + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [sheet.cell(row=r, column=1).value for r in (2, 3, 4)] == [c.pk for c in comments]

    response = client.get(reverse("reviews:matrix_export") + "?format=docx")
    assert (response.status_code, response["Content-Type"]) == (200, matrix.DOCX_TYPE)
    assert response.content.startswith(b"PK")

    response = client.get(reverse("reviews:disposition_docx", args=[review_round.pk]) + "?anonymous=1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="disposition-of-comments-round-{review_round.pk}-anonymous.docx"'
    )


@override_settings(EXPORT_INLINE_MAX_ROWS=2)
def test_large_exports_run_as_a_job(client, moderator, comments):
    client.force_login(moderator)

    response = client.get(reverse("reviews:matrix_export") + "?format=xlsx&q=Comment")

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reviews:export_job", args=[job.pk])
    assert (job.status, job.total, job.done, job.format, job.created_by) == (
        ExportStatus.DONE,
        3,
        3,
        "xlsx",
        moderator,
    )
    assert job.query == "q=Comment"
    assert job.file_name.startswith("comment-matrix-") and job.file_name.endswith(".xlsx")
    page = client.get(response.url)
    assert page.status_code == 200
    assert reverse("reviews:export_download", args=[job.pk]).encode() in page.content
    assert b'http-equiv="refresh"' not in page.content
    download = client.get(reverse("reviews:export_download", args=[job.pk]))
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    assert sheet.max_row == 4
    listing = client.get(reverse("reviews:export_list"))
    assert str(job.pk).encode() in listing.content


def test_a_running_job_refreshes_and_shows_progress(client, moderator):
    job = ExportJob.objects.create(
        created_by=moderator, format="csv", status=ExportStatus.RUNNING, total=4000, done=1000
    )
    client.force_login(moderator)

    response = client.get(reverse("reviews:export_job", args=[job.pk]))

    assert b'<meta http-equiv="refresh" content="3">' in response.content
    assert b'<progress id="export-progress" max="100" value="25">25%</progress>' in response.content
    assert client.get(reverse("reviews:export_download", args=[job.pk])).status_code == 404


@override_settings(EXPORT_INLINE_MAX_ROWS=0)
def test_a_failed_job_says_so(client, moderator, comments, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs_module, "matrix_csv_file", broken)
    client.force_login(moderator)

    response = client.get(reverse("reviews:matrix_export") + "?format=csv", follow=True)

    job = ExportJob.objects.get()
    assert (job.status, job.file.name) == (ExportStatus.FAILED, "")
    assert job.error == "The export failed (RuntimeError). Try again; if it fails again, tell the secretariat."
    assert response.status_code == 200
    assert job.error.encode() in response.content


def test_upload_preview_then_confirm(client, moderator, comments):
    one, two, _three = comments
    exported = _export(client, moderator)
    content = edited(exported, {one.pk: {"Response": "Done."}, two.pk: {"Disposition": "Nope"}})

    response = client.post(reverse("reviews:matrix_upload"), {"file": SimpleUploadedFile("m.xlsx", content)})

    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.counts == {"change": 1, "conflict": 0, "error": 1, "unchanged": 1}
    assert b"Will change" in response.content
    token = preview.token

    wrong = client.post(reverse("reviews:matrix_upload_confirm"), {"token": "forged"})
    assert wrong.url == reverse("reviews:matrix_upload")
    one.refresh_from_db()
    assert one.response == ""

    client.post(reverse("reviews:matrix_upload"), {"file": SimpleUploadedFile("m.xlsx", content)})
    token = client.session["matrix_upload_preview"]["token"]
    done = client.post(reverse("reviews:matrix_upload_confirm"), {"token": token}, follow=False)

    assert done.url == reverse("reviews:triage_list")
    one.refresh_from_db()
    assert (one.response, one.lock_version) == ("Done.", 2)
    assert list(TriageChange.objects.values_list("comment_id", "field", "new")) == [(one.pk, "response", "Done.")]
    again = client.post(reverse("reviews:matrix_upload_confirm"), {"token": token})
    assert again.url == reverse("reviews:matrix_upload")  # the preview is used once
    assert TriageChange.objects.count() == 1


def test_a_bad_file_goes_back_onto_the_form(client, moderator):
    client.force_login(moderator)

    response = client.post(reverse("reviews:matrix_upload"), {"file": SimpleUploadedFile("notes.txt", b"hello")})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["The file is not an Excel workbook (.xlsx)."]}
    assert "matrix_upload_preview" not in client.session


def test_another_moderators_preview_cannot_be_applied(client, moderator, admin_user, comments):
    one, *_rest = comments
    content = edited(_export(client, moderator), {one.pk: {"Response": "Mine."}})
    client.post(reverse("reviews:matrix_upload"), {"file": SimpleUploadedFile("m.xlsx", content)})
    stolen = dict(client.session["matrix_upload_preview"])
    client.force_login(admin_user)
    session = client.session
    session["matrix_upload_preview"] = stolen
    session.save()

    response = client.post(reverse("reviews:matrix_upload_confirm"), {"token": stolen["token"]})

    assert response.url == reverse("reviews:matrix_upload")
    one.refresh_from_db()
    assert one.response == ""


def _export(client, moderator) -> bytes:
    client.force_login(moderator)
    return b"".join(client.get(reverse("reviews:matrix_export") + "?format=xlsx").streaming_content)


def test_export_by_theme_lists_each_comment_once(client, moderator, comments):
    data, access = Theme.objects.create(name_en="Data"), Theme.objects.create(name_en="Access")
    comments[1].themes.set([data, access])
    comments[2].themes.set([access])
    client.force_login(moderator)

    response = client.get(reverse("reviews:matrix_export") + f"?format=csv&theme={access.pk}&sort=id")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().removeprefix("\ufeff"))))
    assert [(row[0], row[19]) for row in rows[1:]] == [
        (str(comments[1].pk), "Access, Data"),
        (str(comments[2].pk), "Access"),
    ]
