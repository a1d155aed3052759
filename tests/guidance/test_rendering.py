import pytest

from guidance.rendering import render_markdown


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<script>alert(1)</script>Text", "<p>Text</p>"),
        ("[link](javascript:alert(1))", '<p><a rel="noopener noreferrer nofollow">link</a></p>'),
        (
            '<a href="https://example.org" onclick="x()">ok</a>',
            '<p><a href="https://example.org" rel="noopener noreferrer nofollow">ok</a></p>',
        ),
        ("<iframe src='https://evil.example'></iframe>", ""),
        ('<img src="x" onerror="alert(1)">', "<p></p>"),
        ("**bold** and *italic*", "<p><strong>bold</strong> and <em>italic</em></p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ('=HYPERLINK("x")', '<p>=HYPERLINK("x")</p>'),
    ],
)
def test_markdown_is_rendered_and_sanitised(source, expected):
    assert str(render_markdown(source)) == expected


def test_huge_text_renders_without_error():
    html = str(render_markdown("word " * 100_000))
    assert html.startswith("<p>word word")
