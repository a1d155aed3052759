"""Attachments to comments: checked by content (not by name), stored under random names."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from guidance.uploads import KINDS, display_name, inspect_office_zip, package_kind, signature_kind
from reviews.models import Attachment, Comment

MAX_ATTACHMENTS = 5
MAX_BYTES = 10 * 1024 * 1024

# What a comment may carry (keys of guidance.uploads.KINDS).
ACCEPTED = {"pdf", "docx", "xlsx", "odt"}


def _zip_kind(content: bytes) -> str | None:
    """The kind of a zip-based document (the shared reader refuses zip bombs and old or encrypted files)."""
    try:
        archive = inspect_office_zip(content, max_bytes=MAX_BYTES)
    except ValidationError as error:
        if error.code == "unreadable":  # not a zip: not a document we accept
            return None
        raise
    return package_kind(archive)


def attachment_kind(content: bytes) -> tuple[str, str]:
    """(content type, extension) from the bytes themselves; a renamed .exe is not a PDF."""
    kind = "pdf" if signature_kind(content) == "pdf" else _zip_kind(content)
    if kind in ACCEPTED:
        return KINDS[kind]
    raise ValidationError(
        _("Attach PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx) files only."), code="type"
    )


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
        original_name=display_name(upload.name, extension),
        content_type=content_type,
        size=len(content),
        uploaded_by=actor,
    )
    attachment.file.save(f"upload{extension}", ContentFile(content), save=False)
    attachment.save()
    return attachment
