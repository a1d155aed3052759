"""Files attached to pilot updates: recognised by their bytes, stored under random names.

The same promise as comment attachments (docs/security.md): a renamed executable is not a
PDF, a zip that expands without bound is refused, and the name shown is cleaned.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guidance.uploads import KINDS, ZIP_HEADER, display_name, inspect_office_zip, package_kind, signature_kind

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024

# What a pilot update may carry (keys of guidance.uploads.KINDS).
_BY_SIGNATURE = {"pdf", "png", "jpg"}
_PACKAGES = {"docx", "xlsx", "pptx"}


def file_kind(content: bytes) -> tuple[str, str]:
    """(content type, extension) read from the content, or a translated ValidationError.

    Office files go through the shared safe reader (``guidance.uploads``): its size, entry
    count and compression-ratio limits apply before anything is decompressed.
    """
    kind = signature_kind(content)
    if kind in _BY_SIGNATURE:
        return KINDS[kind]
    if content.startswith(ZIP_HEADER):
        kind = package_kind(inspect_office_zip(content, max_bytes=MAX_FILE_BYTES))
        if kind in _PACKAGES:
            return KINDS[kind]
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
