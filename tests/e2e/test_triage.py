"""The working group's triage in a real browser: heatmap → filtered list → bulk assignment → a drafter's
proposal → a moderator's approval → publication → the delegation reads the response, in French.

Each person has their own browser context (their own cookies), so the moderator signs in, with
two-factor authentication, once per test.
"""

import os
import re
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from reviews.models import Comment
from tests.conftest import TOTP_SECRET
from tests.factories import PASSWORD
from tests.reviews import conftest as reviews
from tests.reviews.conftest import submitted

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The document, its first section and the open round of the reviews tests.
version, section, review_round = reviews.version, reviews.section, reviews.review_round
objective_section, other_section = reviews.objective_section, reviews.other_section

# Set SCREENSHOTS_DIR to keep full-page screenshots of the triage pages (for a look at the layout).
SHOTS = os.environ.get("SCREENSHOTS_DIR")
DRAFTER_NAME = "Dana Drafter"
RESPONSE = "Merci : le texte mentionne désormais la migration circulaire."


@pytest.fixture
def corpus(review_round, objective_section, other_section, states, moderator):
    """Champion countries (Morocco, Mexico) on section 1 only; France and Kenya on both sections."""
    s1, s2 = objective_section, other_section
    return {
        "ma1": submitted(review_round, s1, states["MA"], moderator, body="Mention circular migration."),
        "ma2": submitted(review_round, s1, states["MA"], moderator, kind="editorial", body="A comma is missing."),
        "mx1": submitted(review_round, s1, states["MX"], moderator, language="es", body="Vías regulares."),
        "fr1": submitted(review_round, s1, states["FR"], moderator, body="Consular protection."),
        "ke1": submitted(review_round, s1, states["KE"], moderator, body="Skills partnerships."),
        "fr2": submitted(review_round, s2, states["FR"], moderator, body="Shorter sentences, please."),
        "ke2": submitted(review_round, s2, states["KE"], moderator, body="Remittances cost."),
    }


@pytest.fixture
def named_drafter(drafter):
    drafter.full_name = DRAFTER_NAME
    drafter.save(update_fields=["full_name"])
    return drafter


@pytest.fixture
def sign_in(browser, live_server):
    """Sign a user in, in a new browser context of their own (own cookies), through the TOTP step when asked."""
    contexts = []

    def open_page(user, language="en"):
        context = browser.new_context(bypass_csp=True)  # axe-core is injected as an inline script
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/accounts/login/")
        page.locator("input[name=login]").fill(user.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if page.locator("input[name=code]").count():
            code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
            page.locator("input[name=code]").fill(code)
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_load_state()
        expect(page.locator("input[name=password], input[name=code]")).to_have_count(0)
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"triage-{name}.png"), full_page=True)


def row_numbers(page) -> list[int]:
    """The comment numbers of the triage list's rows, top to bottom."""
    return [int(text) for text in page.locator(".triage-table tbody tr td:nth-child(2) > a").all_inner_texts()]


def success(page):
    return page.locator(".notification--success")


def test_heatmap_to_published_response_in_french(
    sign_in, live_server, review_round, objective_section, corpus, named_drafter, reviewer_a
):
    champions = [corpus["ma1"].pk, corpus["ma2"].pk, corpus["mx1"].pk]

    # The moderator opens the dashboard and follows section 1 × "Champion country".
    moderator = sign_in(review_round.created_by)
    moderator.goto(f"{live_server.url}/en/triage/?round={review_round.pk}")
    expect(moderator.locator("h1")).to_have_text("Triage dashboard")
    shot(moderator, "dashboard")
    heatmap = moderator.get_by_role("region", name="Sections and reviewer groups")
    heatmap.get_by_role("link", name="3 comments on section 1 from Champion country", exact=True).click()

    # The list holds exactly the champion countries' comments on section 1.
    expect(moderator.locator("h1")).to_have_text("Triage list")
    expect(moderator.get_by_role("status").locator("strong")).to_have_text("3 comments")
    expect(moderator.locator(".triage-table tbody tr")).to_have_count(3)
    assert row_numbers(moderator) == champions  # document order, then number
    expect(moderator.locator(".triage-table tbody")).not_to_contain_text("France")
    expect(moderator.locator(".triage-table tbody")).not_to_contain_text("Kenya")
    shot(moderator, "list")

    # Select them all and assign them to the drafter.
    moderator.get_by_label("Select every comment of this page").check()
    for pk in champions:
        expect(moderator.get_by_label(f"Select comment {pk}", exact=True)).to_be_checked()
    bulk = moderator.locator("#bulk-form")
    bulk.get_by_label("Action").select_option(label="Assign to")
    # Fails while the bulk form's fields share their ids with the filters' (id_assignee, …): the label names
    # the filter's "Assignee" select, outside this form, and the bulk one has no name.
    expect(bulk.get_by_label("Assignee")).to_be_visible()
    bulk.get_by_label("Assignee").select_option(label=DRAFTER_NAME)
    bulk.get_by_role("button", name="Apply", exact=True).click()
    expect(success(moderator)).to_have_text("3 comments changed.")
    expect(moderator.locator(".triage-table tbody")).to_contain_text(DRAFTER_NAME)
    assert set(Comment.objects.filter(assignee=named_drafter).values_list("pk", flat=True)) == set(champions)

    # The drafter (no two-factor authentication) works through their queue.
    drafter = sign_in(named_drafter)
    drafter.goto(f"{live_server.url}/en/triage/queue/")
    expect(drafter.get_by_role("status")).to_have_text("3 comments")
    first = champions[0]
    drafter.get_by_role("link", name=f"Propose a response (comment {first})").click()
    expect(drafter.locator("h1")).to_contain_text(f"Comment {first}")
    shot(drafter, "drafter-comment")
    drafter.get_by_label("Proposed disposition").select_option(label="Accepted")
    drafter.get_by_label("Proposed response to the delegation").fill(RESPONSE)
    drafter.get_by_role("button", name="Send the proposal").click()
    expect(success(drafter)).to_have_text("Your proposal was sent to the moderators.")
    expect(drafter).to_have_url(re.compile(r"/en/triage/queue/$"))
    expect(drafter.locator(".triage-table tbody tr").first).to_contain_text("Awaiting approval")

    # The moderator approves the proposal …
    moderator.goto(f"{live_server.url}/en/triage/comments/{first}/")
    proposal = moderator.locator(".panel").filter(has=moderator.get_by_role("heading", name="Proposal from a drafter"))
    expect(proposal).to_contain_text(f"By {DRAFTER_NAME}")
    expect(proposal.locator(".tag")).to_have_text("Accepted")
    expect(proposal).to_contain_text(RESPONSE)
    shot(moderator, "proposal")
    proposal.get_by_role("button", name="Approve the proposal").click()
    expect(success(moderator)).to_have_text("The proposal is now the disposition and response.")
    expect(moderator.locator("h1 .tag")).to_have_text("Accepted")
    expect(moderator.get_by_label("Response to the delegation")).to_have_value(RESPONSE)

    # … and publishes the decided responses of the round.
    moderator.goto(f"{live_server.url}/en/triage/?round={review_round.pk}")
    moderator.get_by_role("link", name="Publish responses").click()
    expect(moderator.locator("h1")).to_have_text("Publish responses")
    expect(moderator.locator("caption")).to_have_text("1 decided response not yet published")
    mail.outbox.clear()
    moderator.get_by_role("button", name="Publish and notify the delegations").click()
    expect(success(moderator)).to_contain_text("1 response published")
    expect(moderator).to_have_url(re.compile(rf"/en/triage/\?round={review_round.pk}$"))
    published = Comment.objects.get(pk=first)
    assert (published.published_disposition, published.published_response) == ("accepted", RESPONSE)
    assert [message.to for message in mail.outbox] == [[reviewer_a.email]]

    # Morocco's focal point reads the response under the comment, in French.
    reader = sign_in(reviewer_a, language="fr")
    reader.goto(f"{live_server.url}/fr/my-review/")
    expect(reader.locator("html")).to_have_attribute("lang", "fr")
    response = reader.locator(f"#comment-{first} .comment__response")
    expect(response).to_contain_text(RESPONSE)
    expect(reader.locator(".comment__response")).to_have_count(1)  # only the published one
    shot(reader, "my-review")
    # Fails until the French catalog translates the "disposition" context and is compiled.
    expect(response.locator(".tag")).to_have_text("Acceptée")


DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}"""


def test_triage_pages_pass_axe(sign_in, live_server, review_round, corpus, named_drafter, axe):
    comment = corpus["ma1"]
    comment.assignee = named_drafter
    comment.save()
    page = sign_in(review_round.created_by)
    violations, duplicate_ids = {}, {}
    for path in (
        f"/en/triage/?round={review_round.pk}",
        f"/en/triage/comments/?round={review_round.pk}",
        f"/en/triage/comments/{comment.pk}/?round={review_round.pk}",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        if found := axe(page):
            violations[path] = found
        # axe-core 4.x no longer checks this, but a <label for> then names the first control with that id only.
        if found := page.evaluate(DUPLICATE_IDS):
            duplicate_ids[path] = found
    shot(page, "comment")
    assert (violations, duplicate_ids) == ({}, {})


def test_j_and_k_move_through_the_filtered_list(sign_in, live_server, review_round, objective_section, corpus):
    champions = [corpus["ma1"].pk, corpus["ma2"].pk, corpus["mx1"].pk]
    query = f"round={review_round.pk}&section={objective_section.pk}&group=champion"
    page = sign_in(review_round.created_by)
    page.goto(f"{live_server.url}/en/triage/comments/{champions[0]}/?{query}")
    expect(page.locator("h1")).to_contain_text(f"Comment {champions[0]}")

    page.keyboard.press("j")
    expect(page).to_have_url(f"{live_server.url}/en/triage/comments/{champions[1]}/?{query}")  # same list
    expect(page.locator("h1")).to_contain_text(f"Comment {champions[1]}")
    page.keyboard.press("j")
    expect(page.locator("h1")).to_contain_text(f"Comment {champions[2]}")
    page.keyboard.press("k")
    expect(page.locator("h1")).to_contain_text(f"Comment {champions[1]}")

    # Typing in the form is typing, not navigating.
    page.get_by_label("Internal note").press("j")
    expect(page.get_by_label("Internal note")).to_have_value("j")
    expect(page.locator("h1")).to_contain_text(f"Comment {champions[1]}")
