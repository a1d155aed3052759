"""Guidance text in the Word matrix is written as Word structures (tables, quotes, lists), not raw Markdown."""

import io

import docx
import pytest

from reviews.enums import CommentState
from reviews.selectors.matrix import matrix_comments
from reviews.services import matrix
from tests.factories import BlockFactory
from tests.reviews.test_matrix import submitted

pytestmark = pytest.mark.django_db

MARKDOWN = {
    3: "| Country | Pilots |\n|---|---|\n| Kenya | **2** |\n| Chile | 1 |",
    4: "> A box with a country example.\n>\n> Its second paragraph.",
    5: "- first point\n- second point\n    - nested point",
    6: "1. step one\n2. step two",
    7: "See [the Compact](https://www.un.org/gcm) and *this* `code`.\x0bNext line.",
}


@pytest.fixture
def document(review_round, section, reviewer_a, states):
    for position, text in MARKDOWN.items():
        BlockFactory(section=section, key=f"para{position:02}", position=position, text_en=text)
    submitted(review_round, section, reviewer_a, states["MA"], body="A comment.")
    content = matrix.matrix_docx(matrix_comments({"state": CommentState.SUBMITTED}), "en")
    return docx.Document(io.BytesIO(content))


def test_no_markdown_syntax_reaches_the_word_file(document):
    text = "\n".join(p.text for p in document.paragraphs)
    for syntax in ("|---", "| Kenya", "**", "> A box", "- first", "[the Compact]", "`code`"):
        assert syntax not in text


def test_a_markdown_table_is_a_word_table(document):
    guidance_table, comments_table = document.tables
    assert [[cell.text for cell in row.cells] for row in guidance_table.rows] == [
        ["Country", "Pilots"],
        ["Kenya", "2"],
        ["Chile", "1"],
    ]
    assert guidance_table.rows[0].cells[0].paragraphs[0].runs[0].bold is True
    assert guidance_table.rows[1].cells[1].paragraphs[0].runs[0].bold is True  # **2**
    assert comments_table.rows[1].cells[0].text.startswith("#")


def test_quotes_lists_and_inline_styles(document):
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Quote", "4. A box with a country example.") in paragraphs
    assert ("Quote", "Its second paragraph.") in paragraphs
    assert ("List Bullet", "5. first point") in paragraphs
    assert ("List Bullet", "second point") in paragraphs
    assert ("List Bullet 2", "nested point") in paragraphs
    assert [text for _style, text in paragraphs if "step" in text] == ["6. 1. step one", "2. step two"]
    linked = next(p for p in document.paragraphs if p.text.startswith("7."))
    assert linked.text == "7. See the Compact and this code.\nNext line."
    assert [link.url for link in linked.hyperlinks] == ["https://www.un.org/gcm"]
    assert [run.text for run in linked.runs if run.italic] == ["this"]
    assert [run.font.name for run in linked.runs if run.text == "code"] == ["Courier New"]


def test_plain_paragraphs_keep_their_number(document):
    texts = [p.text for p in document.paragraphs]
    assert "1. Regular pathways matter." in texts
    assert "2. Second paragraph." in texts
