"""Translations aligned by meaning: swapped sections, extra items and rows, missing sections, every defect at once."""

import pytest
from django.core.exceptions import ValidationError

from guidance.models import Block, Section
from guidance.services import guidance_import
from guidance.services.parsing import parse_file
from tests.factories import DocumentFactory
from tests.guidance.docx_builder import build_docx

pytestmark = pytest.mark.django_db

EN = [
    ("h1", "Overview"),
    ("p", "The guide explains how governments can implement the Global Compact step by step."),
    ("h1", "Data"),
    ("bullet", "Collect accurate data."),
    ("bullet", "Disaggregate it."),
    ("h1", "Pathways"),
    ("h2", "3.1 Regular pathways"),
    ("p", "Regular pathways for migration include labour mobility schemes, family reunification and education."),
    ("h2", "3.2 Skills"),
    ("p", "Recognise skills."),
    ("h1", "Steps"),
    ("bullet", "Assess the situation"),
    ("bullet", "Plan the response"),
    ("table", [["Step", "Who"], ["Assess", "Ministry"]]),
    ("h1", "Review"),
    ("p", "Review progress every two years with all the stakeholders involved."),
]
ES = [
    ("h1", "Panorama"),
    ("p", "La guía explica cómo los gobiernos pueden aplicar el Pacto Mundial paso a paso."),
    ("h1", "Datos"),
    ("bullet", "Reunir datos exactos."),
    ("bullet", "Desglosarlos."),
    ("h1", "Vías"),
    ("h2", "3.1 Vías regulares"),
    ("p", "Las vías regulares de migración incluyen la movilidad laboral, la reunificación familiar y la educación."),
    ("h2", "3.2 Competencias"),
    ("p", "Reconocer competencias."),
    ("h1", "Pasos"),
    ("bullet", "Evaluar la situación"),
    ("bullet", "Planificar la respuesta"),
    ("table", [["Paso", "Quién"], ["Evaluar", "Ministerio"]]),
    ("h1", "Examen"),
    ("p", "Examinar los progresos cada dos años con todas las partes interesadas."),
]


@pytest.fixture
def version():
    document = DocumentFactory(slug="guide")
    return import_items(document, EN, "en").version


def import_items(document, items, language):
    sections = parse_file(name=f"guide.{language}.docx", content=build_docx(items))
    return guidance_import(document=document, version_label="Draft 1", language=language, sections=sections)


def refusal(version, items) -> list[str]:
    with pytest.raises(ValidationError) as error:
        import_items(version.document, items, "es")
    assert Block.objects.exclude(text_es=None).exclude(text_es="").count() == 0
    return error.value.messages


def test_a_matching_translation_fills_every_section(version):
    report = import_items(version.document, ES, "es")
    assert report.changed
    assert list(Section.objects.filter(version=version).order_by("order").values_list("number", "title_es")) == [
        ("", "Guide (document title)"),
        ("1", "Panorama"),
        ("2", "Datos"),
        ("3", "Vías"),
        ("3.1", "Vías regulares"),
        ("3.2", "Competencias"),
        ("4", "Pasos"),
        ("5", "Examen"),
    ]
    assert Block.objects.filter(section__version=version, text_es="").count() == 0


def test_swapped_sections_of_the_same_shape_are_found(version):
    swapped = ES[:6] + ES[8:10] + ES[6:8] + ES[10:]
    assert refusal(version, swapped) == [
        "Section 3.1 “Regular pathways”: in its place the Spanish file has the heading “3.2 Competencias”, "
        "numbered 3.2 (is the order of its sections changed?).",
        "Section 3.1 “Regular pathways”, paragraph 1: the Spanish text (paragraph 1 of its section 3.1) is 0.2 "
        "times as long as the English; is it the same paragraph?",
        "Section 3.2 “Skills”: in its place the Spanish file has the heading “3.1 Vías regulares”, "
        "numbered 3.1 (is the order of its sections changed?).",
        "Section 3.2 “Skills”, paragraph 1: the Spanish text (paragraph 1 of its section 3.2) is 6.1 "
        "times as long as the English; is it the same paragraph?",
    ]


def test_an_extra_list_item_is_found(version):
    extra = list(ES)
    extra.insert(13, ("bullet", "Aplicar el plan"))
    assert refusal(version, extra) == [
        "Section 4 “Steps”, paragraph 1: the list has 2 items in English but 3 in the Spanish file "
        "(paragraph 1 of its section 4)."
    ]


def test_an_extra_table_row_is_found(version):
    extra = list(ES)
    extra[13] = ("table", [["Paso", "Quién"], ["Evaluar", "Ministerio"], ["Planificar", "Gobierno"]])
    assert refusal(version, extra) == [
        "Section 4 “Steps”, paragraph 2: the table has 2 rows in English but 3 in the Spanish file "
        "(paragraph 2 of its section 4)."
    ]


def test_a_missing_section_is_named_correctly(version):
    missing = ES[:2] + ES[5:]
    assert refusal(version, missing) == [
        "Section 2 “Data” has no matching heading in the Spanish file (it would come after its heading 1 “Panorama”)."
    ]


def test_three_defects_are_three_reports(version):
    defects = ES[:2] + ES[5:]  # no section 2
    defects[9] = ("bullet", "Planificar la respuesta")
    defects.insert(10, ("bullet", "Aplicar el plan"))  # an extra list item
    defects[11] = ("table", [["Paso", "Quién"], ["Evaluar", "Ministerio"], ["Planificar", "Gobierno"]])
    assert refusal(version, defects) == [
        "Section 2 “Data” has no matching heading in the Spanish file (it would come after its heading 1 “Panorama”).",
        "Section 4 “Steps”, paragraph 1: the list has 2 items in English but 3 in the Spanish file "
        "(paragraph 1 of its section 3).",
        "Section 4 “Steps”, paragraph 2: the table has 2 rows in English but 3 in the Spanish file "
        "(paragraph 2 of its section 3).",
    ]


def test_a_heading_with_other_numbers_is_found():
    document = DocumentFactory(slug="booklet")
    import_items(document, [("h1", "Objective 5: Regular pathways"), ("p", "Pathways for regular migration.")], "en")
    with pytest.raises(ValidationError) as error:
        import_items(document, [("h1", "Objetivo 6: Vías regulares"), ("p", "Vías de migración regular.")], "es")
    assert error.value.messages == [
        "Section 1 “Objective 5: Regular pathways”: its heading in the Spanish file, 1 “Objetivo 6: Vías regulares”, "
        "has other numbers (5 in English, 6 there)."
    ]


def test_a_paragraph_of_another_length_is_found(version):
    short = list(ES)
    short[15] = ("p", "Examinar.")
    assert refusal(version, short) == [
        "Section 5 “Review”, paragraph 1: the Spanish text (paragraph 1 of its section 5) is 0.1 times as long "
        "as the English; is it the same paragraph?"
    ]


def import_markdown(document, text: str, language: str):
    sections = parse_file(name=f"{language}.md", content=text.encode())
    return guidance_import(document=document, version_label="Draft 1", language=language, sections=sections)


def test_opening_text_in_the_english_only_is_named_as_such():
    document = DocumentFactory(slug="booklet")
    import_markdown(document, "Foreword by the chair.\n\n# Data\n\nCollect accurate data.", "en")
    with pytest.raises(ValidationError) as error:
        import_markdown(document, "# Datos\n\nReunir datos exactos.", "es")
    assert error.value.messages == [
        "The English text opens with “Opening text” before its first heading; the Spanish file has no "
        "text before its first heading."
    ]


def test_opening_text_in_the_translation_only_is_named_as_such():
    document = DocumentFactory(slug="booklet")
    import_markdown(document, "# Data\n\nCollect accurate data.", "en")
    with pytest.raises(ValidationError) as error:
        import_markdown(document, "Prólogo de la presidencia.\n\n# Datos\n\nReunir datos exactos.", "es")
    assert error.value.messages == [
        "The Spanish file has text before its first heading (“Prólogo de la presidencia.”) "
        "that the English text has not."
    ]
