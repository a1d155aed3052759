"""The hand-written python-docx reader the import used before pandoc (kept only to be measured).

A copy of ``parse_docx`` from guidance/services/parsing.py as it was before issue 11, lightly
trimmed: it returns (level, title, [(kind, text)]) tuples and keeps text before the first
heading in a level-0 section instead of refusing, so that its words can be counted.
"""

import re

from guidance.uploads import open_docx

HEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
WORD_HEADING_STYLE = re.compile(r"^(?:heading|titre|título|titulo|überschrift)\s*(\d)$", re.IGNORECASE)


def parse(content: bytes) -> list[tuple[int, str, list[tuple[str, str]]]]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = open_docx(content, max_bytes=20 * 1024 * 1024)
    sections: list[tuple[int, str, list]] = []

    def add(kind: str, text: str) -> None:
        if not sections:
            sections.append((0, "", []))
        sections[-1][2].append((kind, text))

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            rows = [[" ".join(c.text.split()) for c in row.cells] for row in Table(child, document).rows]
            add("table", "\n".join("| " + " | ".join(row) + " |" for row in rows))
            continue
        if tag != "p":
            continue
        paragraph = Paragraph(child, document)
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        parts = []
        for r in paragraph.runs:
            text = r.text
            parts.append(f"**{text}**" if r.bold and text.strip() else text)
        text = "".join(parts) or paragraph.text
        if not text.strip():
            continue
        if style.lower() == "title":
            continue
        match = WORD_HEADING_STYLE.match(style.strip())
        level = int(match.group(1)) if match else None
        ppr = paragraph._p.pPr
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is None and outline is not None and outline.get(qn("w:val"), "").isdigit():
            level = int(outline.get(qn("w:val"))) + 1
        if level:
            sections.append((level, HEADING_NUMBER.sub("", " ".join(paragraph.text.split())), []))
            continue
        kind = "list" if (ppr is not None and ppr.numPr is not None) or "list" in style.lower() else "paragraph"
        if "quote" in style.lower():
            kind = "quote"
        add(kind, text.strip())
    return sections
