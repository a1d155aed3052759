"""The one reader for uploaded Office files (.xlsx, .docx and zip-based attachments).

Every upload that is a zip package goes through :func:`inspect_office_zip` before anything
else opens it: the size, the number of entries, the total uncompressed size and the
compression ratio (of each entry and of the whole) are checked from the zip's directory,
without decompressing anything. Python's ``zipfile`` never returns more bytes than an entry
declares, so the declared sizes hold.

Spreadsheets and Word documents are then *counted* before openpyxl or python-docx sees them:
each part is decompressed in chunks and its rows, cells and shared strings (or paragraphs)
are counted, stopping as soon as a budget is passed. This matters because openpyxl, even in
read-only mode, parses a whole sheet when it declares no dimension and loads every shared
string when it opens a workbook: a few hundred kilobytes can otherwise cost minutes of CPU.
Rows are then read one at a time (openpyxl's read-only mode streams), the declared dimension
is checked first and rows are counted while reading, so a sheet is refused the moment it
passes its limit. Nothing here imports another app of ours: every app may import it.

The limits are module constants, each overridable by a Django setting ``UPLOAD_<NAME>``;
the size and row limits belong to each kind of upload and are passed by the caller.
See docs/security.md, "Uploads".
"""

import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MiB = 1024 * 1024
# A package of more entries, or expanding beyond this size, or by more than this ratio, is refused.
MAX_ENTRIES = 1000
MAX_UNCOMPRESSED = 100 * MiB
MAX_RATIO = 100
# The ratio of a single entry is checked from this size on (a small entry cannot do harm).
RATIO_FROM_BYTES = 1 * MiB
# Spreadsheets: a part may hold this many times the rows read (room for the other sheets), and
# the workbook this many times rows × columns read in cells and in shared strings, at least
# MIN_CELLS (a template's own sheets and a few notes beside the data).
SCAN_FACTOR = 2
MIN_CELLS = 50_000
# Word documents: paragraphs (table cells and text boxes included), and runs (text in one format).
MAX_PARAGRAPHS = 10_000
MAX_RUNS = 50_000

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML, and the old .xls/.doc
ZIP_HEADER = b"PK\x03\x04"
STRICT_NAMESPACE = b"purl.oclc.org/ooxml/"  # "Strict Open XML", which openpyxl and python-docx cannot read
CHUNK = 1 * MiB
# An element's start tag, with an optional namespace prefix; no match is longer than _TAG_SPAN bytes.
_PREFIX = rb"<(?:[A-Za-z_][\w.-]{0,30}:)?"
_TAG_SPAN = 48
ROW_TAG = re.compile(_PREFIX + rb"row[\s/>]")
CELL_TAG = re.compile(_PREFIX + rb"c[\s/>]")
STRING_TAG = re.compile(_PREFIX + rb"si[\s/>]")
PARAGRAPH_TAG = re.compile(_PREFIX + rb"p[\s/>]")
RUN_TAG = re.compile(_PREFIX + rb"r[\s/>]")
# What a hostile or broken zip makes zipfile raise while its entries are read.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,  # an unknown compression method
    RuntimeError,  # an encrypted entry
)


def _limit(name: str, default: int) -> int:
    """The setting ``UPLOAD_<name>`` when the project defines one, else this module's default."""
    return getattr(settings, f"UPLOAD_{name}", default)


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _xlsx_unreadable() -> str:
    return _("The file is not a readable Excel workbook (.xlsx).")


def _docx_unreadable() -> str:
    return _("The file is not a readable Word document (.docx).")


def too_many_rows(max_rows: int) -> ValidationError:
    return ValidationError(
        ngettext(
            "The file has more than %(limit)s row; upload at most %(limit)s row at once.",
            "The file has more than %(limit)s rows; upload at most %(limit)s rows at once.",
            max_rows,
        )
        % {"limit": _number(max_rows)},
        code="too_many_rows",
    )


def check_size(size: int, *, max_bytes: int) -> None:
    if size > max_bytes:
        raise ValidationError(_("The file is larger than %(size)d MB.") % {"size": max_bytes // MiB}, code="too_large")


# The package -------------------------------------------------------------------------------


def inspect_office_zip(
    content: bytes,
    *,
    max_bytes: int,
    max_entries: int | None = None,
    max_uncompressed: int | None = None,
    max_ratio: int | None = None,
    unreadable: str | None = None,
) -> zipfile.ZipFile:
    """The zip package of an uploaded Office file, once its size and directory are safe to open.

    Raises ``ValidationError`` with the code ``too_large``, ``legacy_or_encrypted``,
    ``unreadable`` (not a zip; the message is ``unreadable`` when given), ``too_many_entries``
    or ``zip_bomb``. Nothing is decompressed.
    """
    max_entries = max_entries or _limit("MAX_ENTRIES", MAX_ENTRIES)
    max_uncompressed = max_uncompressed or _limit("MAX_UNCOMPRESSED", MAX_UNCOMPRESSED)
    max_ratio = max_ratio or _limit("MAX_RATIO", MAX_RATIO)
    ratio_from = _limit("RATIO_FROM_BYTES", RATIO_FROM_BYTES)
    check_size(len(content), max_bytes=max_bytes)
    if content.startswith(OLE_HEADER):
        raise ValidationError(
            _(
                "The file is password-protected or in the old .xls/.doc format. Please remove the password, "
                "or save it as .xlsx or .docx, and upload it again."
            ),
            code="legacy_or_encrypted",
        )
    refused = ValidationError(unreadable or _("The file is not a readable Office document."), code="unreadable")
    if not content.startswith(ZIP_HEADER):
        raise refused
    try:
        archive = zipfile.ZipFile(BytesIO(content))
    except ZIP_ERRORS as error:
        raise refused from error
    entries = archive.infolist()
    if len(entries) > max_entries:
        raise ValidationError(
            ngettext(
                "The file is made of more than %(limit)s part, more than a document needs; it was refused.",
                "The file is made of more than %(limit)s parts, more than a document needs; it was refused.",
                max_entries,
            )
            % {"limit": _number(max_entries)},
            code="too_many_entries",
        )
    total = sum(entry.file_size for entry in entries)
    bomb = total > max_uncompressed or total > max_ratio * max(len(content), 1)
    bomb = bomb or any(
        entry.file_size >= ratio_from and entry.file_size > max_ratio * max(entry.compress_size, 1) for entry in entries
    )
    if bomb:
        raise ValidationError(_("The file expands to an unreasonable size and was refused."), code="zip_bomb")
    return archive


def strict_refusal() -> ValidationError:
    return ValidationError(
        _(
            "The file is saved as “Strict Open XML”, which cannot be read. Please save it as an ordinary "
            "Excel workbook (.xlsx) or Word document (.docx) and upload it again."
        ),
        code="strict",
    )


def is_strict(archive: zipfile.ZipFile) -> bool:
    try:
        return STRICT_NAMESPACE in archive.read("_rels/.rels")
    except (KeyError, *ZIP_ERRORS):
        return False


def _open_package(content: bytes, *, max_bytes: int, unreadable: str, allow_strict: bool = False) -> zipfile.ZipFile:
    """The package of a file we parse: as :func:`inspect_office_zip`, and in the ordinary (transitional)
    format unless the caller's reader reads Strict Open XML too (``allow_strict``)."""
    archive = inspect_office_zip(content, max_bytes=max_bytes, unreadable=unreadable)
    try:
        relationships = archive.read("_rels/.rels")
    except (KeyError, *ZIP_ERRORS) as error:
        raise ValidationError(unreadable, code="unreadable") from error
    if STRICT_NAMESPACE in relationships and not allow_strict:
        raise strict_refusal()
    return archive


def _count_tags(archive: zipfile.ZipFile, patterns: tuple[re.Pattern, ...], unreadable: str) -> Iterator[tuple]:
    """(entry, how many of each pattern) for each chunk of each entry, decompressed a chunk at a time.

    The caller stops reading by raising: nothing beyond the chunk that passed its budget is read.
    """
    for entry in archive.infolist():
        tail = b""
        try:
            with archive.open(entry) as stream:
                while chunk := stream.read(CHUNK):
                    data = tail + chunk
                    # A tag cut by the chunk's end is counted with the next chunk.
                    cut = data.rfind(b"<", max(len(data) - _TAG_SPAN, 0))
                    cut = len(data) if cut < 0 else cut
                    tail = data[cut:]
                    yield entry, [len(pattern.findall(data, 0, cut)) for pattern in patterns]
        except ZIP_ERRORS as error:
            raise ValidationError(unreadable, code="unreadable") from error
        yield entry, [len(pattern.findall(tail)) for pattern in patterns]


# Spreadsheets ------------------------------------------------------------------------------


def _check_workbook_size(
    archive: zipfile.ZipFile, *, max_rows: int, max_columns: int, header_rows: int, unreadable: str
) -> None:
    """Refuse, before openpyxl opens it, a workbook with too many rows in a part, or cells or strings in all."""
    rows_per_part = SCAN_FACTOR * (max_rows + header_rows)
    max_cells = max(SCAN_FACTOR * (max_rows + header_rows) * max_columns, _limit("MIN_CELLS", MIN_CELLS))
    part, rows, cells, strings = None, 0, 0, 0
    for entry, (new_rows, new_cells, new_strings) in _count_tags(archive, (ROW_TAG, CELL_TAG, STRING_TAG), unreadable):
        if entry is not part:
            part, rows = entry, 0
        rows, cells, strings = rows + new_rows, cells + new_cells, strings + new_strings
        if rows > rows_per_part:
            raise too_many_rows(max_rows)
        if cells > max_cells or strings > max_cells:
            raise ValidationError(
                ngettext(
                    "The workbook holds more than %(limit)s cell in all; remove unused sheets, rows or columns "
                    "and upload it again.",
                    "The workbook holds more than %(limit)s cells in all; remove unused sheets, rows or columns "
                    "and upload it again.",
                    max_cells,
                )
                % {"limit": _number(max_cells)},
                code="too_many_cells",
            )


@contextmanager
def open_xlsx(
    content: bytes,
    *,
    max_bytes: int,
    max_rows: int,
    max_columns: int,
    header_rows: int = 1,
    data_only: bool = True,
    unreadable: str | None = None,
):
    """An uploaded workbook opened read-only by openpyxl, once it is known to be safe to open.

    Read its sheets with :func:`xlsx_rows`, with the same ``max_rows`` and ``max_columns``.
    ``unreadable`` is the message for a file that is not a readable workbook.
    """
    from openpyxl import load_workbook

    unreadable = unreadable or _xlsx_unreadable()
    archive = _open_package(content, max_bytes=max_bytes, unreadable=unreadable)
    _check_workbook_size(
        archive, max_rows=max_rows, max_columns=max_columns, header_rows=header_rows, unreadable=unreadable
    )
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=data_only)
    except Exception as error:  # openpyxl raises many kinds of error on a malformed part
        raise ValidationError(unreadable, code="unreadable") from error
    try:
        # Whichever sheet is read, none may declare more rows than the scan allows a part.
        if any((sheet.max_row or 0) > SCAN_FACTOR * (max_rows + header_rows) for sheet in workbook.worksheets):
            raise too_many_rows(max_rows)
        yield workbook
    finally:
        workbook.close()


def xlsx_rows(
    worksheet,
    *,
    max_rows: int,
    max_columns: int,
    header_rows: int = 1,
    values_only: bool = True,
    unreadable: str | None = None,
) -> Iterator[tuple]:
    """The sheet's rows from the first, each ``max_columns`` wide (values, or cells).

    At most ``header_rows + max_rows`` rows: a sheet that declares more is refused before
    reading, and one that has more is refused as soon as the next row is read (the declared
    dimension may be absent or wrong, so the count is the guard).
    """
    allowed = header_rows + max_rows
    if (worksheet.max_row or 0) > allowed:
        raise too_many_rows(max_rows)
    worksheet.reset_dimensions()  # read what is there: no padding to, or cut at, a declared size
    rows = worksheet.iter_rows(max_col=max_columns, values_only=values_only)
    count = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:  # a malformed sheet, found while streaming it
            raise ValidationError(unreadable or _xlsx_unreadable(), code="unreadable") from error
        count += 1
        if count > allowed:
            raise too_many_rows(max_rows)
        yield row


def iter_xlsx_rows(
    content: bytes,
    *,
    max_bytes: int,
    max_rows: int,
    max_columns: int,
    header_rows: int = 1,
    sheet: str | None = None,
    data_only: bool = True,
    values_only: bool = True,
    unreadable: str | None = None,
) -> Iterator[tuple]:
    """The rows of one sheet (the first unless named) of an uploaded workbook, header rows included."""
    unreadable = unreadable or _xlsx_unreadable()
    limits = {"max_rows": max_rows, "max_columns": max_columns, "header_rows": header_rows}
    with open_xlsx(content, max_bytes=max_bytes, data_only=data_only, unreadable=unreadable, **limits) as workbook:
        if sheet is None and workbook.worksheets:
            worksheet = workbook.worksheets[0]
        elif sheet is not None and sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise ValidationError(unreadable, code="unreadable")
        yield from xlsx_rows(worksheet, values_only=values_only, unreadable=unreadable, **limits)


# Word documents ----------------------------------------------------------------------------


def check_docx(
    content: bytes,
    *,
    max_bytes: int,
    max_paragraphs: int | None = None,
    unreadable: str | None = None,
    allow_strict: bool = False,
) -> zipfile.ZipFile:
    """The package of an uploaded Word document, once it is known to be safe to read (for any reader).

    The zip directory is checked (size, entries, ratio), Strict Open XML refused, and the
    paragraphs and runs (pieces of text in one format) counted a chunk at a time, stopping at
    the first chunk past a limit: a reader's time grows with the runs (pandoc takes about 70 µs
    a run), and a small file of tiny runs would otherwise cost seconds before any refusal.
    """
    max_paragraphs = max_paragraphs or _limit("MAX_PARAGRAPHS", MAX_PARAGRAPHS)
    max_runs = _limit("MAX_RUNS", MAX_RUNS)
    unreadable = unreadable or _docx_unreadable()
    archive = _open_package(content, max_bytes=max_bytes, unreadable=unreadable, allow_strict=allow_strict)
    paragraphs = runs = 0
    for _entry, (new_paragraphs, new_runs) in _count_tags(archive, (PARAGRAPH_TAG, RUN_TAG), unreadable):
        paragraphs += new_paragraphs
        runs += new_runs
        if runs > max_runs:
            raise ValidationError(
                _(
                    "The document has more than %(limit)s pieces of differently formatted text, more than can be "
                    "imported at once; split it into smaller files."
                )
                % {"limit": _number(max_runs)},
                code="too_many_runs",
            )
        if paragraphs > max_paragraphs:
            raise ValidationError(
                ngettext(
                    "The document has more than %(limit)s paragraph, more than can be imported at once.",
                    "The document has more than %(limit)s paragraphs, more than can be imported at once.",
                    max_paragraphs,
                )
                % {"limit": _number(max_paragraphs)},
                code="too_many_paragraphs",
            )
    return archive


def open_docx(content: bytes, *, max_bytes: int, max_paragraphs: int | None = None, unreadable: str | None = None):
    """An uploaded Word document opened by python-docx, once it is known to be safe to open."""
    import docx  # python-docx

    unreadable = unreadable or _docx_unreadable()
    check_docx(content, max_bytes=max_bytes, max_paragraphs=max_paragraphs, unreadable=unreadable)
    try:
        return docx.Document(BytesIO(content))
    except Exception as error:  # python-docx raises many kinds of error on a malformed part
        raise ValidationError(unreadable, code="unreadable") from error


# What an upload is, from its bytes, never its name: one table for every app's uploads. Each
# caller accepts its own kinds of it (comment attachments, pilot-update files, guidance images).
KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "png": ("image/png", ".png"),
    "jpg": ("image/jpeg", ".jpg"),
    "gif": ("image/gif", ".gif"),
    "webp": ("image/webp", ".webp"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt"),
}
DOCX_TYPE, XLSX_TYPE = KINDS["docx"][0], KINDS["xlsx"][0]  # the content types of our own downloads
_PACKAGE_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx"))


def signature_kind(content: bytes) -> str | None:
    """The key in ``KINDS`` of a file recognised by its first bytes (PDF and images), or None."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    return None


def package_kind(archive: zipfile.ZipFile) -> str | None:
    """The key in ``KINDS`` of an Office or OpenDocument package (opened by ``inspect_office_zip``), or None."""
    names = set(archive.namelist())
    for part, kind in _PACKAGE_PARTS:
        if part in names:
            return kind
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype").strip()
        except ZIP_ERRORS:
            return None
        if mimetype == KINDS["odt"][0].encode():
            return "odt"
    return None


# Characters a file name never keeps: those Windows forbids, and quotes that could close a header.
_FORBIDDEN = set('<>:"/\\|?*')
_UNSAFE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # controls, bidi and format marks, separators


def display_name(name: str, extension: str) -> str:
    """The name shown to people, as close to the sender's as is safe (docs/security.md, "Uploads").

    No folders, no control, bidirectional or format characters (a right-to-left override
    cannot disguise ``exe.pdf``), nothing Windows forbids, no leading ``= + - @`` (a formula in
    a spreadsheet), no leading dots; letters of every script, spaces and ordinary punctuation
    are kept ("Rapport d’étape – Maroc.pdf"); the extension is the one its content proves.
    """
    base = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    kept = "".join(
        " " if unicodedata.category(ch) == "Zs" else ch
        for ch in stem
        if ch not in _FORBIDDEN and unicodedata.category(ch) not in _UNSAFE_CATEGORIES
    )
    stem = " ".join(kept.split()).lstrip(".=+-@ ")[:120].rstrip(". ") or "attachment"
    return f"{stem}{extension}"
