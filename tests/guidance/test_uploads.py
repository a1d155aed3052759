"""The one reader of uploaded Office files (guidance/uploads.py), on real and hostile files.

Each caller refuses the same files through its page or service, with its own message:
tests/reviews/test_uploads_hostile.py (offline template, matrix, attachments),
tests/champions/services/test_bulk_hostile.py and tests/guidance/services/test_parsing_hostile.py.
"""

import ast
import io
import os
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from guidance import uploads
from guidance.uploads import inspect_office_zip, iter_xlsx_rows, open_docx
from tests.guidance import hostile_files as hostile
from tests.guidance.docx_builder import GUIDE_EN, build_docx
from tests.guidance.hostile_files import BOMB, CHEAP, ENTRIES, OLE_REFUSED, STRICT, refusal, rows_message

MiB = 1024 * 1024
CELLS = "The workbook holds more than 50,000 cells in all; remove unused sheets, rows or columns and upload it again."
XLSX_UNREADABLE = "The file is not a readable Excel workbook (.xlsx)."
LIMITS = {"max_bytes": 5 * MiB, "max_rows": 2000, "max_columns": 5}


def read_rows(content, **limits):
    return list(iter_xlsx_rows(content, **{**LIMITS, **limits}))


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# The package --------------------------------------------------------------------------------


def test_a_real_workbook_and_document_are_opened():
    archive = inspect_office_zip(hostile.workbook_bytes([["a"]]), max_bytes=MiB)
    assert "xl/workbook.xml" in archive.namelist()
    assert "word/document.xml" in inspect_office_zip(build_docx(GUIDE_EN), max_bytes=MiB).namelist()


@pytest.mark.parametrize(
    ("build", "message", "code"),
    [
        (lambda: hostile.oversize(MiB), "The file is larger than 1 MB.", "too_large"),
        (lambda: hostile.OLE, OLE_REFUSED, "legacy_or_encrypted"),
        (lambda: hostile.NOT_A_ZIP, "The file is not a readable Office document.", "unreadable"),
        (lambda: b"PK\x03\x04 broken", "The file is not a readable Office document.", "unreadable"),
    ],
)
def test_files_that_are_not_safe_zips_are_refused(build, message, code):
    content = build()
    messages, found_code, peak = refusal(lambda: inspect_office_zip(content, max_bytes=MiB))
    assert (messages, found_code) == ([message], code)
    assert peak < CHEAP


def test_a_zip_bomb_is_refused_from_its_directory():
    content = hostile.zip_bomb()  # built before the clock starts
    messages, code, peak = refusal(lambda: inspect_office_zip(content, max_bytes=MiB))
    assert (messages, code) == ([BOMB], "zip_bomb")
    assert peak < CHEAP


def test_the_overall_ratio_is_checked_below_the_size_limit():
    content = zipped({"_rels/.rels": hostile.RELS, "xl/big.xml": bytes(20 * MiB)})  # 20 MB, ratio about 1000
    assert refusal(lambda: inspect_office_zip(content, max_bytes=MiB))[:2] == ([BOMB], "zip_bomb")


def test_the_ratio_of_one_entry_is_checked_when_the_whole_looks_reasonable():
    noise = os.urandom(2 * MiB)  # does not compress: the whole expands only about six times
    content = zipped({"xl/media/image1.bin": noise, "xl/worksheets/sheet1.xml": bytes(10 * MiB)})
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert sum(entry.file_size for entry in archive.infolist()) < 10 * len(content)
    assert refusal(lambda: inspect_office_zip(content, max_bytes=5 * MiB))[:2] == ([BOMB], "zip_bomb")


def test_too_many_entries_are_refused():
    content = hostile.many_entries()  # built before the clock starts
    messages, code, peak = refusal(lambda: inspect_office_zip(content, max_bytes=2 * MiB))
    assert (messages, code) == (
        [ENTRIES],
        "too_many_entries",
    )
    assert peak < CHEAP


def test_settings_override_the_limits(settings):
    settings.UPLOAD_MAX_ENTRIES = 3
    content = hostile.workbook_bytes([["a"]])
    assert refusal(lambda: inspect_office_zip(content, max_bytes=MiB))[0] == [
        "The file is made of more than 3 parts, more than a document needs; it was refused."
    ]
    settings.UPLOAD_MAX_ENTRIES = 1000
    settings.UPLOAD_MAX_UNCOMPRESSED = 1024
    assert refusal(lambda: inspect_office_zip(content, max_bytes=MiB))[0] == [BOMB]


def test_the_reader_imports_no_other_app():
    tree = ast.parse(Path(uploads.__file__).read_text())
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    ours = {module.split(".")[0] for module in modules} & {"accounts", "champions", "reviews", "config", "guidance"}
    assert ours == set()


# Spreadsheets -------------------------------------------------------------------------------


def test_rows_are_read_with_the_header_and_as_wide_as_asked():
    content = hostile.workbook_bytes(
        [["Section", "Type"], ["booklet:1", "General", "ignored", "ignored", "ignored", "x"]]
    )
    assert read_rows(content) == [
        ("Section", "Type", None, None, None),
        ("booklet:1", "General", "ignored", "ignored", "ignored"),
    ]


def test_a_declared_dimension_beyond_the_limit_is_refused_before_reading():
    content = hostile.declared_dimension()  # built before the clock starts
    messages, code, peak = refusal(lambda: read_rows(content))
    assert (messages, code) == ([rows_message(2000)], "too_many_rows")
    assert peak < CHEAP


def test_many_real_rows_without_a_dimension_are_refused_while_counting():
    content = hostile.many_rows()  # built before the clock starts
    messages, code, peak = refusal(lambda: read_rows(content))
    assert (messages, code) == ([rows_message(2000)], "too_many_rows")
    assert peak < CHEAP


def test_rows_are_counted_while_reading_and_reading_stops_at_the_limit():
    """A dimension that lies (two rows declared, ten there) does not hide the rows: each is counted."""
    content = hostile.with_sheet_rows(hostile.workbook_bytes([]), hostile.row_xml(10), dimension="A1:A2")
    read = []
    with pytest.raises(ValidationError) as caught:
        for row in iter_xlsx_rows(content, **{**LIMITS, "max_rows": 4}):
            read.append(row)
    assert caught.value.messages == [rows_message(4)]
    # the header and four rows; the sixth is refused, the other four are never read
    assert read == [(n, None, None, None, None) for n in range(1, 6)]


def test_one_row_far_down_the_sheet_is_refused_without_reading_the_gap():
    """openpyxl hands over an empty row for each missing one: a row numbered 1,048,576 means a million."""
    content = hostile.with_sheet_rows(hostile.workbook_bytes([]), hostile.row_xml(1, start=1_048_576))
    messages, _code, peak = refusal(lambda: read_rows(content))
    assert messages == [rows_message(2000)]
    assert peak < CHEAP


def test_too_many_cells_are_refused_before_openpyxl_opens_the_workbook():
    content = hostile.wide_rows()  # built before the clock starts
    messages, code, peak = refusal(lambda: read_rows(content))
    assert (messages, code) == ([CELLS], "too_many_cells")
    assert peak < CHEAP


def test_too_many_shared_strings_are_refused():
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(60_000))
    package = zipfile.ZipFile(io.BytesIO(hostile.workbook_bytes([["a"]])))
    entries = {name: package.read(name) for name in package.namelist()}
    content = zipped({**entries, "xl/sharedStrings.xml": f'<sst xmlns="{hostile.SHEET_NS}">{strings}</sst>'})
    messages, code, peak = refusal(lambda: read_rows(content))
    assert (messages, code) == ([CELLS], "too_many_cells")
    assert peak < CHEAP


@pytest.mark.parametrize(
    ("build", "message", "code"),
    [
        (hostile.zip_bomb, BOMB, "zip_bomb"),
        (lambda: hostile.NOT_A_ZIP, XLSX_UNREADABLE, "unreadable"),
        (lambda: hostile.OLE, OLE_REFUSED, "legacy_or_encrypted"),
        (hostile.strict_xlsx, STRICT, "strict"),
        (lambda: zipped({"_rels/.rels": hostile.RELS, "xl/workbook.xml": "<not xml"}), XLSX_UNREADABLE, "unreadable"),
        (lambda: build_docx(GUIDE_EN), XLSX_UNREADABLE, "unreadable"),
    ],
)
def test_unusable_workbooks_are_refused(build, message, code):
    content = build()
    messages, found_code, peak = refusal(lambda: read_rows(content))
    assert (messages, found_code) == ([message], code)
    assert peak < CHEAP


def test_the_caller_chooses_the_unreadable_message():
    messages = refusal(lambda: read_rows(hostile.NOT_A_ZIP, unreadable="Not an export."))[0]
    assert messages == ["Not an export."]


# Word documents -----------------------------------------------------------------------------


def test_a_word_document_is_opened():
    document = open_docx(build_docx(GUIDE_EN), max_bytes=MiB)
    assert [p.text for p in document.paragraphs[:2]] == ["Guide (document title)", "What the Global Compact is"]


@pytest.mark.parametrize(
    ("build", "message", "code"),
    [
        (
            hostile.many_paragraphs,
            "The document has more than 10,000 paragraphs, more than can be imported at once.",
            "too_many_paragraphs",
        ),
        (hostile.zip_bomb, BOMB, "zip_bomb"),
        (hostile.strict_docx, STRICT, "strict"),
        (lambda: hostile.OLE, OLE_REFUSED, "legacy_or_encrypted"),
        (lambda: hostile.NOT_A_ZIP, "The file is not a readable Word document (.docx).", "unreadable"),
        (lambda: hostile.workbook_bytes([["a"]]), "The file is not a readable Word document (.docx).", "unreadable"),
    ],
)
def test_unusable_documents_are_refused(build, message, code):
    content = build()
    messages, found_code, peak = refusal(lambda: open_docx(content, max_bytes=MiB))
    assert (messages, found_code) == ([message], code)
    assert peak < CHEAP


def test_the_paragraph_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_PARAGRAPHS = 5
    assert refusal(lambda: open_docx(build_docx(GUIDE_EN), max_bytes=MiB))[0] == [
        "The document has more than 5 paragraphs, more than can be imported at once."
    ]
