import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_reader_in_french_side_by_side_with_spanish(page, live_server, demo, french_reviewer):
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("h1")).to_have_text("Guidance for implementing the Global Compact for Migration")

    # Signing in applies the reviewer's preferred language (French).
    page.get_by_role("link", name="Sign in").first.click()
    sign_in(page, live_server, french_reviewer)
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # The switcher keeps the reader on the same page, in the other language.
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))

    # Booklet → table of contents → Objective 5.
    page.locator(".panel").get_by_role("link", name="Livret sur les 23 objectifs").click()
    expect(page.locator("h1")).to_contain_text("Livret sur les 23 objectifs")
    page.locator(".toc").get_by_role("link", name=re.compile(r"^\s*6\s+Objectif 5 :")).click()
    expect(page.locator("h1")).to_contain_text("Objectif 5 :")

    # Side by side with Spanish.
    page.get_by_label("Lire côte à côte avec").select_option("es")
    page.get_by_role("button", name="Comparer").click()
    expect(page.locator("table.compare td[lang=es]").first).to_be_visible()
    expect(page.locator("table.compare td[lang=fr]").first).to_be_visible()
    expect(page.locator("table.compare thead")).to_contain_text("Espagnol")  # the language named in the reader's

    # Next section, still side by side.
    page.get_by_role("link", name=re.compile("Section suivante")).click()
    expect(page.locator("h1")).to_contain_text("6.1")
    expect(page.locator("table.compare td[lang=es]").first).to_be_visible()


def test_main_reader_pages_pass_axe(browser, live_server, demo, french_reviewer, axe):
    # axe-core is injected as an inline script, which our Content-Security-Policy rightly blocks.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server, french_reviewer)
    for path in (
        "/fr/",
        "/fr/documents/",
        "/fr/documents/booklet/draft-1/",
        "/fr/documents/booklet/draft-1/objective-5-enhance-availability-and-flexibility-of-pathways/",
        "/fr/documents/booklet/draft-1/search/?q=migrants",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe(page) == [], path
    context.close()


def test_reader_is_usable_at_200_percent_zoom(page, live_server, demo, french_reviewer):
    """At 640 px wide (1280 px at 200%), the text column is not squeezed and nothing scrolls sideways."""
    sign_in(page, live_server, french_reviewer)
    page.set_viewport_size({"width": 640, "height": 900})
    page.goto(f"{live_server.url}/fr/documents/guide/draft-1/")
    with page.expect_navigation():
        page.locator(".toc a").nth(1).click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    text_width = page.locator(".reader__text").bounding_box()["width"]
    assert text_width > 500
