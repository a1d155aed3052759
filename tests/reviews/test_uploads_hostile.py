"""Hostile files against the reviews uploads: the offline template, the matrix, attachments.

Each is refused through the page or the service, with its message, cheaply: under 32 MB of
memory at the peak, whatever the file would expand to (the shared reader is tested in
tests/guidance/test_uploads.py).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Attachment, Comment
from reviews.services import matrix
from tests.guidance import hostile_files as hostile
from tests.guidance.hostile_files import BOMB, CHEAP, ENTRIES, OLE_REFUSED, peak_of, refusal

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


def form_errors(response) -> list[str]:
    return [message for messages in response.context["form"].errors.values() for message in messages]


# The offline template (the page) -----------------------------------------------------------

OFFLINE_CASES = hostile.workbook_cases(
    max_rows=2000, max_bytes=5 * MiB, unreadable="The file is not a readable Excel workbook (.xlsx)."
)


@pytest.mark.parametrize(("name", "build", "message"), OFFLINE_CASES, ids=[case[0] for case in OFFLINE_CASES])
def test_offline_template_refuses_hostile_files(client, review_round, section, reviewer_a, name, build, message):
    content = build()
    client.force_login(reviewer_a)
    upload = {"file": SimpleUploadedFile(f"{name}.xlsx", content)}
    response, peak = peak_of(lambda: client.post(f"/en/rounds/{review_round.pk}/upload/", upload))
    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert peak < CHEAP
    assert Comment.objects.count() == 0


# The comment matrix (the service) ----------------------------------------------------------

MATRIX_CASES = hostile.workbook_cases(
    max_rows=20_000, max_bytes=5 * MiB, unreadable="The file is not an Excel workbook (.xlsx)."
)


@pytest.mark.parametrize(("name", "build", "message"), MATRIX_CASES, ids=[case[0] for case in MATRIX_CASES])
def test_matrix_upload_refuses_hostile_files(moderator, name, build, message):
    content = build()
    messages, _code, peak = refusal(lambda: matrix.matrix_upload_parse(content, moderator))
    assert messages == [message]
    assert peak < CHEAP


# Attachments (the comment form) ------------------------------------------------------------

ATTACHMENT_CASES = [
    ("zip_bomb", hostile.zip_bomb, BOMB),
    ("many_entries", hostile.many_entries, ENTRIES),
    (
        "not_a_zip",
        lambda: hostile.NOT_A_ZIP,
        "Attach PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) files only.",
    ),
    ("ole", lambda: hostile.OLE, OLE_REFUSED),
    ("oversize", lambda: hostile.oversize(10 * MiB), "“oversize.docx” is larger than 10 MB."),
]


@pytest.mark.parametrize(("name", "build", "message"), ATTACHMENT_CASES, ids=[case[0] for case in ATTACHMENT_CASES])
def test_attachments_refuse_hostile_files(client, review_round, section, reviewer_a, name, build, message):
    content = build()
    client.force_login(reviewer_a)
    data = {
        "kind": "general",
        "body": "Keep me",
        "language": "en",
        "attachments": [SimpleUploadedFile(f"{name}.docx", content)],
    }
    response, peak = peak_of(lambda: client.post(f"/en/rounds/{review_round.pk}/booklet/objective-5/", data))
    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert peak < CHEAP
    assert Comment.objects.count() == 0 and Attachment.objects.count() == 0
