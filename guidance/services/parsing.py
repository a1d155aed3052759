"""Read a Word (.docx) or Markdown (.md) file into a list of sections with blocks.

Word heading levels (Heading 1, 2, 3…, and styles based on them) give the section tree;
paragraphs, lists, tables and quotations give the blocks; text before the first heading is
the opening section (level 0, unnumbered). Everything is turned into Markdown, the one format
the app stores. Word files are read by pandoc (guidance.services.word). See docs/guidance.md,
"Import format".
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guidance.enums import BlockKind
from guidance.uploads import check_size

HEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
MD_BULLET = re.compile(r"^\s*[-*+]\s+")
MD_ORDERED = re.compile(r"^\s*\d+[.)]\s+")


@dataclass
class ParsedBlock:
    kind: str
    text: str


@dataclass
class ParsedSection:
    level: int
    title: str
    blocks: list[ParsedBlock] = field(default_factory=list)


class ParsedDocument(list):
    """The sections of a file (a list, as the import takes it), with ``notices``: what the import
    converted or could not keep, each naming the paragraph it was in (shown in the import report)."""

    def __init__(self, sections=(), *, notices: list[str] | None = None, images: dict[str, bytes] | None = None):
        super().__init__(sections)
        self.notices = list(notices or [])
        self.images = dict(images or {})  # name → bytes of the images the blocks show (stored by the import)


class ParseError(ValidationError):
    """The file cannot be read as guidance; the message is one translated line."""


def import_size_check(size: int) -> None:
    check_size(size, max_bytes=settings.GUIDANCE_IMPORT_MAX_BYTES)


def parse_file(*, name: str, content: bytes) -> ParsedDocument:
    import_size_check(len(content))
    suffix = PurePath(name).suffix.lower()
    if suffix == ".docx":
        return parse_docx(content)
    if suffix in {".md", ".markdown", ".txt"}:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ParseError(_("The Markdown file is not valid UTF-8 text.")) from error
        return parse_markdown(text)
    raise ParseError(_("Only Word (.docx) and Markdown (.md) files can be imported."))


def clean_heading(text: str) -> str:
    """The heading's text on one line. A leading number is kept here: the import drops it only
    where it is the section's own number ("2.3 Scope" in section 2.3), never "2030 Agenda"."""
    return " ".join(text.split())


# --- Markdown ---------------------------------------------------------------------------


def markdown_block_kind(first_line: str) -> str:
    if MD_BULLET.match(first_line):
        return BlockKind.LIST
    if MD_ORDERED.match(first_line):
        return BlockKind.ORDERED_LIST
    if first_line.lstrip().startswith(">"):
        return BlockKind.QUOTE
    if first_line.lstrip().startswith("|"):
        return BlockKind.TABLE
    return BlockKind.PARAGRAPH


def parse_markdown(text: str) -> ParsedDocument:
    sections: list[ParsedSection] = []
    chunk: list[str] = []

    def flush() -> None:
        if not chunk:
            return
        body = "\n".join(line.rstrip() for line in chunk).strip("\n")
        chunk.clear()
        if not body.strip():
            return
        if not sections:  # text before the first heading: the opening section
            sections.append(ParsedSection(level=0, title=""))
        sections[-1].blocks.append(ParsedBlock(kind=markdown_block_kind(body.splitlines()[0]), text=body))

    in_fence = False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        heading = None if in_fence else MD_HEADING.match(line)
        if heading:
            flush()
            sections.append(ParsedSection(level=len(heading.group(1)), title=clean_heading(heading.group(2))))
        elif not line.strip() and not in_fence:
            flush()
        else:
            chunk.append(line)
    flush()
    return _document(sections, [])


# --- Word ---------------------------------------------------------------------------------


def parse_docx(content: bytes) -> "ParsedDocument":
    """Sections of a Word document, read by pandoc after the safe reader (guidance.services.word)."""
    import sys

    from guidance.services.word import read_docx

    sections, notices, images = read_docx(content, parsing=sys.modules[__name__])
    return _document(sections, notices, images)


def _document(
    sections: list[ParsedSection], notices: list[str], images: dict[str, bytes] | None = None
) -> "ParsedDocument":
    if not any(section.blocks or section.title for section in sections):
        raise ParseError(_("The file has no text to import."))
    if all(section.level == 0 for section in sections):
        notices = [_("The file has no headings; all of its text was imported as one section."), *notices]
    return ParsedDocument(sections, notices=notices, images=images)
