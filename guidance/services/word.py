"""Read a Word document with pandoc into sections of Markdown blocks, and say what was not kept.

pandoc (the ``pypandoc-binary`` wheel ships its binary) reads the document after the shared
safe reader (``guidance.uploads.check_docx``) has checked the package, and after a small
rewrite of ``word/document.xml`` with lxml for what pandoc would lose or flatten:

- a document type declaration in any part is refused (Word never writes one);
- content controls (``w:sdt``) are unwrapped, so a control around a table cell keeps the cell;
- paragraphs inside text boxes and shapes get the style ``GuidanceBox``, so they come back
  as a styled division and become a quotation ("box") block;
- SmartArt's texts (from its data part) are added as a box after its paragraph.

pandoc runs with ``--track-changes=accept`` (insertions and moves kept, deletions gone),
``--sandbox`` (no file or network access), a memory cap (``+RTS -M``) and a timeout. Its JSON
document tree is turned into our blocks here: paragraphs, lists (nested, numbered from
Word's numbering), tables (merged cells once), quotations, footnotes and endnotes as
Markdown notes of their block, links as Markdown links, images the web shows as Markdown
images (stored by the import, guidance.services.images). What is converted or not kept
(tracked changes, nested tables flattened into their cell, SmartArt's layout, charts,
embedded objects, images in other formats, review comments) is listed in the notices with
the first words of the paragraph it was in. See docs/guidance.md.
"""

import posixpath
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from guidance.enums import BlockKind
from guidance.services.images import MAX_IMAGE_BYTES, image_extension, image_name, image_url
from guidance.services.word_package import (
    BOX_STYLE,
    MD_ESCAPE,
    MD_SPECIAL_START,
    QUOTE_STYLES,
    WordError,
    first_words,
    pandoc_json,
    prepare_package,
)
from guidance.uploads import check_docx, is_strict, strict_refusal

# --- The document tree to Markdown --------------------------------------------------------


class _Inlines:
    """Inline elements to Markdown; notes are collected for the block being written."""

    def __init__(self, reader: "WordReader", *, in_table: bool = False):
        self.reader = reader
        self.in_table = in_table

    def __call__(self, inlines: list) -> str:
        return "".join(self.one(item) for item in inlines)

    def one(self, item: dict) -> str:
        kind, content = item["t"], item.get("c")
        if kind == "Str":
            return MD_ESCAPE.sub(r"\\\1", content)
        if kind in {"Space", "SoftBreak"}:
            return " "
        if kind == "LineBreak":
            return " " if self.in_table else "  \n"
        if kind in {"Emph", "Strong"}:
            inner = self(content).strip()
            if not inner:
                return self(content)
            mark = "*" if kind == "Emph" else "**"
            return f"{mark}{inner}{mark}"
        if kind in {"Underline", "SmallCaps", "Strikeout"}:
            return self(content)
        if kind == "Span":
            return self(content[1])
        if kind == "Superscript":
            return f"<sup>{self(content)}</sup>"
        if kind == "Subscript":
            return f"<sub>{self(content)}</sub>"
        if kind == "Quoted":
            left, right = ("“", "”") if content[0]["t"] == "DoubleQuote" else ("‘", "’")
            return f"{left}{self(content[1])}{right}"
        if kind == "Cite":
            return self(content[1])
        if kind == "Code":
            return f"`{content[1]}`"
        if kind == "Math":
            return f"`{content[1]}`"
        if kind == "Link":
            text = self(content[1])
            url = content[2][0]
            if not url or url.startswith("#"):  # a link inside the document (table of contents)
                return text
            target = f"<{url}>" if re.search(r"[\s()<>]", url) else url
            return f"[{text}]({target})"
        if kind == "Image":
            return self.reader.image(alt=_plain(content[1]), source=content[2][0])
        if kind == "Note":
            return self.reader.note(content)
        return ""  # RawInline and anything newer: no text


def _plain(inlines: list) -> str:
    parts = []
    for item in inlines:
        kind, content = item["t"], item.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in {"Space", "SoftBreak", "LineBreak"}:
            parts.append(" ")
        elif kind in {"Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"}:
            parts.append(_plain(content))
        elif kind in {"Span", "Quoted", "Cite", "Link"}:
            parts.append(_plain(content[1]))
        elif kind in {"Code", "Math"}:
            parts.append(content[1])
    return "".join(parts)


def _blocks_plain(blocks: list) -> str:
    parts = []
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind in {"Para", "Plain"}:
            parts.append(_plain(content))
        elif kind == "Header":
            parts.append(_plain(content[2]))
        elif kind in {"BlockQuote"}:
            parts.append(_blocks_plain(content))
        elif kind == "Div":
            parts.append(_blocks_plain(content[1]))
        elif kind in {"BulletList", "OrderedList"}:
            items = content if kind == "BulletList" else content[1]
            parts += [_blocks_plain(item) for item in items]
    return " ".join(part for part in parts if part)


def escape_block_start(text: str) -> str:
    """A Word paragraph that starts with "1. " or "# " is prose, not Markdown syntax."""

    def escaped(match: re.Match) -> str:
        if match.group(2):
            return f"{match.group(1)}\\{match.group(2)}"
        return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"  # "1\. " (a backslash before a digit shows)

    return MD_SPECIAL_START.sub(escaped, text, count=1)


class WordReader:
    def __init__(self, parsing, archive: zipfile.ZipFile | None = None):
        self.parsing = parsing  # guidance.services.parsing, passed in to avoid an import cycle
        self.archive = archive  # the checked package, for its images
        self.images: dict[str, bytes] = {}  # name → bytes of the images kept
        self.sections = []
        self.notices: list[str] = []
        self.notes: list[str] = []  # the definitions of the block being written
        self.last_text = ""  # the first words of the last paragraph written, to say where things were
        self.open_quote = ""  # the style of the box or quotation just written (its next paragraph joins it)

    # where we are, for notices
    def place(self) -> str:
        section = self.sections[-1].title if self.sections and self.sections[-1].title else _("the opening text")
        if self.last_text:
            return _("in “%(section)s”, after “%(words)s”") % {"section": section, "words": self.last_text}
        return _("in “%(section)s”") % {"section": section}

    def image(self, *, alt: str, source: str) -> str:
        """The Markdown of an image of the package, kept if the web can show it; else a notice."""
        data = self._image_data(source)
        extension = image_extension(data) if data is not None else None
        described = f"“{first_words(alt)}”" if alt.strip() else _("no alternative text")
        if data is None or extension is None:
            self.notices.append(
                _(
                    "An image (%(alt)s) %(place)s was not imported: its format cannot be shown on the web. "
                    "Save it as PNG or JPEG in the document, or add it again by hand."
                )
                % {"alt": described, "place": self.place()}
            )
            return ""
        if len(data) > MAX_IMAGE_BYTES:
            self.notices.append(
                _("An image (%(alt)s) %(place)s was not imported: it is larger than %(size)d MB.")
                % {"alt": described, "place": self.place(), "size": MAX_IMAGE_BYTES // (1024 * 1024)}
            )
            return ""
        if not alt.strip():
            self.notices.append(
                _("An image %(place)s has no alternative text; add one so that every reader knows what it shows.")
                % {"place": self.place()}
            )
        name = image_name(data, extension)
        self.images[name] = data
        text = MD_ESCAPE.sub(r"\\\1", " ".join(alt.split()))
        return f"![{text}]({image_url(name)})"

    def _image_data(self, source: str) -> bytes | None:
        if self.archive is None or "://" in source:
            return None
        path = posixpath.normpath(posixpath.join("word", source))
        if not path.startswith("word/"):
            return None
        try:
            return self.archive.read(path)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None

    def note(self, blocks: list) -> str:
        number = len(self.notes) + 1
        body = self.block_markdown(blocks)
        body = "\n    ".join(body.splitlines()) if body else ""
        self.notes.append(f"[^{number}]: {body}")
        return f"[^{number}]"

    # sections
    def section(self, level: int, title: str):
        section = self.parsing.ParsedSection(level=level, title=" ".join(title.split()))
        self.sections.append(section)
        return section

    def add(self, kind: str, text: str) -> None:
        self.open_quote = ""
        text = text.strip("\n")
        if self.notes:
            text = text + "\n\n" + "\n".join(self.notes)
            self.notes = []
        if not text.strip():
            return
        if not self.sections:
            self.section(0, "")
        self.sections[-1].blocks.append(self.parsing.ParsedBlock(kind=kind, text=text))

    # blocks
    def read(self, tree: dict) -> None:
        meta = tree.get("meta", {})
        opening = [meta[key] for key in ("subtitle", "author", "date", "abstract") if key in meta]
        if "title" in meta:
            self.section(0, _plain(meta["title"].get("c", [])) if meta["title"]["t"] == "MetaInlines" else "")
        for value in opening:
            for text in self.meta_texts(value):
                self.add(BlockKind.PARAGRAPH, text)
        for block in tree.get("blocks", []):
            self.block(block)

    def meta_texts(self, value: dict) -> list[str]:
        kind, content = value["t"], value.get("c")
        if kind == "MetaInlines":
            return [escape_block_start(_Inlines(self)(content))]
        if kind == "MetaBlocks":
            return [self.block_markdown(content)]
        if kind == "MetaList":
            return [text for item in content for text in self.meta_texts(item)]
        return []

    def block(self, block: dict, *, style: str = "") -> None:
        kind, content = block["t"], block.get("c")
        if kind == "Header":
            attributes = content[1]
            if "TOC-Heading" in attributes[1]:  # the "Contents" title of a table of contents
                self.paragraph(content[2])
                return
            self.section(content[0], _plain(content[2]))
            self.last_text = self.open_quote = ""
            self.heading_notes(content[2])
            return
        if kind == "Div":
            custom = dict(content[0][2]).get("custom-style", "")
            if custom == BOX_STYLE or custom.lower() in QUOTE_STYLES:
                text = self.quote(content[1])
                previous = self.sections[-1].blocks[-1] if self.sections and self.sections[-1].blocks else None
                if self.open_quote == custom and previous is not None and not self.notes:
                    previous.text += "\n>\n" + text  # the next paragraph of the same box
                else:
                    self.add(BlockKind.QUOTE, text)
                self.open_quote = custom
                return
            for child in content[1]:
                self.block(child, style=custom)
            return
        if kind in {"Para", "Plain"}:
            self.paragraph(content)
        elif kind == "LineBlock":
            self.add(BlockKind.PARAGRAPH, "  \n".join(_Inlines(self)(line) for line in content))
        elif kind == "BlockQuote":
            self.add(BlockKind.QUOTE, self.quote(content))
        elif kind in {"BulletList", "OrderedList"}:
            self.add(BlockKind.LIST if kind == "BulletList" else BlockKind.ORDERED_LIST, self.list_markdown(block))
            self.last_text = first_words(_blocks_plain([block]))
        elif kind == "Table":
            self.add(BlockKind.TABLE, self.table(content))
            self.last_text = first_words(_blocks_plain(self.table_cells_blocks(content)))
        elif kind == "Figure":
            for child in content[2]:
                self.block(child)
        elif kind == "CodeBlock":
            self.add(BlockKind.PARAGRAPH, "```\n" + content[1] + "\n```")
        elif kind == "DefinitionList":
            for term, definitions in content:
                self.paragraph(term)
                for definition in definitions:
                    for child in definition:
                        self.block(child)

    def heading_notes(self, inlines: list) -> None:
        """A note on a heading (a title cannot hold one) becomes the section's first paragraph."""
        for item in inlines:
            if item["t"] == "Note":
                text = self.block_markdown(item["c"])
                if text:
                    self.add(BlockKind.PARAGRAPH, text)
                    self.notices.append(
                        _("A note on the heading “%(title)s” was imported as the first paragraph of its section.")
                        % {"title": first_words(self.sections[-1].title)}
                    )
            elif item["t"] in {"Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"}:
                self.heading_notes(item["c"])
            elif item["t"] in {"Span", "Link", "Quoted"}:
                self.heading_notes(item["c"][1])

    def paragraph(self, inlines: list) -> None:
        text = _Inlines(self)(inlines).strip()
        if text:
            self.add(BlockKind.PARAGRAPH, escape_block_start(text))
            self.last_text = first_words(_plain(inlines))
        elif self.notes:
            self.add(BlockKind.PARAGRAPH, "")

    def quote(self, blocks: list) -> str:
        text = self.block_markdown(blocks)
        self.last_text = first_words(_blocks_plain(blocks))
        return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())

    def block_markdown(self, blocks: list) -> str:
        """Markdown of blocks inside another (a list item, a note, a box, a cell)."""
        parts = []
        for block in blocks:
            kind, content = block["t"], block.get("c")
            if kind in {"Para", "Plain"}:
                parts.append(escape_block_start(_Inlines(self)(content).strip()))
            elif kind == "Header":
                parts.append(f"**{_Inlines(self)(content[2]).strip()}**")
            elif kind in {"BulletList", "OrderedList"}:
                parts.append(self.list_markdown(block))
            elif kind in {"BlockQuote", "Div"}:
                parts.append(self.block_markdown(content if kind == "BlockQuote" else content[1]))
            elif kind == "Table":
                parts.append(self.table(content))
            elif kind == "LineBlock":
                parts.append("  \n".join(_Inlines(self)(line) for line in content))
            elif kind == "Figure":
                parts.append(self.block_markdown(content[2]))
        return "\n\n".join(part for part in parts if part)

    def list_markdown(self, block: dict, indent: str = "") -> str:
        ordered = block["t"] == "OrderedList"
        items = block["c"][1] if ordered else block["c"]
        start = block["c"][0][0] if ordered else 1
        lines = []
        for number, item in enumerate(items, start=start):
            marker = f"{number}. " if ordered else "- "
            first = True
            for child in item:
                if child["t"] in {"BulletList", "OrderedList"}:
                    lines.append(self.list_markdown(child, indent + "    "))
                    continue
                text = self.block_markdown([child])
                for line in text.splitlines() or [""]:
                    if first:
                        lines.append(f"{indent}{marker}{line}")
                        first = False
                    else:
                        lines.append(f"{indent}    {line}" if line else "")
            if first:
                lines.append(f"{indent}{marker}".rstrip())
        return "\n".join(lines)

    # tables
    @staticmethod
    def _rows(content: list) -> list[list]:
        head, bodies = content[3], content[4]
        rows = list(head[1])
        for body in bodies:
            rows += body[2] + body[3]
        rows += content[5][1]  # the foot
        return rows

    def table_cells_blocks(self, content: list) -> list:
        return [block for row in self._rows(content) for cell in row[1] for block in cell[4]]

    def table(self, content: list) -> str:
        width = len(content[2])
        grid: list[list[str | None]] = []
        pending: dict[tuple[int, int], bool] = {}  # cells covered by a merged cell above
        for r, row in enumerate(self._rows(content)):
            line: list[str | None] = [None] * width
            column = 0
            for cell in row[1]:
                while column < width and (r, column) in pending:
                    line[column] = ""
                    column += 1
                row_span, col_span, blocks = cell[2], cell[3], cell[4]
                if any(b["t"] == "Table" for b in blocks):
                    self.notices.append(
                        _("A table inside a table cell %(place)s was flattened into its cell.")
                        % {"place": self.place()}
                    )
                text = self.cell_text(blocks)
                for extra_column in range(col_span):
                    for extra_row in range(row_span):
                        if extra_row or extra_column:
                            pending[(r + extra_row, column + extra_column)] = True
                if column < width:
                    line[column] = text
                column += col_span
            grid.append(["" if value is None else value for value in line])
            for c in range(width):
                pending.pop((r, c), None)
        if not grid:
            return ""
        lines = ["| " + " | ".join(grid[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in grid[1:]]
        return "\n".join(lines)

    def cell_text(self, blocks: list) -> str:
        parts = []
        for block in blocks:
            kind, content = block["t"], block.get("c")
            if kind in {"Para", "Plain"}:
                parts.append(_Inlines(self, in_table=True)(content).strip())
            elif kind == "Table":
                parts.append(" · ".join(self.cell_text(cell[4]) for row in self._rows(content) for cell in row[1]))
            elif kind in {"BulletList", "OrderedList"}:
                items = content if kind == "BulletList" else content[1]
                parts += [self.cell_text(item) for item in items]
            elif kind in {"Div", "BlockQuote", "Figure"}:
                inner = content[1] if kind == "Div" else content if kind == "BlockQuote" else content[2]
                parts.append(self.cell_text(inner))
        return " ".join(part for part in parts if part).replace("|", r"\|")


def read_docx(content: bytes, *, parsing) -> tuple[list, list[str], dict[str, bytes]]:
    """(sections, notices, images) of a Word document; every check of the safe reader runs first."""
    archive = check_docx(content, max_bytes=settings.GUIDANCE_IMPORT_MAX_BYTES, allow_strict=True)
    strict = is_strict(archive)
    try:
        prepared, notices, tracked = prepare_package(archive)
        tree = pandoc_json(prepared)
    except WordError as error:
        if strict and error.code == "unreadable":  # pandoc reads Strict Open XML; when it cannot, say why
            raise strict_refusal() from error
        raise
    reader = WordReader(parsing, archive)
    reader.read(tree)
    if tracked:
        notices.insert(
            0, _("The document had tracked changes; they were imported as accepted (deleted text left out).")
        )
    return reader.sections, notices + reader.notices, reader.images
