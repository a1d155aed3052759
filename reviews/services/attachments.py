"""Attachments to comments: checked by content (not by name), stored under random names."""

import zipfile
from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from reviews.models import Attachment, Comment

MAX_ATTACHMENTS = 5
MAX_BYTES = 10 * 1024 * 1024
# A zip-based document that expands beyond this, or by more than this ratio, is refused (zip bombs).
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 5000

PDF = ("application/pdf", ".pdf")
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
ODT = ("application/vnd.oasis.opendocument.text", ".odt")


def _zip_kind(content: bytes) -> tuple[str, str] | None:
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    total = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or total > MAX_RATIO * max(len(content), 1):
        raise ValidationError(_("The file expands to an unreasonable size and was refused."), code="zip_bomb")
    names = {entry.filename for entry in entries}
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "mimetype" in names and archive.read("mimetype").strip() == ODT[0].encode():
        return ODT
    return None


def attachment_kind(content: bytes) -> tuple[str, str]:
    """(content type, extension) from the bytes themselves; a renamed .exe is not a PDF."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        kind = _zip_kind(content)
        if kind:
            return kind
    raise ValidationError(
        _("Attach PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) files only."), code="type"
    )


def safe_name(name: str, extension: str) -> str:
    """The name shown to people: no folders, no odd characters, the right extension."""
    stem = get_valid_filename(PurePath(name.replace("\\", "/")).stem)[:120] or "attachment"
    return f"{stem}{extension}"


@transaction.atomic
def attachment_add(*, comment: Comment, upload, actor) -> Attachment:
    if comment.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(_("A comment can have at most 5 attachments."), code="too_many")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": upload.name[:100]}, code="too_large")
    content = upload.read(MAX_BYTES + 1)
    content_type, extension = attachment_kind(content)
    attachment = Attachment(
        comment=comment,
        original_name=safe_name(upload.name, extension),
        content_type=content_type,
        size=len(content),
        uploaded_by=actor,
    )
    attachment.file.save(f"upload{extension}", ContentFile(content), save=False)
    attachment.save()
    return attachment
