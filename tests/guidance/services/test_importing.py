import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from guidance.enums import BlockKind, VersionStatus
from guidance.models import Block, DocumentVersion, Section
from guidance.services import document_version_set_status, guidance_import
from guidance.services.parsing import parse_file
from tests.factories import DocumentFactory, ObjectiveFactory
from tests.guidance.docx_builder import GUIDE_EN, GUIDE_ES, GUIDE_FR, build_docx

pytestmark = pytest.mark.django_db


def import_docx(document, items, language, label="Draft 1"):
    sections = parse_file(name=f"guide.{language}.docx", content=build_docx(items))
    return guidance_import(document=document, version_label=label, language=language, sections=sections)


@pytest.fixture
def document():
    ObjectiveFactory(number=5)
    return DocumentFactory(slug="guide")


def test_docx_import_builds_the_tree_in_three_languages(document):
    report = import_docx(document, GUIDE_EN, "en")
    import_docx(document, GUIDE_FR, "fr")
    import_docx(document, GUIDE_ES, "es")

    assert (report.sections_created, report.blocks_created) == (4, 5)
    opening, *sections = list(Section.objects.filter(version=report.version).order_by("order"))
    # The document's title (Word's Title style) is the unnumbered opening section, not dropped.
    assert (opening.number, opening.depth, opening.title_en, opening.parent_id) == (
        "",
        1,
        "Guide (document title)",
        None,
    )
    assert [(s.number, s.depth, s.title_en) for s in sections] == [
        ("1", 1, "What the Global Compact is"),
        ("1.1", 2, "Objective 5: Regular pathways"),
        ("2", 1, "Implementation steps"),
    ]
    assert [s.title_fr for s in sections] == [
        "Ce qu’est le Pacte mondial",
        "Objectif 5 : Voies régulières",
        "Étapes de la mise en œuvre",
    ]
    assert [s.title_es for s in sections] == [
        "Qué es el Pacto Mundial",
        "Objetivo 5: Vías regulares",
        "Pasos de la aplicación",
    ]
    assert sections[1].objective.number == 5
    assert sections[1].parent_id == sections[0].pk
    blocks = list(Block.objects.filter(section=sections[0]).order_by("position"))
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.LIST]
    assert blocks[1].text_en == "- It is not legally binding.\n- It upholds sovereignty."
    assert blocks[1].text_fr == "- Il n’est pas juridiquement contraignant.\n- Il respecte la souveraineté."
    table = Block.objects.get(section=sections[2], kind=BlockKind.TABLE)
    assert table.text_es == "| Paso | Quién |\n| --- | --- |\n| Evaluar | Ministerio |"


def test_paragraph_keys_are_shared_by_the_three_languages(document):
    report = import_docx(document, GUIDE_EN, "en")
    keys_before = list(
        Block.objects.filter(section__version=report.version)
        .order_by("section__order", "position")
        .values_list("key", flat=True)
    )
    import_docx(document, GUIDE_FR, "fr")
    keys_after = list(
        Block.objects.filter(section__version=report.version)
        .order_by("section__order", "position")
        .values_list("key", flat=True)
    )
    assert keys_after == keys_before
    assert len(set(keys_before)) == 5


def test_importing_the_same_file_twice_changes_nothing(document):
    import_docx(document, GUIDE_EN, "en")
    import_docx(document, GUIDE_FR, "fr")
    snapshot = list(Block.objects.order_by("pk").values())

    again_en = import_docx(document, GUIDE_EN, "en")
    again_fr = import_docx(document, GUIDE_FR, "fr")

    assert (again_en.changed, again_fr.changed) == (False, False)
    assert list(Block.objects.order_by("pk").values()) == snapshot
    assert DocumentVersion.objects.count() == 1


def test_a_revised_english_file_keeps_the_keys_of_unchanged_paragraphs(document):
    import_docx(document, GUIDE_EN, "en")
    old = {b.text_en: b.key for b in Block.objects.all()}
    revised = list(GUIDE_EN)
    revised.insert(2, ("p", "A new paragraph inserted by the drafters."))
    report = import_docx(document, revised, "en")

    assert (report.blocks_created, report.blocks_updated, report.blocks_removed) == (1, 0, 0)
    new = {b.text_en: b.key for b in Block.objects.all()}
    assert {text: new[text] for text in old} == old
    assert Block.objects.get(text_en="A new paragraph inserted by the drafters.").position == 2


def test_a_translation_with_a_missing_heading_is_refused_and_names_it(document):
    import_docx(document, GUIDE_EN, "en")
    missing = [item for item in GUIDE_FR if item != ("h2", "Objectif 5 : Voies régulières")]
    missing.remove(("p", "Des voies de migration régulière."))

    with pytest.raises(ValidationError) as error:
        import_docx(document, missing, "fr")

    assert error.value.messages == [
        "Section 1.1 “Objective 5: Regular pathways” has no matching heading in the French file "
        "(it would come after its heading 1 “Ce qu’est le Pacte mondial”)."
    ]
    assert Section.objects.exclude(title_fr=None).exclude(title_fr="").count() == 0


def test_a_translation_with_an_extra_heading_is_refused_and_names_it(document):
    import_docx(document, GUIDE_EN, "en")
    extra = [*GUIDE_FR, ("h1", "Annexe"), ("p", "Texte.")]

    with pytest.raises(ValidationError) as error:
        import_docx(document, extra, "fr")

    assert error.value.messages == ["The French file has an extra heading 3 “Annexe” (after section 2)."]
    assert Block.objects.exclude(text_fr=None).exclude(text_fr="").count() == 0


def test_a_translation_with_a_different_paragraph_count_is_refused(document):
    import_docx(document, GUIDE_EN, "en")
    extra_paragraph = list(GUIDE_ES)
    extra_paragraph.insert(6, ("p", "Un párrafo de más."))

    with pytest.raises(ValidationError) as error:
        import_docx(document, extra_paragraph, "es")

    assert error.value.messages == [
        "Section 1.1 “Objective 5: Regular pathways”: the Spanish file has an extra paragraph “Un párrafo de más.” "
        "(paragraph 2 of its section 1.1, after paragraph 1 of the English)."
    ]


def test_a_translation_before_the_english_text_is_refused(document):
    with pytest.raises(ValidationError) as error:
        import_docx(document, GUIDE_FR, "fr")
    assert "Import the English text" in error.value.messages[0]
    assert Section.objects.count() == 0


def test_import_into_a_frozen_version_is_refused(document):
    report = import_docx(document, GUIDE_EN, "en")
    document_version_set_status(version=report.version, status=VersionStatus.IN_REVIEW)

    with pytest.raises(ValidationError) as error:
        import_docx(document, GUIDE_FR, "fr")

    assert "Create a new version" in error.value.messages[0]
    assert Block.objects.exclude(text_fr=None).exclude(text_fr="").count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("guide.docx", b"this is not a zip file", "The file is not a readable Word document (.docx)."),
        ("guide.docx", b"PK\x03\x04broken zip", "The file is not a readable Word document (.docx)."),
        ("guide.pdf", b"%PDF-1.4", "Only Word (.docx) and Markdown (.md) files can be imported."),
        ("guide.md", "Texte sans titre".encode("latin-1") + b"\xe9", "The Markdown file is not valid UTF-8 text."),
        ("guide.md", b"", "The file has no text to import."),
        ("guide.md", b"\n\n  \n", "The file has no text to import."),
    ],
)
def test_malformed_files_give_one_clear_message(name, content, message):
    with pytest.raises(ValidationError) as error:
        parse_file(name=name, content=content)
    assert error.value.messages == [message]


def test_an_oversized_file_is_refused(settings):
    settings.GUIDANCE_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as error:
        parse_file(name="guide.md", content=b"# Title\n\n" + b"x" * 1024 * 1024)
    assert error.value.messages == ["The file is larger than 1 MB."]


def test_markdown_import_splits_blocks_and_strips_only_the_sections_own_numbers(document):
    text = (
        "# 1. Introduction\n\nFirst paragraph.\n\n- one\n- two\n\n> A quotation.\n\n"
        "## 1.1 Scope\n\n1. first\n2. second\n\n# 2030 Agenda\n\nText.\n\n# 23 objectives\n\nText.\n"
    )
    sections = parse_file(name="guide.md", content=text.encode())
    assert [(s.level, s.title, [b.kind for b in s.blocks]) for s in sections] == [
        (1, "1. Introduction", [BlockKind.PARAGRAPH, BlockKind.LIST, BlockKind.QUOTE]),
        (2, "1.1 Scope", [BlockKind.ORDERED_LIST]),
        (1, "2030 Agenda", [BlockKind.PARAGRAPH]),
        (1, "23 objectives", [BlockKind.PARAGRAPH]),
    ]
    report = guidance_import(document=document, version_label="Draft 1", language="en", sections=sections)
    assert list(report.version.sections.order_by("order").values_list("number", "title_en")) == [
        ("1", "Introduction"),
        ("1.1", "Scope"),
        ("2", "2030 Agenda"),
        ("3", "23 objectives"),
    ]


def test_markdown_text_before_the_first_heading_is_the_opening_section(document):
    sections = parse_file(name="guide.md", content=b"Foreword by the chair.\n\n# Introduction\n\nText.\n")
    report = guidance_import(document=document, version_label="Draft 1", language="en", sections=sections)
    opening, introduction = report.version.sections.order_by("order")
    assert (opening.number, opening.title_en, [b.text_en for b in opening.blocks.all()]) == (
        "",
        "Opening text",
        ["Foreword by the chair."],
    )
    assert (introduction.number, introduction.title_en) == ("1", "Introduction")
    assert report.notices == []


def test_markdown_without_headings_is_one_section_with_a_warning(document):
    sections = parse_file(name="guide.md", content=b"Just a paragraph, no heading.\n\nAnd another.")
    report = guidance_import(document=document, version_label="Draft 1", language="en", sections=sections)
    assert report.notices == ["The file has no headings; all of its text was imported as one section."]
    (section,) = report.version.sections.all()
    assert [b.text_en for b in section.blocks.all()] == ["Just a paragraph, no heading.", "And another."]


def test_command_imports_and_reports(document, tmp_path, capsys):
    path = tmp_path / "guide.en.docx"
    path.write_bytes(build_docx(GUIDE_EN))
    call_command("import_guidance", str(path), "--document", "guide", "--version", "Draft 1", "--language", "en")
    assert "sections 4 new" in capsys.readouterr().out
    assert Section.objects.count() == 4


def test_command_reports_a_corrupt_file_in_one_line(document, tmp_path):
    path = tmp_path / "guide.docx"
    path.write_bytes(b"not a word file")
    with pytest.raises(CommandError) as error:
        call_command("import_guidance", str(path), "--document", "guide", "--version", "Draft 1", "--language", "en")
    assert str(error.value) == "The file is not a readable Word document (.docx). Nothing was imported."
    assert DocumentVersion.objects.count() == 0


def test_command_lists_every_mismatch(document, tmp_path):
    (tmp_path / "en.docx").write_bytes(build_docx(GUIDE_EN))
    (tmp_path / "fr.docx").write_bytes(build_docx(GUIDE_FR[:4]))
    call_command(
        "import_guidance", str(tmp_path / "en.docx"), "--document", "guide", "--version", "Draft 1", "--language", "en"
    )
    with pytest.raises(CommandError) as error:
        call_command(
            "import_guidance",
            str(tmp_path / "fr.docx"),
            "--document",
            "guide",
            "--version",
            "Draft 1",
            "--language",
            "fr",
        )
    assert str(error.value).splitlines() == [
        "The file does not match the English text; nothing was imported:",
        "  - Section 1.1 “Objective 5: Regular pathways” has no matching heading in the French file "
        "(it would come after its heading 1 “Ce qu’est le Pacte mondial”).",
        "  - Section 2 “Implementation steps” has no matching heading in the French file "
        "(it would come after its heading 1 “Ce qu’est le Pacte mondial”).",
    ]


def test_command_refuses_an_unknown_document(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text("# Title\n\nText.\n")
    with pytest.raises(CommandError, match="Unknown document 'nope'"):
        call_command("import_guidance", str(path), "--document", "nope", "--version", "Draft 1", "--language", "en")
