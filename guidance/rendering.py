"""Markdown to safe HTML.

Guidance text is Markdown written by drafters or imported from Word. It is rendered with
Python-Markdown and then sanitised with nh3 (an allow-list HTML cleaner), so raw HTML,
script tags, event handlers and ``javascript:`` links never reach the page. Footnotes use
Python-Markdown's ``footnotes`` extension.
"""

import re
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h3",
    "h4",
    "h5",
    "h6",
    "sup",
    "sub",
    "hr",
    "div",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    # footnotes (imported from Word as notes of their block): the reference, the list and its items
    "sup": {"id"},
    "li": {"id"},
    "div": {"class"},
    # images imported from Word, only from our own store (see _attribute_filter)
    "img": {"src", "alt", "title"},
}
IMAGE_PREFIX = "/guidance-images/"
IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
FOOTNOTES = {"BACKLINK_TEXT": "↩", "BACKLINK_TITLE": "", "SUPERSCRIPT_TEXT": "{}"}
NOTE_ID = re.compile(r'(id="|href="#)(fn|fnref):')
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """An image is shown only from the guidance image store (no tracking pixels, no other sites)."""
    if tag == "img" and attribute == "src" and not (value.startswith(IMAGE_PREFIX) and "//" not in value):
        return None
    return value


@lru_cache(maxsize=4096)
def render_markdown(text: str, id_prefix: str = "") -> SafeString:
    """Render ``text`` (Markdown) to sanitised HTML; cached, since blocks repeat across requests.

    Footnotes (``[^1]`` and ``[^1]: …``) are the notes of their block, numbered from 1 in it;
    ``id_prefix`` (the block's key) keeps their ids unique on a page of many blocks.
    """
    html = markdown.markdown(
        text or "",
        extensions=["tables", "sane_lists", "footnotes"],
        extension_configs={"footnotes": FOOTNOTES},
        output_format="html",
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter,
    )
    if "<img" in cleaned:
        cleaned = IMAGE_WITHOUT_SOURCE.sub("", cleaned)
    if id_prefix and "fn" in cleaned:
        cleaned = NOTE_ID.sub(lambda m: f"{m.group(1)}{m.group(2)}-{id_prefix}-", cleaned)
    return mark_safe(cleaned.strip())  # noqa: S308 - sanitised by nh3 just above
