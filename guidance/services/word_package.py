"""Before pandoc: the Word package checked and rewritten for what pandoc would lose, then read by
pandoc into its JSON document tree (``guidance.services.word`` turns the tree into blocks).

- a document type declaration in any part is refused (Word never writes one);
- content controls (``w:sdt``) are unwrapped, so a control around a table cell keeps the cell;
- paragraphs inside text boxes and shapes get the style ``GuidanceBox``;
- SmartArt's texts (from its data part) are added as a box after its paragraph;
- pandoc runs with ``--track-changes=accept``, ``--sandbox``, a memory cap and a timeout.
"""

import json
import re
import subprocess  # nosec B404 - pandoc, the Word reader, runs as a subprocess (fixed argv, no shell)
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOX_STYLE = "GuidanceBox"
QUOTE_STYLES = {"quote", "intense quote", "block text", "citation", "cita", "citation intense"}
PANDOC_TIMEOUT = 60  # seconds; GUIDANCE_PANDOC_TIMEOUT overrides
PANDOC_MEMORY = "512M"
MD_SPECIAL_START = re.compile(r"^(\s*)(?:([#>|+-])|(\d+)([.)])(?=\s))")
MD_ESCAPE = re.compile(r"([\\`*_\[\]<])")
NOT_KEPT_GRAPHICS = {
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "smartart",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "chart",
}
NOT_KEPT_LABELS = {
    "smartart": gettext_lazy("SmartArt graphic"),
    "chart": gettext_lazy("chart"),
    "object": gettext_lazy("embedded object"),
}


class WordError(ValidationError):
    pass


def first_words(text: str, words: int = 8) -> str:
    return Truncator(" ".join(text.split())).words(words, truncate="…")


# --- Before pandoc: the package ----------------------------------------------------------


def _paragraph_text(element) -> str:
    return "".join(element.itertext())


def prepare_package(archive: zipfile.ZipFile) -> tuple[bytes, list[str], bool]:
    """The package rewritten for pandoc, the notices for what pandoc will not keep, tracked changes found."""
    from lxml import etree

    _refuse_doctypes(archive)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
    try:
        root = etree.fromstring(archive.read("word/document.xml"), parser)
    except (KeyError, etree.XMLSyntaxError) as error:
        raise WordError(_("The file is not a readable Word document (.docx)."), code="unreadable") from error
    notices: list[str] = []
    # Content controls: keep what they hold, in place.
    for sdt in list(root.iter(f"{W}sdt")):
        content = sdt.find(f"{W}sdtContent")
        parent = sdt.getparent()
        if parent is None:
            continue
        index = parent.index(sdt)
        for offset, child in enumerate(list(content) if content is not None else []):
            parent.insert(index + offset, child)
        parent.remove(sdt)
    # Text boxes: their paragraphs become a box.
    for box in root.iter(f"{W}txbxContent"):
        for paragraph in box.iter(f"{W}p"):
            ppr = paragraph.find(f"{W}pPr")
            if ppr is None:
                ppr = etree.SubElement(paragraph, f"{W}pPr")
                paragraph.remove(ppr)
                paragraph.insert(0, ppr)
            style = ppr.find(f"{W}pStyle")
            if style is None:
                style = etree.Element(f"{W}pStyle")
                ppr.insert(0, style)
            style.set(f"{W}val", BOX_STYLE)
    # What pandoc cannot turn into text: SmartArt's text is added as a box after its paragraph;
    # charts and embedded objects are named with the paragraph they were in.
    relationships = _relationships(archive, parser)
    for paragraph in list(root.iter(f"{W}p")):
        kinds = []
        for data in paragraph.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}graphicData"):
            kind = NOT_KEPT_GRAPHICS.get(data.get("uri", ""))
            texts = _smartart_texts(archive, parser, data, relationships) if kind == "smartart" else []
            if texts:
                _insert_box_after(paragraph, texts)
                notices.append(
                    _(
                        "The text of a SmartArt graphic in the paragraph “%(words)s” was imported as a box; "
                        "its layout was not."
                    )
                    % {"words": first_words(_paragraph_text(paragraph)) or _("(no text)")}
                )
            elif kind:
                kinds.append(kind)
        if any(True for _ in paragraph.iter(f"{W}object")):
            kinds.append("object")
        for kind in kinds:
            notices.append(
                _("A %(kind)s in the paragraph “%(words)s” was not imported; copy its text into the document.")
                % {"kind": NOT_KEPT_LABELS[kind], "words": first_words(_paragraph_text(paragraph)) or _("(no text)")}
            )
    comments = sum(1 for _element in root.iter(f"{W}commentReference"))
    if comments:
        notices.append(
            ngettext(
                "The document has %(count)d review comment; comments are not part of the text and were not imported.",
                "The document has %(count)d review comments; comments are not part of the text and were not imported.",
                comments,
            )
            % {"count": comments}
        )
    tracked = any(True for tag in ("ins", "del", "moveFrom", "moveTo") for _element in root.iter(f"{W}{tag}"))
    styles = _with_box_style(archive, parser)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in archive.infolist():
            if entry.filename == "word/document.xml":
                target.writestr(entry.filename, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
            elif entry.filename == "word/styles.xml" and styles is not None:
                target.writestr(entry.filename, styles)
            else:
                target.writestr(entry.filename, archive.read(entry))  # a copy: writestr(ZipInfo) changes it
    return buffer.getvalue(), notices, tracked


R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _relationships(archive: zipfile.ZipFile, parser) -> dict[str, str]:
    """Relationship id → part name of the main document's relationships."""
    from lxml import etree

    try:
        root = etree.fromstring(archive.read("word/_rels/document.xml.rels"), parser)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {}
    for relationship in root:
        target = relationship.get("Target", "")
        if relationship.get("TargetMode") != "External" and target:
            targets[relationship.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"word/{target}"
    return targets


def _smartart_texts(archive: zipfile.ZipFile, parser, data, relationships: dict[str, str]) -> list[str]:
    """The texts of a SmartArt graphic's points, in order (its data part; the package was checked)."""
    from lxml import etree

    ids = data.find(f"{DGM}relIds")
    part = relationships.get(ids.get(f"{R}dm", "")) if ids is not None else None
    if not part:
        return []
    try:
        model = etree.fromstring(archive.read(part), parser)
    except (KeyError, etree.XMLSyntaxError):
        return []
    texts = []
    for point in model.iter(f"{DGM}pt"):
        text = " ".join("".join(t.text or "" for t in point.iter(f"{A}t")).split())
        if text:
            texts.append(text)
    return texts


def _insert_box_after(paragraph, texts: list[str]) -> None:
    from lxml import etree

    parent, index = paragraph.getparent(), paragraph.getparent().index(paragraph)
    for offset, text in enumerate(texts, start=1):
        new = etree.Element(f"{W}p")
        etree.SubElement(etree.SubElement(new, f"{W}pPr"), f"{W}pStyle").set(f"{W}val", BOX_STYLE)
        etree.SubElement(etree.SubElement(new, f"{W}r"), f"{W}t").text = text
        parent.insert(index + offset, new)


PROLOG_BYTES = 4096
DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_doctypes(archive: zipfile.ZipFile) -> None:
    """Word never writes a document type declaration; one could declare entities that expand
    without end (pandoc would read them), so a package with one is refused. Only the prolog of
    each XML part (its first bytes, before the root element) is read."""
    for entry in archive.infolist():
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(entry) as stream:
                prolog = stream.read(PROLOG_BYTES)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise WordError(_("The file is not a readable Word document (.docx)."), code="unreadable") from error
        if DOCTYPE.search(prolog):
            raise WordError(
                _("The file holds XML that Word never writes (a document type declaration) and was refused."),
                code="doctype",
            )


def _with_box_style(archive: zipfile.ZipFile, parser) -> bytes | None:
    """styles.xml with the box style defined (pandoc names only the styles a document defines)."""
    from lxml import etree

    try:
        root = etree.fromstring(archive.read("word/styles.xml"), parser)
    except (KeyError, etree.XMLSyntaxError):
        return None
    style = etree.SubElement(root, f"{W}style")
    style.set(f"{W}type", "paragraph")
    style.set(f"{W}customStyle", "1")
    style.set(f"{W}styleId", BOX_STYLE)
    etree.SubElement(style, f"{W}name").set(f"{W}val", BOX_STYLE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def pandoc_json(content: bytes) -> dict:
    """pandoc's document tree (JSON) of a prepared package; refuses with one line if pandoc cannot read it."""
    import pypandoc

    timeout = getattr(settings, "GUIDANCE_PANDOC_TIMEOUT", PANDOC_TIMEOUT)
    try:
        pandoc = pypandoc.get_pandoc_path()
    except OSError as error:
        raise WordError(
            _("Word files cannot be imported on this server: its Word reader (pandoc) is missing."), code="no_reader"
        ) from error
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.docx"
        path.write_bytes(content)
        command = [
            pandoc,
            "+RTS",
            f"-M{PANDOC_MEMORY}",
            "-RTS",
            "--sandbox",
            "--from=docx+styles",
            "--to=json",
            "--track-changes=accept",
            str(path),
        ]
        try:
            result = subprocess.run(  # noqa: S603  # nosec B603 - fixed argv (the wheel's pandoc, our temporary file), no shell
                command, capture_output=True, timeout=timeout, check=False, cwd=folder
            )
        except OSError as error:  # no pandoc binary for this platform (pypandoc-binary not installed)
            raise WordError(
                _("Word files cannot be imported on this server: its Word reader (pandoc) is missing."),
                code="no_reader",
            ) from error
        except subprocess.TimeoutExpired as error:
            raise WordError(
                _("The document took too long to read (over %(seconds)d seconds) and was refused.")
                % {"seconds": timeout},
                code="timeout",
            ) from error
    if result.returncode != 0:
        raise WordError(_("The file is not a readable Word document (.docx)."), code="unreadable")
    return json.loads(result.stdout)
