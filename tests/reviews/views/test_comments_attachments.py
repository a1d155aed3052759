import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Attachment, Comment
from tests.guidance.docx_builder import GUIDE_EN, build_docx

pytestmark = pytest.mark.django_db

URL = "/en/rounds/{pk}/booklet/objective-5/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"


def post(client, review_round, files, body="With attachments"):
    data = {"kind": "general", "body": body, "language": "en", "attachments": files}
    return client.post(URL.format(pk=review_round.pk), data)


def test_pdf_and_docx_are_attached_under_random_names(client, review_round, section, reviewer_a, reviewer_b, moderator):
    client.force_login(reviewer_a)
    files = [SimpleUploadedFile("../../etc/Notre avis.pdf", PDF), SimpleUploadedFile("avis.docx", build_docx(GUIDE_EN))]
    response = post(client, review_round, files)
    assert response.status_code == 302
    attachments = list(Attachment.objects.order_by("pk"))
    assert [a.original_name for a in attachments] == ["Notre avis.pdf", "avis.docx"]
    assert all(".." not in a.file.name and "Notre" not in a.file.name for a in attachments)
    download = client.get(f"/en/attachments/{attachments[0].pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="Notre avis.pdf"'
    assert b"".join(download.streaming_content) == PDF
    client.force_login(reviewer_b)  # another delegation: not revealed to exist
    assert client.get(f"/en/attachments/{attachments[0].pk}/").status_code == 404
    client.force_login(moderator)  # a draft is not the working group's yet
    assert client.get(f"/en/attachments/{attachments[0].pk}/").status_code == 404


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (200 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            b"MZ\x90\x00 this is a windows executable",
            "Attach PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) files only.",
        ),
        (
            "report.docx",
            b"PK\x03\x04not really a zip",
            "Attach PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) files only.",
        ),
        ("bomb.docx", None, "The file expands to an unreasonable size and was refused."),
    ],
)
def test_bad_files_are_refused_and_the_comment_kept_in_the_form(
    client, review_round, section, reviewer_a, name, content, message
):
    client.force_login(reviewer_a)
    response = post(
        client, review_round, [SimpleUploadedFile(name, content if content is not None else zip_bomb())], body="Keep me"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Keep me</textarea>" in html
    assert Comment.objects.count() == 0 and Attachment.objects.count() == 0


def test_more_than_five_files_are_refused(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    files = [SimpleUploadedFile(f"f{n}.pdf", PDF) for n in range(6)]
    response = post(client, review_round, files)
    assert "Attach at most 5 files." in response.content.decode()
    assert Comment.objects.count() == 0


def test_an_oversized_file_is_refused(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = post(client, review_round, [big])
    assert "“big.pdf” is larger than 10 MB." in response.content.decode()
    assert Comment.objects.count() == 0
