"""In a real browser: the comment form says what it will save, and saves that (issue 12, item 1)."""

import pytest
from playwright.sync_api import expect

from champions.models import Delegation
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


def test_text_typed_into_a_comment_submitted_meanwhile_comes_back_and_becomes_a_new_draft(
    page,
    live_server,
    demo_round,  # noqa: F811
):
    import uuid

    from accounts.models import User
    from guidance.models import Section
    from reviews.services.comments import comment_create
    from reviews.services.submissions import submission_submit

    colleague = User.objects.get(email="contributor@example.org")
    focal = User.objects.get(email="reviewer@example.org")
    membership = colleague.memberships.get()
    section = Section.objects.filter(version__in=demo_round.versions.all(), anchor=OBJECTIVE_5).first()
    comment = comment_create(
        review_round=demo_round,
        section=section,
        author=colleague,
        delegation=Delegation(member_state=membership.member_state),
        kind="general",
        body="First version.",
        language="en",
    )
    sign_in(page, live_server, "contributor@example.org")
    page.goto(f"{live_server.url}/en/comments/{comment.pk}/edit/")
    page.locator("#id_body").fill("A much better version, typed while the focal point submitted.")
    # The focal point submits meanwhile; the colleague's tab is closed before they save.
    submission_submit(
        review_round=demo_round,
        delegation=Delegation(member_state=membership.member_state),
        actor=focal,
        token=uuid.uuid4(),
    )
    page.goto(f"{live_server.url}/en/comments/{comment.pk}/edit/")  # the address autosave kept the text under
    expect(page.locator("h1")).to_have_text("This comment was submitted meanwhile")
    expect(page.locator("#id_body")).to_have_value("A much better version, typed while the focal point submitted.")
    expect(page.locator("main")).to_contain_text("Your unsaved text was restored from this browser")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".notification--success")).to_contain_text("saved as a new draft")
    copy = Comment.objects.get(body="A much better version, typed while the focal point submitted.")
    assert (copy.state, copy.section_id, copy.author) == ("draft", section.pk, colleague)
