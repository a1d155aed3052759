"""Guidance text (Markdown) written into a Word document as Word structures, the way the web page shows it.

The block's Markdown goes through the web's own renderer (``guidance.rendering.render_markdown``:
Python-Markdown, then the nh3 allow-list), and the few tags it can produce become Word's:
paragraphs with bold, italic, code, superscript and links; bulleted and numbered lists
(nested); quotes in Word's *Quote* style; tables as Word tables with a bold header row;
headings; preformatted text. So a drafter reads a table as a table, not as ``| a | b |``.
"""

import io
import logging

from django.utils.translation import gettext as _
from docx.enum.text import WD_BREAK
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import html as lxml_html

from guidance.rendering import render_markdown
from guidance.services.images import image_open
from guidance.text import clean_text

logger = logging.getLogger(__name__)

_INLINE_STYLES = {
    "strong": {"bold": True},
    "b": {"bold": True},
    "em": {"italic": True},
    "i": {"italic": True},
    "code": {"code": True},
    "sup": {"superscript": True},
    "sub": {"subscript": True},
}
_BLOCKS = {"p", "ul", "ol", "blockquote", "table", "pre", "h3", "h4", "h5", "h6", "hr"}


def add_markdown(document, text: str, *, prefix: str = "") -> None:
    """Append ``text`` (Markdown) to ``document``; ``prefix`` (e.g. the paragraph's number) starts it."""
    rendered = str(render_markdown(clean_text(text)))
    if not rendered.strip():
        if prefix:
            document.add_paragraph(prefix)
        return
    writer = _Writer(document, prefix)
    for element in lxml_html.fragments_fromstring(rendered):
        if isinstance(element, str):
            writer.loose_text(element)
        else:
            writer.block(element)


class _Writer:
    def __init__(self, document, prefix: str):
        self.document = document
        self.prefix = prefix

    def _paragraph(self, style: str | None = None):
        paragraph = self.document.add_paragraph(style=style)
        if self.prefix:
            paragraph.add_run(self.prefix + " ").bold = True
            self.prefix = ""
        return paragraph

    def loose_text(self, text: str) -> None:
        if text.strip():
            self._paragraph().add_run(clean_text(text))

    def block(self, element, *, style: str | None = None, level: int = 0) -> None:
        tag = element.tag
        if tag == "p":
            self.inline(self._paragraph(style), element)
        elif tag in ("ul", "ol"):
            self.list(element, ordered=tag == "ol", level=level)
        elif tag == "blockquote":
            self.quote(element)
        elif tag == "table":
            self.table(element)
        elif tag == "pre":
            paragraph = self._paragraph(style)
            for number, line in enumerate(element.text_content().rstrip("\n").split("\n")):
                run = paragraph.add_run(clean_text(line))
                run.font.name = "Courier New"
                if number:
                    run.add_break(WD_BREAK.LINE)
        elif tag in ("h3", "h4", "h5", "h6"):
            heading = self.document.add_heading(level=min(int(tag[1]), 9))
            if self.prefix:
                heading.add_run(self.prefix + " ")
                self.prefix = ""
            self.inline(heading, element)
        elif tag == "hr":
            self._paragraph()
        else:  # anything else the sanitiser lets through: its text
            self.inline(self._paragraph(style), element)

    def quote(self, element) -> None:
        if element.text and element.text.strip():
            self._paragraph("Quote").add_run(clean_text(element.text.strip()))
        for child in element:
            if child.tag == "p":
                self.inline(self._paragraph("Quote"), child)
            else:
                self.block(child, style="Quote")
            if child.tail and child.tail.strip():
                self._paragraph("Quote").add_run(clean_text(child.tail.strip()))

    def list(self, element, *, ordered: bool, level: int) -> None:
        start = int(element.get("start") or 1) if ordered and (element.get("start") or "1").isdigit() else 1
        number = start
        for item in element:
            if item.tag != "li":
                continue
            style = "List Bullet" if not ordered else "List Paragraph"
            if level and not ordered:
                style = f"List Bullet {min(level + 1, 3)}"
            paragraph = self._paragraph(style if _has_style(self.document, style) else None)
            paragraph.paragraph_format.left_indent = Cm(0.75 * (level + 1))
            if ordered:
                paragraph.add_run(f"{number}. ")
                number += 1
            nested = []
            first = True
            if item.text and item.text.strip():
                paragraph.add_run(clean_text(item.text.lstrip()))
                first = False
            for child in item:
                if child.tag in ("ul", "ol"):
                    nested.append(child)
                elif child.tag == "p":
                    if first:
                        self.inline(paragraph, child)
                        first = False
                    else:
                        self.inline(self._paragraph(), child)
                else:
                    self.inline_element(paragraph, child, {})
                    first = False
                if child.tail and child.tail.strip():
                    paragraph.add_run(clean_text(child.tail))
            for child in nested:
                self.list(child, ordered=child.tag == "ol", level=level + 1)

    def table(self, element) -> None:
        rows = [row for row in element.iter("tr")]
        if not rows:
            return
        width = max(len([c for c in row if c.tag in ("td", "th")]) for row in rows)
        if self.prefix:
            self._paragraph()
        table = self.document.add_table(rows=0, cols=max(width, 1))
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for cell, source in zip(cells, [c for c in row if c.tag in ("td", "th")], strict=False):
                paragraph = cell.paragraphs[0]
                self.inline(paragraph, source, {"bold": True} if source.tag == "th" else {})

    # Inline content --------------------------------------------------------------------------

    def inline(self, paragraph, element, style: dict | None = None) -> None:
        style = style or {}
        if element.text:
            _run(paragraph, element.text, style)
        for child in element:
            self.inline_element(paragraph, child, style)
            if child.tail:
                _run(paragraph, child.tail, style)

    def inline_element(self, paragraph, element, style: dict) -> None:
        tag = element.tag
        if tag == "br":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif tag == "a":
            _hyperlink(paragraph, element.get("href") or "", element.text_content())
        elif tag == "img":
            _image(paragraph, element.get("src") or "", element.get("alt") or "")
        elif tag in _INLINE_STYLES:
            self.inline(paragraph, element, {**style, **_INLINE_STYLES[tag]})
        else:
            self.inline(paragraph, element, style)


# Formats Word documents can hold (python-docx): a WebP image is written as its alternative text.
_WORD_IMAGE_TYPES = ("png", "jpg", "jpeg", "gif")


def _image(paragraph, src: str, alt: str) -> None:
    """An image of the guidance text, embedded (at most the page's width), or its alternative text."""
    name = src.rstrip("/").rsplit("/", 1)[-1]
    found = image_open(name) if src.startswith("/guidance-images/") else None
    if found is not None and name.rsplit(".", 1)[-1] in _WORD_IMAGE_TYPES:
        file, _content_type = found
        with file:
            try:
                paragraph.add_run().add_picture(io.BytesIO(file.read()), width=Cm(15))
                return
            except (UnrecognizedImageError, ValueError, OSError, KeyError) as error:  # its text, below
                logger.warning("Image %s not embedded in a Word export: %s", name, error)
    _run(paragraph, f"[{_('Image')}: {alt}]" if alt else f"[{_('Image')}]", {"italic": True})


def _has_style(document, name: str) -> bool:
    try:
        document.styles[name]
    except KeyError:
        return False
    return True


def _run(paragraph, text: str, style: dict):
    text = clean_text(text)
    if not text:
        return None
    run = paragraph.add_run(text)
    run.bold = style.get("bold") or None
    run.italic = style.get("italic") or None
    if style.get("code"):
        run.font.name = "Courier New"
        run.font.size = Pt(9)
    if style.get("superscript"):
        run.font.superscript = True
    if style.get("subscript"):
        run.font.subscript = True
    return run


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A real Word hyperlink (python-docx has no call for it): the text, underlined, opening ``url``."""
    text = clean_text(text) or url
    if not url.startswith(("http://", "https://", "mailto:")):
        paragraph.add_run(text)
        return
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    properties.extend([colour, underline])
    run.append(properties)
    content = OxmlElement("w:t")
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    link.append(run)
    paragraph._p.append(link)
