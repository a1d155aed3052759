"""The comment form says what it will save (issue 12, item 1).

On a paragraph's comment link (``?block=<key>``) or a passage, the form names the paragraph
with its first words (or quotes the passage) and offers the whole section instead; the
comment saved is the one the form described.
"""

import pytest

from reviews.models import Comment

pytestmark = pytest.mark.django_db

URL = "/en/rounds/{pk}/booklet/objective-5/"


def form_html(page: str) -> str:
    return page[page.index('id="comment-form"') : page.index("</form>", page.index('id="comment-form"'))]


def test_a_paragraph_link_shows_the_paragraph_and_its_first_words(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    form = form_html(client.get(URL.format(pk=review_round.pk) + "?block=para02").content.decode())
    assert "Paragraph 2: “Second paragraph.”" in form
    assert '<p class="comment-form__target" id="comment-target" hidden>' in form  # not "On the whole section"
    assert 'id="comment-target-choice">' in form  # the choice is shown
    assert 'value="paragraph" id="id_target_paragraph" checked' in form
    assert '<label for="id_target_section">The whole section</label>' in form
    assert 'name="block_key" value="para02"' in form


def test_without_a_paragraph_the_form_says_the_whole_section(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    form = form_html(client.get(URL.format(pk=review_round.pk)).content.decode())
    assert '<p class="comment-form__target" id="comment-target">On the whole section</p>' in form
    assert 'id="comment-target-choice" hidden>' in form


def test_an_unknown_paragraph_key_falls_back_to_the_whole_section_and_says_so(
    client, review_round, section, reviewer_a
):
    client.force_login(reviewer_a)
    form = form_html(client.get(URL.format(pk=review_round.pk) + "?block=nope").content.decode())
    assert '<p class="comment-form__target" id="comment-target">On the whole section</p>' in form


def post(client, review_round, **extra):
    data = {"kind": "general", "body": "On target", "proposed_change": "", "language": "en", **extra}
    return client.post(URL.format(pk=review_round.pk), data)


@pytest.mark.parametrize(
    ("extra", "saved"),
    [
        ({"block_key": "para02", "target": "paragraph"}, ("para02", 2, "")),
        ({"block_key": "para02"}, ("para02", 2, "")),  # a form without the choice keeps the paragraph
        ({"block_key": "para02", "target": "section"}, ("", None, "")),
        (
            {"block_key": "para01", "quote": "Regular pathways", "target": "paragraph"},
            ("para01", 1, "Regular pathways"),
        ),
        ({"block_key": "para01", "quote": "Regular pathways", "target": "section"}, ("", None, "")),
        ({}, ("", None, "")),
    ],
)
def test_the_saved_comment_is_on_the_target_the_form_showed(client, review_round, section, reviewer_a, extra, saved):
    client.force_login(reviewer_a)
    assert post(client, review_round, **extra).status_code == 302
    comment = Comment.objects.get()
    assert (comment.block_key, comment.paragraph, comment.quote) == saved


def test_a_passage_sent_back_with_an_error_is_still_described_and_quoted(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    response = post(client, review_round, body="", block_key="para01", quote="Regular pathways", target="paragraph")
    form = form_html(response.content.decode())
    assert "The passage quoted below, in paragraph 1" in form
    assert '<blockquote class="comment__quote" id="comment-quote">Regular pathways</blockquote>' in form
    assert Comment.objects.count() == 0


def test_the_whole_section_choice_survives_an_error(client, review_round, section, reviewer_a):
    client.force_login(reviewer_a)
    form = form_html(post(client, review_round, body="", block_key="para02", target="section").content.decode())
    assert 'value="section" id="id_target_section" checked' in form
