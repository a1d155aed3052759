"""Build real Word files in tests with python-docx."""

import zipfile
from io import BytesIO

import docx

GUIDE_EN = [
    ("h1", "What the Global Compact is"),
    ("p", "The Global Compact is a cooperative framework."),
    ("bullet", "It is not legally binding."),
    ("bullet", "It upholds sovereignty."),
    ("h2", "Objective 5: Regular pathways"),
    ("p", "Pathways for regular migration."),
    ("h1", "Implementation steps"),
    ("p", "Governments lead the process."),
    ("table", [["Step", "Who"], ["Assess", "Ministry"]]),
]

GUIDE_FR = [
    ("h1", "Ce qu’est le Pacte mondial"),
    ("p", "Le Pacte mondial est un cadre de coopération."),
    ("bullet", "Il n’est pas juridiquement contraignant."),
    ("bullet", "Il respecte la souveraineté."),
    ("h2", "Objectif 5 : Voies régulières"),
    ("p", "Des voies de migration régulière."),
    ("h1", "Étapes de la mise en œuvre"),
    ("p", "Les gouvernements dirigent le processus."),
    ("table", [["Étape", "Qui"], ["Évaluer", "Ministère"]]),
]

GUIDE_ES = [
    ("h1", "Qué es el Pacto Mundial"),
    ("p", "El Pacto Mundial es un marco de cooperación."),
    ("bullet", "No es jurídicamente vinculante."),
    ("bullet", "Respeta la soberanía."),
    ("h2", "Objetivo 5: Vías regulares"),
    ("p", "Vías de migración regular."),
    ("h1", "Pasos de la aplicación"),
    ("p", "Los gobiernos dirigen el proceso."),
    ("table", [["Paso", "Quién"], ["Evaluar", "Ministerio"]]),
]


def build_docx(items) -> bytes:
    document = docx.Document()
    document.add_heading("Guide (document title)", level=0)
    for kind, value in items:
        if kind.startswith("h"):
            document.add_heading(value, level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(value)
        elif kind == "bullet":
            document.add_paragraph(value, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(value, style="List Number")
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Raw Open XML: what python-docx cannot write (links, notes, boxes, tracked changes, controls…) --

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# A 1×1 transparent PNG.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text: str, *, bold: bool = False, italic: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def para(*content: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    """A paragraph; ``content`` items are run XML, or plain text (one run)."""
    ppr = ""
    if style or num:
        numpr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{pstyle}{numpr}</w:pPr>"
    body = "".join(item if item.startswith("<") else run(item) for item in content)
    return f"<w:p>{ppr}{body}</w:p>"


def heading(text: str, level: int = 1) -> str:
    return para(text, style=f"Heading{level}")


def table(rows: list[list[str]]) -> str:
    """A table; a cell is text, cell XML (``<w:tc>…``) or paragraphs (``<w:p>…``/``<w:tbl>…``)."""

    def cell(value: str) -> str:
        if value.startswith(("<w:tc", "<w:sdt")):  # cell XML, or a content control around a cell
            return value
        inner = value if value.startswith("<") else para(value)
        return f"<w:tc><w:tcPr/>{inner}</w:tc>"

    body = "".join("<w:tr>" + "".join(cell(v) for v in row) + "</w:tr>" for row in rows)
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>{body}</w:tbl>'


def hyperlink(text: str, rel_id: str) -> str:
    return f'<w:hyperlink r:id="{rel_id}">{run(text)}</w:hyperlink>'


def note_reference(kind: str, number: int) -> str:
    return f'<w:r><w:{kind}Reference w:id="{number}"/></w:r>'


def image(rel_id: str, alt: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        f'<wp:docPr id="1" name="Picture 1" descr="{esc(alt)}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="image1.png" descr="{esc(alt)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def text_box(*paragraphs: str) -> str:
    """A shape with a text box (Word 2010 and later), with its VML fallback as Word writes it."""
    content = "".join(paragraphs)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
        'distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionV><wp:extent cx="2743200" cy="914400"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="2" name="Text Box 2"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr '
        'txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>'
        f"{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        f"{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NAMESPACES}>'
    '<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="11"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="12"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:pStyle w:val="Heading1"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>'
    '<w:pStyle w:val="Heading2"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>'
    "</w:numbering>"
)
NUMBERED, BULLETED, HEADING_NUMBERING = 1, 2, 3


def _notes_xml(kind: str, notes: dict[int, str]) -> str:
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:{kind}>"
    )
    body = "".join(
        f'<w:{kind} w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{kind.capitalize()}Text"/></w:pPr>'
        f"<w:r><w:{kind}Ref/></w:r>{run(' ' + text)}</w:p></w:{kind}>"
        for number, text in notes.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NAMESPACES}>{separators}{body}</w:{kind}s>'
    )


def custom_style(style_id: str, name: str, based_on: str) -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based_on}"/><w:next w:val="Normal"/><w:qFormat/></w:style>'
    )


def build_raw_docx(
    body: str,
    *,
    links: dict[str, str] | None = None,
    footnotes: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
    images: dict[str, bytes] | None = None,
    styles: str = "",
    strict: bool = False,
    parts: dict[str, tuple[str, bytes]] | None = None,
) -> bytes:
    """A Word package around ``body`` (the XML inside ``<w:body>``), on python-docx's default template.

    ``links`` maps relationship ids to URLs, ``images`` relationship ids to PNG bytes;
    ``styles`` is extra ``<w:style>`` XML; ``strict`` marks the package "Strict Open XML";
    ``parts`` maps relationship ids to (relationship type, XML) of extra parts of the document.
    """
    buffer = BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(BytesIO(buffer.getvalue()))
    parts_out = {name: source.read(name) for name in source.namelist()}
    rels = parts_out["word/_rels/document.xml.rels"].decode()
    types = parts_out["[Content_Types].xml"].decode()
    extra_rels = []
    for rel_id, url in (links or {}).items():
        extra_rels.append(
            f'<Relationship Id="{rel_id}" Type="{REL}/hyperlink" Target="{esc(url)}" TargetMode="External"/>'
        )
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes:
            parts_out[f"word/{kind}s.xml"] = _notes_xml(kind, notes).encode()
            extra_rels.append(f'<Relationship Id="rId{kind}s" Type="{REL}/{kind}s" Target="{kind}s.xml"/>')
            types = types.replace(
                "</Types>",
                f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
                f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/></Types>',
            )
    for rel_id, data in (images or {}).items():
        parts_out[f"word/media/{rel_id}.png"] = data
        extra_rels.append(f'<Relationship Id="{rel_id}" Type="{REL}/image" Target="media/{rel_id}.png"/>')
    for rel_id, (rel_type, data) in (parts or {}).items():
        parts_out[f"word/{rel_id}.xml"] = data
        extra_rels.append(f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{rel_id}.xml"/>')
    if images:
        types = types.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>')
    parts_out["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", "".join(extra_rels) + "</Relationships>"
    ).encode()
    parts_out["[Content_Types].xml"] = types.encode()
    parts_out["word/numbering.xml"] = NUMBERING.encode()
    if styles:
        parts_out["word/styles.xml"] = (
            parts_out["word/styles.xml"].decode().replace("</w:styles>", styles + "</w:styles>").encode()
        )
    parts_out["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    ).encode()
    if strict:
        for name in ("_rels/.rels", "word/_rels/document.xml.rels"):
            parts_out[name] = parts_out[name].replace(
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                b"http://purl.oclc.org/ooxml/officeDocument/relationships/",
            )
        parts_out["word/document.xml"] = parts_out["word/document.xml"].replace(
            W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"
        )
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts_out.items():
            target.writestr(name, data)
    return out.getvalue()
