"""Keyboard and drafts on a section page, in a real browser (Debian's chromium), on the demo data.

The comment box is a few Tab presses from the top of the page, every control stays reachable
in order; text typed and not saved survives a change of language, and the language switcher
keeps the paragraph the reader was on (docs/design.md, "Keyboard and focus").
"""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import ReviewRound
from tests.e2e.test_focus import focused, section_url, shot
from tests.e2e.test_review import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_round(transactional_db):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    return ReviewRound.objects.get()


def test_the_comment_box_is_a_few_tab_presses_from_the_top(page, live_server, demo_round):
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(section_url(live_server, demo_round))
    shot(page, "fr", full_page=True)
    names = []
    for _ in range(3):
        page.keyboard.press("Tab")
        names.append(focused(page)["text"])
    assert names == ["Aller au contenu principal", "Aller au texte de la section", "Commenter cette section"] or (
        # The catalogs may not have the new strings yet: the English ones then show.
        names == ["Aller au contenu principal", "Skip to the text of the section", "Comment on this section"]
    ), names
    page.keyboard.press("Enter")
    presses = 0
    while focused(page)["id"] != "id_body" and presses < 10:
        page.keyboard.press("Tab")
        presses += 1
    assert focused(page)["id"] == "id_body"
    assert 3 + 1 + presses <= 6, presses  # three Tabs, Enter, then the form's own controls

    # The skip link to the text passes the contents: the next Tab is in the text.
    page.goto(section_url(live_server, demo_round))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    landed = page.evaluate("document.activeElement.closest('.reader__text') !== null")
    assert landed, focused(page)


KEY = """(e) => e.type === 'radio' ? 'radio:' + e.name
    : e.tagName + '|' + (e.id || '') + '|' + (e.getAttribute('href') || e.name || e.textContent.trim().slice(0, 40))"""


def test_every_control_of_the_section_page_stays_reachable_in_order(page, live_server, demo_round):
    """Tab walks the whole page in document order and reaches every control once (the skip links add, never hide)."""
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(section_url(live_server, demo_round))
    expected = page.evaluate(
        f"""() => {{
            const key = {KEY};
            const out = [];
            const query = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
            for (const e of document.querySelectorAll(query)) {{
                if (e.disabled || e.tabIndex < 0 || !e.getClientRects().length) continue;
                if (e.closest('details:not([open])') && e.tagName !== 'SUMMARY') continue;
                const k = key(e);
                if (k.startsWith('radio:') && out.includes(k)) continue;  // a radio group is one stop
                out.push(k);
            }}
            return out;
        }}"""
    )
    walked = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        k = page.evaluate(f"() => document.activeElement === document.body ? null : ({KEY})(document.activeElement)")
        if k is None or (walked and k == walked[0]):
            break
        walked.append(k)
    assert len(expected) > 100  # the header, the contents, every paragraph's links, the form
    assert walked == expected


def test_unsaved_comment_survives_a_change_of_language(page, live_server, demo_round):
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(section_url(live_server, demo_round, "fr"))
    page.locator("#id_body").fill("Texte non enregistré : préciser les filières.")
    page.locator(".language-switcher a[hreflang=es]").click()
    expect(page).to_have_url(re.compile(r"/es/rounds/"))
    expect(page.locator("#id_body")).to_have_value("Texte non enregistré : préciser les filières.")
    page.locator(".language-switcher a[hreflang=en]").click()
    expect(page).to_have_url(re.compile(r"/en/rounds/"))
    expect(page.locator("#id_body")).to_have_value("Texte non enregistré : préciser les filières.")


def test_language_switcher_keeps_the_paragraph(page, live_server, demo_round):
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(section_url(live_server, demo_round, "fr"))
    block = page.locator(".section-body .block").last
    html_id = block.get_attribute("id")
    block.locator(".block__anchor").click()
    expect(page).to_have_url(re.compile(f"#{html_id}$"))
    page.locator(".language-switcher a[hreflang=es]").click()
    expect(page).to_have_url(re.compile(rf"/es/rounds/.*#{html_id}$"))
    assert page.evaluate("document.activeElement.id") == html_id
