"""In a real browser: the comment form says what it will save, and saves that (issue 12, item 1)."""

import pytest
from playwright.sync_api import expect

from reviews.models import Comment
from tests.e2e.test_review import OBJECTIVE_5, demo_round, select_passage, sign_in  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_passage_is_named_and_can_be_changed_back_to_the_whole_section(page, live_server, demo_round):  # noqa: F811
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(f"{live_server.url}/en/rounds/{demo_round.pk}/booklet/{OBJECTIVE_5}/")
    expect(page.locator("#comment-target")).to_have_text("On the whole section")
    expect(page.locator("#comment-target-choice")).to_be_hidden()

    select_passage(page, "Regular pathways")
    page.locator(".quote-button").click()
    expect(page.locator("#comment-target")).to_be_hidden()
    expect(page.locator("#comment-target-label")).to_have_text("The passage quoted below, in paragraph 1")
    expect(page.locator("#id_target_paragraph")).to_be_checked()
    expect(page.locator("#comment-quote")).to_have_text("Regular pathways")

    page.locator("#id_target_section").check()  # back to the whole section
    expect(page.locator("#comment-quote")).to_be_hidden()
    page.locator("#id_body").fill("On the whole section after all.")
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator(".notification--success")).to_be_visible()
    comment = Comment.objects.get(body="On the whole section after all.")
    assert (comment.block_key, comment.paragraph, comment.quote) == ("", None, "")


def test_a_paragraph_link_names_the_paragraph_and_saves_on_it(page, live_server, demo_round):  # noqa: F811
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(f"{live_server.url}/en/rounds/{demo_round.pk}/booklet/{OBJECTIVE_5}/")
    page.goto(live_server.url + page.locator(".block__comment").first.get_attribute("href"))  # the link, as followed
    expect(page.locator("#comment-target-label")).to_contain_text("Paragraph 1: “Regular pathways")
    expect(page.locator("#id_target_paragraph")).to_be_checked()
    page.locator("#id_body").fill("On the first paragraph.")
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator(".notification--success")).to_be_visible()
    assert Comment.objects.get(body="On the first paragraph.").paragraph == 1
