"""The review flows in a real browser (Debian's chromium), on the demo data."""

import datetime
import io
import os
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from reviews.models import Comment, ReviewRound, Submission

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-review-2026"
SHOTS = os.environ.get("SCREENSHOTS_DIR")
OBJECTIVE_5 = "objective-5-enhance-availability-and-flexibility-of-pathways"


def sign_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def select_passage(page, text: str):
    """Select ``text`` inside the first paragraph, as a mouse would, and release the button."""
    page.evaluate(
        """(text) => {
            const block = document.querySelector('.section-body .block .block__content p');
            const node = block.firstChild;
            const start = node.textContent.indexOf(text);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + text.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        text,
    )


@pytest.fixture
def demo_round(transactional_db):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    return ReviewRound.objects.get()


def test_focal_point_comments_on_a_passage_colleague_edits_focal_point_submits(page, live_server, demo_round):
    sign_in(page, live_server, "reviewer@example.org")  # French-speaking focal point of Morocco
    expect(page).to_have_url(re.compile(r"/fr/$"))
    page.goto(f"{live_server.url}/fr/rounds/{demo_round.pk}/booklet/{OBJECTIVE_5}/")
    expect(page.locator("h1")).to_contain_text("Objectif 5")

    select_passage(page, "Les filières régulières")
    page.locator(".quote-button").click()
    expect(page.locator("#comment-quote")).to_have_text("Les filières régulières")
    page.locator("input[name=kind][value=technical]").check()
    page.locator("#id_body").fill("Préciser que les filières régulières incluent la migration circulaire.")
    expect(page.locator("#id_body-count")).to_contain_text("4")
    page.locator("#id_proposed_change").fill("Les filières régulières, y compris circulaires,")
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator(".comment--draft").first).to_contain_text("migration circulaire")
    comment = Comment.objects.get(body__startswith="Préciser")
    assert (comment.quote, comment.kind, comment.language) == ("Les filières régulières", "technical", "fr")

    # A colleague of the delegation improves the draft.
    sign_in(page, live_server, "contributor@example.org")
    page.goto(f"{live_server.url}/fr/comments/{comment.pk}/edit/")
    page.locator("#id_body").fill(
        "Préciser que les filières régulières incluent la migration circulaire et saisonnière."
    )
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".notification--success")).to_be_visible()

    # The focal point reviews everything and submits.
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(f"{live_server.url}/fr/my-review/")
    page.locator(f"a[href*='/rounds/{demo_round.pk}/submit/']").first.click()
    expect(page.locator("main")).to_contain_text("saisonnière")
    page.locator("main form button[type=submit]").click()
    submission = Submission.objects.get()
    expect(page.locator(".panel-confirmation")).to_contain_text(submission.reference)
    assert Comment.objects.filter(submission=submission).count() == 3  # with the two demo drafts


def test_offline_template_round_trip(page, live_server, demo_round, tmp_path):
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(f"{live_server.url}/fr/rounds/{demo_round.pk}/upload/")
    with page.expect_download() as download_info:
        page.locator(f"a[href$='/rounds/{demo_round.pk}/template.xlsx']").first.click()
    path = tmp_path / "modele.xlsx"
    download_info.value.save_as(path)
    workbook = load_workbook(path)
    codes = [row[0].value for row in workbook.worksheets[2].iter_rows(min_row=2)]
    assert "booklet:6.2" in codes
    workbook.worksheets[0].append(["booklet:6.2", 1, "Technique", "Commentaire rédigé hors ligne.", "Texte proposé"])
    workbook.worksheets[0].append(["booklet:99", None, "Général", "Section inconnue.", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    (tmp_path / "rempli.xlsx").write_bytes(buffer.getvalue())

    page.locator("input[type=file]").set_input_files(str(tmp_path / "rempli.xlsx"))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("table .row--error")).to_have_count(1)
    expect(page.locator("table")).to_contain_text("booklet:99")
    if SHOTS:  # SCREENSHOTS_DIR: keep the preview of the staged upload, for a look at the layout
        page.screenshot(path=f"{SHOTS}/offline-preview.png", full_page=True)
    page.locator("form[action$='/upload/confirm/'] button").click()
    expect(page.locator(".notification--success")).to_be_visible()
    comment = Comment.objects.get(body="Commentaire rédigé hors ligne.")
    assert (comment.source, comment.state, comment.section.number) == ("offline", "draft", "6.2")


def test_a_closed_round_refuses_a_comment_and_keeps_the_text(page, live_server, demo_round):
    sign_in(page, live_server, "reviewer@example.org")
    page.goto(f"{live_server.url}/fr/rounds/{demo_round.pk}/booklet/{OBJECTIVE_5}/")
    text = "Un commentaire rédigé avec soin, juste avant l’échéance."
    page.locator("#id_body").fill(text)
    # The deadline passes while the reviewer is writing.
    ReviewRound.objects.filter(pk=demo_round.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_body")).to_have_value(text)
    assert not Comment.objects.filter(body=text).exists()


def test_unsaved_text_survives_a_closed_tab(page, live_server, demo_round):
    sign_in(page, live_server, "reviewer@example.org")
    url = f"{live_server.url}/fr/rounds/{demo_round.pk}/booklet/{OBJECTIVE_5}/"
    page.goto(url)
    page.locator("#id_body").fill("Texte en cours de rédaction")
    page.locator("#id_body").dispatch_event("input")
    page.goto("about:blank")  # the tab is closed or the session expires
    page.goto(url)
    expect(page.locator("#id_body")).to_have_value("Texte en cours de rédaction")
    expect(page.locator("#comment-form [role=status]")).to_be_visible()
