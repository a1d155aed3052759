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


def test_notes_of_a_block_are_numbered_and_their_ids_carry_the_block_key():
    html = str(render_markdown("Decided.[^1] Again.[^2]\n\n[^1]: Resolution 73/195.\n[^2]: Endnote.", "k3x9qa"))
    assert html == (
        '<p>Decided.<sup id="fnref-k3x9qa-1"><a class="footnote-ref" href="#fn-k3x9qa-1" '
        'rel="noopener noreferrer nofollow">1</a></sup> Again.<sup id="fnref-k3x9qa-2"><a class="footnote-ref" '
        'href="#fn-k3x9qa-2" rel="noopener noreferrer nofollow">2</a></sup></p>\n<div class="footnote">\n<hr>\n<ol>\n'
        '<li id="fn-k3x9qa-1">\n<p>Resolution 73/195.&nbsp;<a class="footnote-backref" href="#fnref-k3x9qa-1" title="" '
        'rel="noopener noreferrer nofollow">↩</a></p>\n</li>\n<li id="fn-k3x9qa-2">\n<p>Endnote.&nbsp;'
        '<a class="footnote-backref" href="#fnref-k3x9qa-2" title="" rel="noopener noreferrer nofollow">↩</a></p>\n'
        "</li>\n</ol>\n</div>"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            f"![A map](/guidance-images/{'a' * 64}.png)",
            f'<p><img alt="A map" src="/guidance-images/{"a" * 64}.png"></p>',
        ),
        ("![A pixel](https://tracker.example/p.png)", "<p></p>"),
        ("![A pixel](//tracker.example/guidance-images/p.png)", "<p></p>"),
        ('<img src="/guidance-images/x.png" onerror="alert(1)">', '<p><img src="/guidance-images/x.png"></p>'),
    ],
)
def test_images_are_shown_only_from_the_guidance_store(source, expected):
    assert str(render_markdown(source)) == expected
