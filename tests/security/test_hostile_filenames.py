"""Hostile file names (docs/security.md, "Uploads"): an upload's name can be anything its sender
chose. It is never a path, never markup, never a second header line, never a formula, never a
disguised extension, and never a reason to lose the comment it came with.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guidance.uploads import display_name
from reviews.models import Attachment, Comment

pytestmark = pytest.mark.django_db

URL = "/en/rounds/{pk}/booklet/objective-5/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"

# name sent -> name shown (the extension is always the one the content proves)
NAMES = {
    "Rapport d’étape – Maroc.pdf": "Rapport d’étape – Maroc.pdf",
    "Informe de la Misión (versión final).pdf": "Informe de la Misión (versión final).pdf",
    "报告.pdf": "报告.pdf",
    "☃☃.pdf": "☃☃.pdf",  # no letter in it: kept, not refused
    "../../etc/passwd": "passwd.pdf",
    "C:\\Users\\fp\\Desktop\\avis.exe": "avis.pdf",
    "..": "attachment.pdf",
    "": "attachment.pdf",
    "\x00.pdf": "attachment.pdf",
    "gpj\u202e.exe.pdf": "gpj.exe.pdf",  # a right-to-left override would show "exe.jpg"
    "avis\r\nContent-Type: text/html.pdf": "html.pdf",  # a slash is a folder: only the last part is a name
    '"><img src=x onerror=alert(1)>.pdf': "img src=x onerror=alert(1).pdf",
    "<script>alert(1)</script>.pdf": "script.pdf",
    '=HYPERLINK("http://evil.example").pdf': "evil.example).pdf",
    "=cmd|' /C calc'!A0.pdf": "C calc'!A0.pdf",
    "+SUM(A1).pdf": "SUM(A1).pdf",
    "@SUM(A1).pdf": "SUM(A1).pdf",
    "x" * 400 + ".pdf": "x" * 120 + ".pdf",
}


@pytest.mark.parametrize(("sent", "shown"), list(NAMES.items()))
def test_the_name_shown_is_safe_and_as_close_to_the_senders_as_possible(sent, shown):
    assert display_name(sent, ".pdf") == shown


# Django's own upload parser refuses "..", drops a file with no name and strips NUL before we see them.
THROUGH_THE_FORM = [name for name in NAMES if name not in ("..", "", "\x00.pdf")]


@pytest.mark.parametrize("sent", THROUGH_THE_FORM)
def test_a_hostile_name_never_costs_the_comment(client, review_round, section, reviewer_a, sent):
    client.force_login(reviewer_a)
    data = {"kind": "general", "body": "With a file.", "language": "en", "attachments": [SimpleUploadedFile(sent, PDF)]}
    response = client.post(URL.format(pk=review_round.pk), data)
    assert response.status_code == 302  # saved, not a 400 "suspicious operation" page
    attachment = Attachment.objects.get()
    assert attachment.original_name == NAMES[sent] and Comment.objects.get().body == "With a file."
    assert ".." not in attachment.file.name and "\\" not in attachment.file.name
    download = client.get(f"/en/attachments/{attachment.pk}/")
    header = download["Content-Disposition"]
    assert download.status_code == 200 and header.startswith("attachment;")
    assert "\r" not in header and "\n" not in header and "\u202e" not in header
    page = client.get(f"/en/comments/{attachment.comment_id}/edit/").content.decode()
    assert "<img src=x" not in page and "<script>alert" not in page
