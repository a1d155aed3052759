"""Read a Word (.docx) or Markdown (.md) file into a list of sections with blocks.

Word heading levels (Heading 1, 2, 3…) give the section tree; paragraphs, lists, tables
and quotations give the blocks. Everything is turned into Markdown, the one format the
app stores. See docs/guidance.md, "Import format".
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guidance.enums import BlockKind
from guidance.uploads import check_size, open_docx

HEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
MD_BULLET = re.compile(r"^\s*[-*+]\s+")
MD_ORDERED = re.compile(r"^\s*\d+[.)]\s+")
WORD_HEADING_STYLE = re.compile(r"^(?:heading|titre|título|titulo|überschrift)\s*(\d)$", re.IGNORECASE)
MD_SPECIAL_START = re.compile(r"^(\s*)([#>|]|[-*+]\s|\d+[.)]\s)")


@dataclass
class ParsedBlock:
    kind: str
    text: str


@dataclass
class ParsedSection:
    level: int
    title: str
    blocks: list[ParsedBlock] = field(default_factory=list)


class ParseError(ValidationError):
    """The file cannot be read as guidance; the message is one translated line."""


def import_size_check(size: int) -> None:
    check_size(size, max_bytes=settings.GUIDANCE_IMPORT_MAX_BYTES)


def parse_file(*, name: str, content: bytes) -> list[ParsedSection]:
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
    return HEADING_NUMBER.sub("", " ".join(text.split()))


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


def parse_markdown(text: str) -> list[ParsedSection]:
    sections: list[ParsedSection] = []
    chunk: list[str] = []

    def flush() -> None:
        if not chunk:
            return
        body = "\n".join(line.rstrip() for line in chunk).strip("\n")
        chunk.clear()
        if not body.strip():
            return
        if not sections:
            raise ParseError(_("The file has text before its first heading; every paragraph must be under a heading."))
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
    if not sections:
        raise ParseError(_("The file has no headings, so no sections could be found."))
    return sections


# --- Word ---------------------------------------------------------------------------------


def parse_docx(content: bytes) -> list[ParsedSection]:
    document = open_docx(content, max_bytes=settings.GUIDANCE_IMPORT_MAX_BYTES)

    from docx.table import Table
    from docx.text.paragraph import Paragraph

    sections: list[ParsedSection] = []
    pending_list: list[str] = []
    pending_kind = BlockKind.LIST
    style_names: dict[str | None, str] = {}

    def style_name(paragraph) -> str:
        """python-docx looks a style up among all of them on every call: once per style is enough."""
        style_id = paragraph._p.style
        if style_id not in style_names:
            style = paragraph.style
            style_names[style_id] = (style.name if style is not None else "") or ""
        return style_names[style_id]

    def add_block(kind: str, text: str) -> None:
        if not sections:
            raise ParseError(_("The file has text before its first heading; every paragraph must be under a heading."))
        sections[-1].blocks.append(ParsedBlock(kind=kind, text=text))

    def flush_list() -> None:
        nonlocal pending_list
        if pending_list:
            add_block(pending_kind, "\n".join(pending_list))
            pending_list = []

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            flush_list()
            add_block(BlockKind.TABLE, docx_table_markdown(Table(child, document)))
            continue
        if tag != "p":
            continue
        paragraph = Paragraph(child, document)
        style = style_name(paragraph)
        text = docx_runs_markdown(paragraph)
        if not text.strip():
            continue
        level = docx_heading_level(paragraph, style)
        if level == 0:  # the document's title: not a section
            continue
        if level:
            flush_list()
            sections.append(ParsedSection(level=level, title=clean_heading(paragraph.text)))
            continue
        list_kind = docx_list_kind(paragraph, style)
        if list_kind:
            if pending_list and list_kind != pending_kind:
                flush_list()
            pending_kind = list_kind
            prefix = "1." if list_kind == BlockKind.ORDERED_LIST else "-"
            pending_list.append(f"{prefix} {text.strip()}")
            continue
        flush_list()
        if "quote" in style.lower():
            add_block(BlockKind.QUOTE, "\n".join(f"> {line}" for line in text.strip().splitlines()))
        else:
            add_block(BlockKind.PARAGRAPH, escape_block_start(text.strip()))
    flush_list()
    if not sections:
        raise ParseError(_("The Word document has no headings (Heading 1, Heading 2…), so no sections could be found."))
    return sections


def docx_heading_level(paragraph, style: str) -> int | None:
    """1, 2, 3… for a heading; 0 for the document title; None for body text."""
    if style.lower() == "title":
        return 0
    match = WORD_HEADING_STYLE.match(style.strip())
    if match:
        return int(match.group(1))
    # A custom style that Word marks with an outline level is a heading too.
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    value = outline.get(qn("w:val")) if outline is not None else None
    if value is not None and value.isdigit() and int(value) < 9:
        return int(value) + 1
    return None


def docx_list_kind(paragraph, style: str) -> str | None:
    lowered = style.lower()
    if "list number" in lowered:
        return BlockKind.ORDERED_LIST
    if "list" in lowered and "paragraph" not in lowered:
        return BlockKind.LIST
    ppr = paragraph._p.pPr
    if (ppr is not None and ppr.numPr is not None) or "list paragraph" in lowered:
        return BlockKind.LIST
    return None


def docx_runs_markdown(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = run.text.replace("*", r"\*").replace("_", r"\_")
        if not text.strip():
            parts.append(text)
            continue
        lead, core, trail = text[: len(text) - len(text.lstrip())], text.strip(), text[len(text.rstrip()) :]
        if run.bold and run.italic:
            core = f"***{core}***"
        elif run.bold:
            core = f"**{core}**"
        elif run.italic:
            core = f"*{core}*"
        parts.append(f"{lead}{core}{trail}")
    return "".join(parts) or paragraph.text


def docx_table_markdown(table) -> str:
    rows = [[" ".join(cell.text.split()).replace("|", r"\|") for cell in row.cells] for row in table.rows]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def escape_block_start(text: str) -> str:
    """A Word paragraph that starts with "1. " or "# " is prose, not Markdown syntax."""
    return MD_SPECIAL_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text, count=1)
