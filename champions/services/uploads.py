"""Files attached to pilot updates: recognised by their bytes, stored under random names.

The same promise as comment attachments (docs/security.md): a renamed executable is not a
PDF, a zip that expands without bound is refused, and the name shown is cleaned.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guidance.uploads import ZIP_HEADER, display_name, inspect_office_zip

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
_OFFICE = {
    "word/document.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/presentation.xml": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
}


def file_kind(content: bytes) -> tuple[str, str]:
    """(content type, extension) read from the content, or a translated ValidationError.

    Office files go through the shared safe reader (``guidance.uploads``): its size, entry
    count and compression-ratio limits apply before anything is decompressed.
    """
    for signature, content_type, extension in _SIGNATURES:
        if content.startswith(signature):
            return content_type, extension
    if content.startswith(ZIP_HEADER):
        names = set(inspect_office_zip(content, max_bytes=MAX_FILE_BYTES).namelist())
        for name, kind in _OFFICE.items():
            if name in names:
                return kind
    raise ValidationError(
        _("Attach PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG or JPEG files only."), code="type"
    )


def read_upload(upload) -> tuple[bytes, str, str, str]:
    """The upload's bytes, content type, extension and a clean display name; refuses what is not allowed."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": upload.name[:100]}, code="too_large")
    content = upload.read(MAX_FILE_BYTES + 1)
    content_type, extension = file_kind(content)
    return content, content_type, extension, display_name(upload.name, extension)
