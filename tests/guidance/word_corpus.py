"""A corpus of Word documents with the features real drafts have, and what must survive each.

Every file is built here (python-docx's template, raw Open XML for the rest); nothing binary is
committed. Each case lists the words that must be in the imported text (``words``), the words
that must not (``absent``: deleted tracked changes), and the headings the section tree must
have (``headings``: level and title, in order; the opening section of text before the first
heading has level 0). ``bench/word_import.py`` measures the readers on the same corpus.
"""

from dataclasses import dataclass, field
from functools import cache

from tests.guidance.docx_builder import (
    BULLETED,
    HEADING_NUMBERING,
    NUMBERED,
    PNG,
    build_raw_docx,
    custom_style,
    heading,
    hyperlink,
    image,
    note_reference,
    para,
    run,
    table,
    text_box,
)


@dataclass(frozen=True)
class Case:
    name: str
    words: tuple[str, ...]
    headings: tuple[tuple[int, str], ...]
    absent: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # block kinds the import must produce (any order)
    build_kwargs: dict = field(default_factory=dict, hash=False, compare=False)
    body: str = ""

    def content(self) -> bytes:
        return _content(self.name)


INTRO = heading("Introduction") + para("The introduction follows.")

CASES = [
    Case(
        "front_matter",
        words=(
            "Guide to implementing the Global Compact",
            "Draft for consultation",
            "Working Group on Migration",
            "Contents",
            "This foreword explains why the guide exists",
            "The introduction follows",
        ),
        headings=((0, "Guide to implementing the Global Compact"), (1, "Introduction")),
        body=para("Guide to implementing the Global Compact", style="Title")
        + para("Draft for consultation", style="Subtitle")
        + para("Working Group on Migration")
        + para("Contents", style="TOCHeading")
        + para("Introduction\t3", style="TOC1")
        + para("Foreword", style="Heading1".replace("Heading1", "Normal"))
        + para("This foreword explains why the guide exists.")
        + INTRO,
    ),
    Case(
        "no_headings",
        words=("A memo without any heading", "Its second paragraph", "And a third"),
        headings=((0, ""),),
        body=para("A memo without any heading.") + para("Its second paragraph.") + para("And a third."),
    ),
    Case(
        "hyperlinks",
        words=("An", "example link", "to a popular website", "https://example.org/guide"),
        headings=((1, "Introduction"),),
        body=heading("Introduction")
        + para(run("An "), hyperlink("example link", "rIdLink1"), run(" to a popular website.")),
        build_kwargs={"links": {"rIdLink1": "https://example.org/guide"}},
    ),
    Case(
        "tracked_changes",
        words=("The text has", "inserted words", "and a moved sentence", "Where it moved to"),
        absent=("deleted words",),
        headings=((1, "Introduction"),),
        body=heading("Introduction")
        + para(
            run("The text has "),
            '<w:ins w:id="1" w:author="Editor" w:date="2026-01-01T00:00:00Z">' + run("inserted words") + "</w:ins>",
            '<w:del w:id="2" w:author="Editor" w:date="2026-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">'
            " deleted words</w:delText></w:r></w:del>",
            run("."),
        )
        + '<w:p><w:moveFromRangeStart w:id="3" w:name="move1" w:author="Editor"/><w:moveFrom w:id="4" '
        'w:author="Editor"><w:r><w:t>and a moved sentence</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="3"/></w:p>'
        + para("Where it moved to:")
        + '<w:p><w:moveToRangeStart w:id="5" w:name="move1" w:author="Editor"/><w:moveTo w:id="6" '
        'w:author="Editor"><w:r><w:t>and a moved sentence</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="5"/></w:p>',
    ),
    Case(
        "content_controls",
        words=("Text in a block control", "an inline control", "Country", "Status", "Morocco", "Piloting"),
        headings=((1, "Introduction"),),
        kinds=("table",),
        body=heading("Introduction")
        + "<w:sdt><w:sdtPr><w:alias w:val='Block'/></w:sdtPr><w:sdtContent>"
        + para("Text in a block control.")
        + "</w:sdtContent></w:sdt>"
        + para(
            run("With "),
            "<w:sdt><w:sdtPr/><w:sdtContent>" + run("an inline control") + "</w:sdtContent></w:sdt>",
            run("."),
        )
        + table(
            [
                ["Country", "Status"],
                [
                    "<w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:tcPr/>"
                    + para("Morocco")
                    + "</w:tc></w:sdtContent></w:sdt>",
                    "Piloting",
                ],
            ]
        ),
    ),
    Case(
        "text_boxes",
        words=("The paragraph before the box", "Country example", "Ghana set up a one-stop centre"),
        headings=((1, "Examples"),),
        kinds=("quote",),
        body=heading("Examples")
        + para("The paragraph before the box.")
        + para(text_box(para("Country example"), para("Ghana set up a one-stop centre."))),
    ),
    Case(
        "nested_tables",
        words=("Outer", "Inner left", "Inner right", "After"),
        headings=((1, "Tables"),),
        kinds=("table",),
        body=heading("Tables") + table([["Outer", table([["Inner left", "Inner right"]])], ["After", "End"]]),
    ),
    Case(
        "merged_cells",
        words=("Region", "Africa", "Morocco", "Ghana", "Both pilots"),
        headings=((1, "Tables"),),
        kinds=("table",),
        body=heading("Tables")
        + table(
            [
                ["Region", "Country"],
                ['<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + para("Africa") + "</w:tc>", "Morocco"],
                ["<w:tc><w:tcPr><w:vMerge/></w:tcPr>" + para("") + "</w:tc>", "Ghana"],
                ['<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + para("Both pilots") + "</w:tc>"],
            ]
        ),
    ),
    Case(
        "notes",
        words=(
            "As the General Assembly decided",
            "Resolution 73/195 of 19 December 2018",
            "See the annex",
            "Endnote text on reviews",
        ),
        headings=((1, "Introduction"),),
        body=heading("Introduction")
        + para(run("As the General Assembly decided."), note_reference("footnote", 1))
        + para(run("See the annex."), note_reference("endnote", 1)),
        build_kwargs={
            "footnotes": {1: "Resolution 73/195 of 19 December 2018."},
            "endnotes": {1: "Endnote text on reviews."},
        },
    ),
    Case(
        "images",
        words=("Before the figure", "Map of the pilot countries"),
        headings=((1, "Figures"),),
        body=heading("Figures") + para("Before the figure.") + para(image("rIdImage1", "Map of the pilot countries")),
        build_kwargs={"images": {"rIdImage1": PNG}},
    ),
    Case(
        "numbered_lists",
        words=("First step", "Sub-step a", "Deeper detail", "Second step", "A bullet", "A sub-bullet"),
        headings=((1, "Steps"),),
        kinds=("ordered_list", "list"),
        body=heading("Steps")
        + para("First step", num=(NUMBERED, 0))
        + para("Sub-step a", num=(NUMBERED, 1))
        + para("Deeper detail", num=(NUMBERED, 2))
        + para("Second step", num=(NUMBERED, 0))
        + para("Between the lists.")
        + para("A bullet", num=(BULLETED, 0))
        + para("A sub-bullet", num=(BULLETED, 1)),
    ),
    Case(
        "custom_heading_style",
        words=("A chapter in a house style", "Its text"),
        headings=((1, "A chapter in a house style"),),
        body=para("A chapter in a house style", style="GCMChapter") + para("Its text."),
        build_kwargs={"styles": custom_style("GCMChapter", "GCM Chapter", "Heading1")},
    ),
    Case(
        "title_style",
        words=("The Booklet", "Objective text"),
        headings=((0, "The Booklet"), (1, "Objective 1")),
        body=para("The Booklet", style="Title") + heading("Objective 1") + para("Objective text."),
    ),
    Case(
        "numbered_headings",
        words=(
            "2030 Agenda for Sustainable Development",
            "23 objectives for safe migration",
            "Implementation",
            "Scope",
        ),
        absent=("1. Implementation",),
        headings=(
            (1, "2030 Agenda for Sustainable Development"),
            (1, "23 objectives for safe migration"),
            (1, "Implementation"),
            (2, "Scope"),
        ),
        body=heading("2030 Agenda for Sustainable Development")
        + para("Text.")
        + heading("23 objectives for safe migration")
        + para("Text.")
        + para("Implementation", style="Heading1", num=(HEADING_NUMBERING, 0))
        + para("Text.")
        + para("Scope", style="Heading2", num=(HEADING_NUMBERING, 1))
        + para("Text."),
    ),
    Case(
        "split_runs",
        words=("These", "important", "words"),
        headings=((1, "Introduction"),),
        body=heading("Introduction")
        + para(*[run(ch, bold=True) for ch in "These"], run(" are "), run("impor"), run("tant"), run(" words.")),
    ),
    Case(
        "quote_style",
        words=("A quotation from the Compact",),
        headings=((1, "Introduction"),),
        kinds=("quote",),
        body=heading("Introduction") + para("A quotation from the Compact.", style="Quote"),
    ),
    Case(
        "smart_tags",
        words=("Meeting in Geneva on 3 December",),
        headings=((1, "Introduction"),),
        body=heading("Introduction")
        + para(
            run("Meeting in "),
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="City">'
            + run("Geneva")
            + "</w:smartTag>",
            run(" on 3 December."),
        ),
    ),
    Case(
        "smartart",
        words=("The process is shown below", "Assess needs", "Plan with partners", "Review results"),
        headings=((1, "Process"),),
        kinds=("quote",),
        body=heading("Process")
        + para(
            run("The process is shown below."),
            '<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="3" name="Diagram 3"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
            '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rIdDiagram1" '
            'r:lo="rIdLayout1" r:qs="rIdStyle1" r:cs="rIdColors1"/>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
        ),
        build_kwargs={
            "parts": {
                "rIdDiagram1": (
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData",
                    (
                        '<?xml version="1.0" encoding="UTF-8"?><dgm:dataModel '
                        'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
                        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
                        '<dgm:pt modelId="0" type="doc"><dgm:t><a:p/></dgm:t></dgm:pt>'
                        + "".join(
                            f'<dgm:pt modelId="{n}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p>'
                            "</dgm:t></dgm:pt>"
                            for n, text in enumerate(("Assess needs", "Plan with partners", "Review results"), 1)
                        )
                        + "</dgm:ptLst></dgm:dataModel>"
                    ).encode(),
                )
            }
        },
    ),
]
STRICT = Case(
    "strict",
    words=("Strict text",),
    headings=((1, "Introduction"),),
    body=heading("Introduction") + para("Strict text."),
    build_kwargs={"strict": True},
)
BY_NAME = {case.name: case for case in [*CASES, STRICT]}


@cache
def _content(name: str) -> bytes:
    case = BY_NAME[name]
    return build_raw_docx(case.body, **case.build_kwargs)
