"""Hostile Office files for the upload tests, built here (never committed as binaries).

Each builder is cached: a test module builds a file once, in a fixture, so that the time a
test measures is the refusal alone.
"""

import io
import re
import tracemalloc
import zipfile
from functools import cache

import docx
import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from guidance.uploads import OLE_HEADER
from tests.guidance.docx_builder import GUIDE_EN, build_docx

MiB = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# The two entries every Office package has (a zip without them is not read at all).
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def workbook_bytes(rows: list[list]) -> bytes:
    """A real workbook, saved by openpyxl."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_entry(content: bytes, name: str, transform) -> bytes:
    """The package with one entry rewritten: ``transform(old text) -> new text``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == name:
                data = transform(data.decode()).encode()
            target.writestr(entry.filename, data)
    return buffer.getvalue()


def _sheet_xml(rows: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}"><sheetData>{rows}</sheetData></worksheet>'
    )


def with_sheet_rows(content: bytes, rows: str, dimension: str | None = None) -> bytes:
    """A real workbook whose first sheet holds ``rows`` (sheet XML) and declares ``dimension`` (or none)."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    xml = _sheet_xml(rows).replace("<sheetData>", f"{declared}<sheetData>")
    return replace_entry(content, SHEET, lambda _old: xml)


@cache
def declared_dimension() -> bytes:
    """(a) A small workbook whose sheet declares every row and column Excel allows."""
    content = workbook_bytes([["Section", "Paragraph"], ["booklet:1", 1]])
    return replace_entry(
        content, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
    )


def row_xml(count: int, start: int = 1) -> str:
    return "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(start, start + count))


@cache
def many_rows(count: int = 200_000) -> bytes:
    """(b) No dimension, and really ``count`` tiny rows (about 470 KB compressed, 7 MB of XML)."""
    return with_sheet_rows(
        workbook_bytes([]), "".join(f'<row r="{n}"><c><v>1</v></c></row>' for n in range(1, count + 1))
    )


@cache
def zip_bomb() -> bytes:
    """(c) 200 MB of zeros deflated into about 200 KB, written without holding them in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w") as entry:
            for _ in range(200):
                entry.write(bytes(MiB))
    return buffer.getvalue()


@cache
def many_entries(count: int = 20_000) -> bytes:
    """(d) A zip of ``count`` empty entries (under 2 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        for number in range(count):
            archive.writestr(f"{number:x}", b"")
    return buffer.getvalue()


NOT_A_ZIP = b"email,country\nsomeone@example.org,FR\n"  # (e)
OLE = OLE_HEADER + bytes(504)  # (f) the header of an encrypted package or an old .xls/.doc


def oversize(max_bytes: int) -> bytes:
    """(g) One byte more than the limit (the size is checked before anything is read)."""
    return b"PK\x03\x04" + bytes(max_bytes - 3)


@cache
def strict_xlsx() -> bytes:
    """A workbook saved as "Strict Open XML" (other namespaces, which openpyxl cannot read)."""
    return replace_entry(
        workbook_bytes([["a"]]),
        "_rels/.rels",
        lambda xml: xml.replace(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
        ),
    )


@cache
def strict_docx() -> bytes:
    return replace_entry(
        build_docx(GUIDE_EN),
        "_rels/.rels",
        lambda xml: xml.replace(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
        ),
    )


@cache
def wide_rows(rows: int = 10, columns: int = 16_384) -> bytes:
    """Few rows, each as wide as Excel allows: many cells for openpyxl to parse."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(n) for n in range(1, columns + 1)]
    xml = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{letter}{r}"><v>{r}</v></c>' for letter in letters) + "</row>"
        for r in range(1, rows + 1)
    )
    return with_sheet_rows(workbook_bytes([]), xml)


@cache
def many_paragraphs(count: int = 20_000) -> bytes:
    """A real Word document whose body is ``count`` tiny paragraphs (python-docx reads each one)."""
    body = "".join(f"<w:p><w:r><w:t>{n}</w:t></w:r></w:p>" for n in range(count))

    def transform(xml: str) -> str:
        return re.sub(r"<w:body>.*</w:body>", f"<w:body>{body}</w:body>", xml, flags=re.DOTALL)

    return replace_entry(build_docx(GUIDE_EN), "word/document.xml", transform)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


# What the tests expect ------------------------------------------------------------------------

BOMB = "The file expands to an unreasonable size and was refused."
ENTRIES = "The file is made of more than 1,000 parts, more than a document needs; it was refused."
OLE_REFUSED = (
    "The file is password-protected or in the old .xls/.doc format. Please remove the password, "
    "or save it as .xlsx or .docx, and upload it again."
)
STRICT = (
    "The file is saved as “Strict Open XML”, which cannot be read. Please save it as an ordinary "
    "Excel workbook (.xlsx) or Word document (.docx) and upload it again."
)


def rows_message(limit: int) -> str:
    return f"The file has more than {limit:,} rows; upload at most {limit:,} rows at once."


# What a refusal may cost: the hostile file is refused from its directory, its declared sizes or
# its first bytes, never by expanding it (a bomb would take gigabytes). Memory, not seconds: the
# peak that tracemalloc sees is the same on a loaded machine, where a timed test is not.
CHEAP = 32 * 1024 * 1024  # pages included: the test client encodes a 6 MB upload, Django parses it back


def peak_of(call):
    """(what ``call`` returned, the peak of memory allocated while it ran, in bytes)."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def refusal(call) -> tuple[list[str], str, int]:
    """(messages, code, peak bytes) of a call that must raise ValidationError."""

    def refused():
        with pytest.raises(ValidationError) as caught:
            call()
        return caught.value

    error, peak = peak_of(refused)
    return error.messages, error.code, peak


def workbook_cases(*, max_rows: int, max_bytes: int, unreadable: str) -> list[tuple]:
    """(name, builder, expected message) of files (a) to (g) for an upload that reads a workbook."""
    return [
        ("declared_dimension", declared_dimension, rows_message(max_rows)),
        ("many_rows", many_rows, rows_message(max_rows)),
        ("zip_bomb", zip_bomb, BOMB),
        ("many_entries", many_entries, ENTRIES),
        ("not_a_zip", lambda: NOT_A_ZIP, unreadable),
        ("ole", lambda: OLE, OLE_REFUSED),
        ("oversize", lambda: oversize(max_bytes), f"The file is larger than {max_bytes // MiB} MB."),
    ]
