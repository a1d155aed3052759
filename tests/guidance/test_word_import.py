"""Real Word features in, all of their text out (tests/guidance/word_corpus.py), or a notice naming the paragraph."""

import io
import re
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from guidance.models import Section
from guidance.services import guidance_import
from guidance.services.parsing import parse_file
from tests.factories import DocumentFactory
from tests.guidance.docx_builder import build_raw_docx, heading, note_reference, para, run
from tests.guidance.word_corpus import BY_NAME, CASES, STRICT

pytestmark = pytest.mark.django_db


def imported(case):
    document = DocumentFactory(slug=f"doc-{case.name.replace('_', '-')}")
    sections = parse_file(name=f"{case.name}.docx", content=case.content())
    report = guidance_import(document=document, version_label="Draft 1", language="en", sections=sections)
    stored = list(Section.objects.filter(version=report.version).order_by("order").prefetch_related("blocks"))
    return report, stored


def plain(markdown: str) -> str:
    return " ".join(re.sub(r"[*`>|]|\\(?=.)", " ", markdown).split())


@pytest.mark.parametrize("case", [*CASES, STRICT], ids=lambda case: case.name)
def test_every_word_of_the_corpus_is_imported_or_reported(case):
    report, stored = imported(case)
    text = plain(" ".join([s.title_en for s in stored] + [b.text_en for s in stored for b in s.blocks.all()]))
    notices = plain(" ".join(report.notices))
    missing = [words for words in case.words if plain(words) not in text and plain(words) not in notices]
    assert missing == []
    assert [words for words in case.absent if plain(words) in text] == []
    expected = [("" if level == 0 else None, title or "Opening text") for level, title in case.headings]
    assert [(s.number if s.number == "" else None, s.title_en) for s in stored] == expected


def blocks_of(name):
    _report, stored = imported(BY_NAME[name])
    return [(b.kind, b.text_en) for s in stored for b in s.blocks.all()]


def test_front_matter_is_the_opening_section_with_its_title():
    report, stored = imported(BY_NAME["front_matter"])
    opening = stored[0]
    assert (opening.number, opening.title_en) == ("", "Guide to implementing the Global Compact")
    assert [b.text_en for b in opening.blocks.all()] == [
        "Draft for consultation",
        "Working Group on Migration",
        "Contents",
        "Introduction 3",
        "Foreword",
        "This foreword explains why the guide exists.",
    ]
    assert (stored[1].number, stored[1].title_en) == ("1", "Introduction")
    assert report.notices == []


def test_a_document_without_headings_is_one_section_with_a_warning():
    report, stored = imported(BY_NAME["no_headings"])
    assert [(s.number, s.title_en, s.blocks.count()) for s in stored] == [("", "Opening text", 3)]
    assert report.notices == ["The file has no headings; all of its text was imported as one section."]


def test_links_are_markdown_links():
    assert blocks_of("hyperlinks") == [
        ("paragraph", "An [example link](https://example.org/guide) to a popular website.")
    ]


def test_tracked_changes_are_accepted_and_the_report_says_so():
    report, _stored = imported(BY_NAME["tracked_changes"])
    assert blocks_of("tracked_changes") == [
        ("paragraph", "The text has inserted words."),
        ("paragraph", "Where it moved to:"),
        ("paragraph", "and a moved sentence"),
    ]
    assert report.notices == [
        "The document had tracked changes; they were imported as accepted (deleted text left out)."
    ]


def test_content_controls_keep_their_text_and_the_table_cell():
    assert blocks_of("content_controls")[-1] == ("table", "| Country | Status |\n| --- | --- |\n| Morocco | Piloting |")


def test_a_text_box_is_one_box_block():
    assert blocks_of("text_boxes") == [
        ("paragraph", "The paragraph before the box."),
        ("quote", "> Country example\n>\n> Ghana set up a one-stop centre."),
    ]


def test_merged_cells_are_written_once():
    assert blocks_of("merged_cells") == [
        ("table", "| Region | Country |\n| --- | --- |\n| Africa | Morocco |\n|  | Ghana |\n| Both pilots |  |")
    ]


def test_a_nested_table_is_flattened_into_its_cell_and_reported():
    report, _stored = imported(BY_NAME["nested_tables"])
    assert blocks_of("nested_tables") == [
        ("table", "| Outer | Inner left · Inner right |\n| --- | --- |\n| After | End |")
    ]
    assert report.notices == ["A table inside a table cell in “Tables” was flattened into its cell."]


def test_footnotes_and_endnotes_are_notes_of_their_block():
    assert blocks_of("notes") == [
        ("paragraph", "As the General Assembly decided.[^1]\n\n[^1]: Resolution 73/195 of 19 December 2018."),
        ("paragraph", "See the annex.[^1]\n\n[^1]: Endnote text on reviews."),
    ]


def test_an_image_is_stored_and_shown_with_its_alt_text(client):
    import hashlib

    from tests.guidance.docx_builder import PNG

    report, _stored = imported(BY_NAME["images"])
    name = f"{hashlib.sha256(PNG).hexdigest()}.png"
    assert blocks_of("images") == [
        ("paragraph", "Before the figure."),
        ("paragraph", f"![Map of the pilot countries](/guidance-images/{name})"),
    ]
    assert report.notices == []
    response = client.get(f"/guidance-images/{name}")
    assert (response.status_code, response["Content-Type"], b"".join(response.streaming_content)) == (
        200,
        "image/png",
        PNG,
    )
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert client.get(f"/guidance-images/{'0' * 64}.png").status_code == 404
    assert client.get("/guidance-images/..%2Fsettings.py").status_code == 404


def test_an_image_the_web_cannot_show_is_reported_with_its_alt_text_and_place():
    emf = b"\x01\x00\x00\x00" + bytes(100)  # an EMF header, as Word keeps drawings pasted from Office
    case = BY_NAME["images"]
    content = build_raw_docx(case.body, images={"rIdImage1": emf})
    sections = parse_file(name="emf.docx", content=content)
    assert [b.text for s in sections for b in s.blocks] == ["Before the figure."]
    assert sections.notices == [
        "An image (“Map of the pilot countries”) in “Figures”, after “Before the figure.” was not imported: "
        "its format cannot be shown on the web. Save it as PNG or JPEG in the document, or add it again by hand."
    ]
    assert sections.images == {}


def test_word_numbering_gives_nested_numbered_and_bulleted_lists():
    assert blocks_of("numbered_lists") == [
        ("ordered_list", "1. First step\n    1. Sub-step a\n        1. Deeper detail\n2. Second step"),
        ("paragraph", "Between the lists."),
        ("list", "- A bullet\n    - A sub-bullet"),
    ]


def test_headings_keep_numbers_of_their_title_and_lose_words_own_numbering():
    _report, stored = imported(BY_NAME["numbered_headings"])
    assert [(s.number, s.title_en) for s in stored] == [
        ("1", "2030 Agenda for Sustainable Development"),
        ("2", "23 objectives for safe migration"),
        ("3", "Implementation"),
        ("3.1", "Scope"),
    ]


def test_runs_split_mid_word_are_whole_words():
    assert blocks_of("split_runs") == [("paragraph", "**These** are important words.")]


def test_a_style_based_on_heading_1_is_a_heading():
    _report, stored = imported(BY_NAME["custom_heading_style"])
    assert [(s.number, s.depth, s.title_en) for s in stored] == [("1", 1, "A chapter in a house style")]


def test_strict_open_xml_is_read():
    assert blocks_of("strict") == [("paragraph", "Strict text.")]


def test_markdown_characters_typed_in_word_stay_text():
    content = build_raw_docx(heading("Notes") + para(run("1. Not a list, a *star* and [brackets] <b>x</b>")))
    sections = parse_file(name="x.docx", content=content)
    assert sections[0].blocks[0].text == r"1\. Not a list, a \*star\* and \[brackets\] \<b>x\</b>"


def test_a_small_file_that_expands_to_a_huge_document_is_refused_at_once():
    body = "<w:p><w:r><w:t>" + "a" * 10_000_000 + "</w:t></w:r></w:p>"
    source = zipfile.ZipFile(io.BytesIO(BY_NAME["split_runs"].content()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode())
            target.writestr(entry.filename, data)
    content = buffer.getvalue()
    assert len(content) < 50_000  # python-docx's template holds a 40 KB thumbnail
    start = time.perf_counter()
    with pytest.raises(ValidationError) as error:
        parse_file(name="small.docx", content=content)
    assert error.value.messages == ["The file expands to an unreasonable size and was refused."]
    assert time.perf_counter() - start < 1.0


def test_the_command_prints_every_notice(tmp_path, capsys):
    DocumentFactory(slug="guide")
    path = tmp_path / "guide.docx"
    path.write_bytes(BY_NAME["nested_tables"].content())
    call_command("import_guidance", str(path), "--document", "guide", "--version", "Draft 1", "--language", "en")
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == ["  ! A table inside a table cell in “Tables” was flattened into its cell."]


def test_the_text_of_smartart_is_a_box_and_the_report_says_its_layout_was_not_kept():
    report, _stored = imported(BY_NAME["smartart"])
    assert blocks_of("smartart") == [
        ("paragraph", "The process is shown below."),
        ("quote", "> Assess needs\n>\n> Plan with partners\n>\n> Review results"),
    ]
    assert report.notices == [
        "The text of a SmartArt graphic in the paragraph “The process is shown below.” was imported as a box; "
        "its layout was not."
    ]


def test_quote_style_and_smart_tags_keep_their_text():
    assert blocks_of("quote_style") == [("quote", "> A quotation from the Compact.")]
    assert blocks_of("smart_tags") == [("paragraph", "Meeting in Geneva on 3 December.")]


def test_a_document_pandoc_cannot_read_in_time_is_refused_in_one_line(settings, monkeypatch):
    import subprocess

    def too_slow(*args, **kwargs):
        raise subprocess.TimeoutExpired(cmd=args[0], timeout=kwargs["timeout"])

    settings.GUIDANCE_PANDOC_TIMEOUT = 5
    monkeypatch.setattr("guidance.services.word_package.subprocess.run", too_slow)
    with pytest.raises(ValidationError) as error:
        parse_file(name="slow.docx", content=BY_NAME["split_runs"].content())
    assert error.value.messages == ["The document took too long to read (over 5 seconds) and was refused."]


def test_a_document_type_declaration_is_refused_before_pandoc(monkeypatch):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    source = zipfile.ZipFile(io.BytesIO(BY_NAME["split_runs"].content()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/styles.xml":
                data = laughs.encode() + data.split(b"?>", 1)[1]
            target.writestr(entry.filename, data)
    monkeypatch.setattr("guidance.services.word_package.subprocess.run", None)  # pandoc must not be reached
    with pytest.raises(ValidationError) as error:
        parse_file(name="laughs.docx", content=buffer.getvalue())
    assert error.value.messages == [
        "The file holds XML that Word never writes (a document type declaration) and was refused."
    ]


def test_the_reader_shows_the_opening_section_and_numbered_notes(client, reviewer):
    from django.urls import reverse

    from guidance.enums import VersionStatus
    from guidance.services import document_version_set_status

    notes = BY_NAME["notes"]
    body = BY_NAME["front_matter"].body + notes.body.replace("Introduction", "Notes", 1)
    sections = parse_file(name="guide.docx", content=build_raw_docx(body, **notes.build_kwargs))
    report = guidance_import(
        document=DocumentFactory(slug="guide"), version_label="Draft 1", language="en", sections=sections
    )
    document_version_set_status(version=report.version, status=VersionStatus.IN_REVIEW)
    opening, _introduction, notes_section = report.version.sections.order_by("order")
    client.force_login(reviewer)

    def page(section):
        kwargs = {"document": "guide", "version": report.version.slug, "anchor": section.anchor}
        response = client.get(reverse("guidance:section_detail", kwargs=kwargs))
        assert response.status_code == 200
        return response.content.decode()

    assert "This foreword explains why the guide exists." in page(opening)
    html = page(notes_section)
    key = notes_section.blocks.get(position=1).key
    assert f'<sup id="fnref-{key}-1"><a class="footnote-ref" href="#fn-{key}-1"' in html
    assert f'<li id="fn-{key}-1">\n<p>Resolution 73/195 of 19 December 2018.' in html


def test_a_note_on_a_heading_and_review_comments_are_reported():
    body = (
        heading("Introduction")[: -len("</w:p>")]
        + note_reference("footnote", 1)
        + "</w:p>"
        + para(run("Text with a comment."), '<w:r><w:commentReference w:id="0"/></w:r>')
    )
    sections = parse_file(name="x.docx", content=build_raw_docx(body, footnotes={1: "Drafted by the working group."}))
    assert [(s.title, [b.text for b in s.blocks]) for s in sections] == [
        ("Introduction", ["Drafted by the working group.", "Text with a comment."])
    ]
    assert sections.notices == [
        "The document has 1 review comment; comments are not part of the text and were not imported.",
        "A note on the heading “Introduction” was imported as the first paragraph of its section.",
    ]


def test_a_server_without_pandoc_says_so_in_one_line(monkeypatch):
    import pypandoc

    def missing():
        raise OSError("No pandoc was found")

    monkeypatch.setattr(pypandoc, "get_pandoc_path", missing)
    with pytest.raises(ValidationError) as error:
        parse_file(name="guide.docx", content=BY_NAME["split_runs"].content())
    assert error.value.messages == [
        "Word files cannot be imported on this server: its Word reader (pandoc) is missing."
    ]


def test_a_document_of_too_many_runs_is_refused_before_any_reader(monkeypatch):
    import random
    import string

    rnd = random.Random(1)
    words = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(2, 9))) for _ in range(60_000)]
    body = heading("Big") + "".join(
        para(*[run(word + " ", bold=i % 2 == 0) for i, word in enumerate(words[n : n + 100])])
        for n in range(0, len(words), 100)
    )
    content = build_raw_docx(body)
    monkeypatch.setattr("guidance.services.word_package.subprocess.run", None)  # pandoc must not be reached
    start = time.perf_counter()
    with pytest.raises(ValidationError) as error:
        parse_file(name="runs.docx", content=content)
    assert error.value.messages == [
        "The document has more than 50,000 pieces of differently formatted text, more than can be imported at "
        "once; split it into smaller files."
    ]
    assert time.perf_counter() - start < 1.0
