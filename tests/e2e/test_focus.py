"""Focus on a section page, in a real browser (Debian's chromium), on the demo data.

Focus is shown on the element that has it and nowhere else: a click in the text never paints
the reading area; the keyboard always shows a ring (docs/design.md, "Keyboard and focus").
"""

import os
from pathlib import Path

import pytest

from reviews.models import ReviewRound
from tests.e2e.test_review import OBJECTIVE_5, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Set SCREENSHOTS_DIR to keep screenshots of the section page (for a look at focus and layout).
SHOTS = os.environ.get("SCREENSHOTS_DIR")
NO_COLOUR = "rgba(0, 0, 0, 0)"
FOCUS_COLOUR = "rgb(255, 191, 71)"  # --focus


@pytest.fixture
def demo_round(transactional_db):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    return ReviewRound.objects.get()


def shot(page, name, full_page=False):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"section-{name}.png"), full_page=full_page)


def section_url(live_server, demo_round, language="fr"):
    return f"{live_server.url}/{language}/rounds/{demo_round.pk}/booklet/{OBJECTIVE_5}/"


def style(page, selector: str) -> dict:
    return page.evaluate(
        """(selector) => {
            const s = getComputedStyle(document.querySelector(selector));
            return {outline: s.outlineStyle, outlineColor: s.outlineColor, background: s.backgroundColor,
                    shadow: s.boxShadow};
        }""",
        selector,
    )


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const s = getComputedStyle(e);
            return {tag: e.tagName, id: e.id, text: (e.textContent || '').trim().slice(0, 60),
                    outline: s.outlineStyle, outlineColor: s.outlineColor};
        }"""
    )


def test_clicking_in_the_text_does_not_flood_the_reading_area(page, live_server, demo_round):
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(section_url(live_server, demo_round))
    page.locator(".section-body .block__content p").first.click()
    assert page.evaluate("document.activeElement.id") == "main"  # main (tabindex=-1) takes the click
    assert style(page, "main") == {
        "outline": "none",
        "outlineColor": style(page, "main")["outlineColor"],
        "background": NO_COLOUR,
        "shadow": "none",
    }
    shot(page, "fr-clicked")

    # A paragraph reached by its link is focused by script: marked as the target, not flooded.
    first = page.locator(".section-body .block").first
    first.locator(".block__anchor").click()
    # The script focuses it on the hash change, a moment after the click: wait for it, do not race it.
    page.wait_for_function("document.activeElement.classList.contains('block')", timeout=5000)
    assert style(page, ".section-body .block:focus")["outline"] == "none"
    assert style(page, ".section-body .block:focus")["background"] != FOCUS_COLOUR

    # The keyboard shows a ring on the control that has focus.
    page.keyboard.press("Tab")
    ring = focused(page)
    assert ring["tag"] in ("A", "BUTTON", "INPUT", "TEXTAREA", "SELECT", "SUMMARY"), ring
    assert (ring["outline"], ring["outlineColor"]) == ("solid", FOCUS_COLOUR), ring
    shot(page, "fr-keyboard")


def test_section_page_with_focus_and_skip_links_passes_axe(browser, live_server, demo_round, axe):
    context = browser.new_context(bypass_csp=True)  # axe-core is injected as an inline script
    page = context.new_page()
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(section_url(live_server, demo_round))
    for _ in range(3):  # the last skip link shown, with its focus style
        page.keyboard.press("Tab")
    shot(page, "fr-skip-link")
    assert axe(page) == []
    context.close()


def test_a_scrolling_region_gets_a_ring_not_a_fill(page, live_server, demo_round):
    """The side-by-side table scrolls in a focusable region: a click in it paints nothing, Tab rings it."""
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(f"{live_server.url}/fr/documents/booklet/draft-1/{OBJECTIVE_5}/compare/?other=es")
    page.locator("table.compare td[lang=es]").first.click()
    assert page.evaluate("document.activeElement.classList.contains('table-scroll')")
    assert style(page, ".table-scroll")["outline"] == "none"
    assert style(page, ".table-scroll")["background"] == NO_COLOUR
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('table-scroll')")
    ring = style(page, ".table-scroll")
    assert (ring["outline"], ring["outlineColor"], ring["background"]) == ("solid", FOCUS_COLOUR, NO_COLOUR)
    shot(page, "fr-compare-region")
