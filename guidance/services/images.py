"""Images of the guidance text, imported from Word: stored once in the default storage, named by content.

A block shows an image with Markdown, ``![alt text](/guidance-images/<sha256>.png)``: every
version and language that has the block shares the file. Only PNG, JPEG, GIF and WebP are
stored (recognised by their first bytes, whatever the file's name says); other formats
(EMF, WMF, SVG, TIFF) are listed in the import report. The address is the SHA-256 of the
image: it cannot be guessed without the image. See docs/guidance.md, "Images".
"""

import hashlib
import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from guidance.uploads import signature_kind

URL_PREFIX = "/guidance-images/"
FOLDER = "guidance/images"
MAX_IMAGE_BYTES = 5 * 1024 * 1024
NAME = re.compile(r"^[0-9a-f]{64}\.(?:png|jpg|gif|webp)$")
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


def image_extension(data: bytes) -> str | None:
    """The extension of an image the web shows, from its first bytes; None for any other content."""
    kind = signature_kind(data)
    return kind if kind in CONTENT_TYPES else None


def image_name(data: bytes, extension: str) -> str:
    return f"{hashlib.sha256(data).hexdigest()}.{extension}"


def image_url(name: str) -> str:
    return f"{URL_PREFIX}{name}"


def images_store(*, images: dict[str, bytes]) -> int:
    """Save the images (name → bytes) not yet stored; how many were new."""
    created = 0
    for name, data in images.items():
        path = f"{FOLDER}/{name}"
        if NAME.match(name) and not default_storage.exists(path):
            default_storage.save(path, ContentFile(data))
            created += 1
    return created


def image_open(name: str):
    """(file, content type) of a stored image, or None."""
    path = f"{FOLDER}/{name}"
    if not NAME.match(name) or not default_storage.exists(path):
        return None
    return default_storage.open(path, "rb"), CONTENT_TYPES[name.rsplit(".", 1)[1]]
