import secrets
import string

from django.utils.text import slugify

KEY_ALPHABET = string.ascii_lowercase + string.digits
KEY_LENGTH = 6
RESERVED_ANCHORS = {"search", "compare", "print"}


def block_key_mint(*, taken: set[str]) -> str:
    """A short random paragraph key not in ``taken`` (which it extends)."""
    while True:
        key = "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))
        if key not in taken:
            taken.add(key)
            return key


def section_anchor_mint(*, title: str, taken: set[str]) -> str:
    """A readable, unique anchor from the English title (``objective-5-enhance…``)."""
    base = slugify(title)[:60].strip("-") or "section"
    if base in RESERVED_ANCHORS:
        base = f"{base}-section"
    anchor, suffix = base, 2
    while anchor in taken:
        anchor = f"{base}-{suffix}"
        suffix += 1
    taken.add(anchor)
    return anchor
