"""Guidance text in the Word matrix is written as Word structures (tables, quotes, lists), not raw Markdown."""

import io

import docx
import pytest

from reviews.enums import CommentState
from reviews.selectors.matrix import matrix_comments
from reviews.services import matrix
from tests.factories import BlockFactory
from tests.reviews.services.test_matrix import submitted

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


def png() -> bytes:
    """A real 2×2 PNG (Pillow is not needed: the bytes of a minimal image)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_images_of_the_guidance_are_in_the_word_file_or_named_by_their_text(review_round, section, reviewer_a, states):
    from guidance.services.images import image_name, image_url, images_store

    name = image_name(png(), "png")
    images_store(images={name: png()})
    BlockFactory(section=section, key="para08", position=8, text_en=f"A map: ![Pilot countries]({image_url(name)})")
    BlockFactory(
        section=section, key="para09", position=9, text_en="Lost: ![Routes](/guidance-images/" + "f" * 64 + ".png)"
    )
    submitted(review_round, section, reviewer_a, states["MA"], body="A comment.")
    document = docx.Document(io.BytesIO(matrix.matrix_docx(matrix_comments({"state": CommentState.SUBMITTED}), "en")))
    assert len(document.inline_shapes) == 1  # the stored image, embedded
    text = "\n".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "[Image: Routes]" in text  # the one not in the store: its text, never nothing
