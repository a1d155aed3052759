"""Hostile text in a real browser (docs/security.md, "Hostile text"): the HTML checks of
tests/security/test_hostile_input.py prove the markup is escaped; here chromium proves that
nothing runs — no dialog opens, the Content-Security-Policy reports no violation, and the
text is shown to the reader as the text that was written.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.services.attachments import attachment_add
from reviews.services.triage import triage_update
from tests.conftest import TOTP_SECRET
from tests.factories import PASSWORD
from tests.reviews.conftest import draft, submitted

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"
PAYLOADS = [
    "<script>alert('script')</script>",
    '"><img src=x onerror=alert("attribute")>',
    "<svg/onload=alert('svg')>",
    "[link](javascript:alert('markdown'))",
    "<iframe src=javascript:alert('frame')></iframe>",
    '=HYPERLINK("http://evil.example","formula")',
    "\u202eevil\u202c reversed",
]
HOSTILE = " ".join(PAYLOADS)

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || ''));
});
"""


@pytest.fixture
def hostile(review_round, section, states, moderator, reviewer_a):
    """Every free-text field of a delegation's draft and of a submitted, triaged comment, hostile."""
    mine = draft(review_round, section, reviewer_a, states["MA"], body=HOSTILE, proposed_change=HOSTILE, quote="")
    attachment_add(comment=mine, upload=SimpleUploadedFile("<img src=x onerror=alert(1)>.pdf", PDF), actor=reviewer_a)
    theirs = submitted(review_round, section, states["KE"], moderator, body=HOSTILE, proposed_change=HOSTILE)
    triage_update(
        comment=theirs, actor=moderator, lock_version=theirs.lock_version, disposition="noted", response=HOSTILE
    )
    theirs.refresh_from_db()
    return {"draft": mine, "submitted": theirs}


def watched(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH)
    return dialogs


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if page.locator("input[name=code]").count():
        page.locator("input[name=code]").fill(format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30)))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_load_state()


def visit(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for link in page.locator("main a[href^='javascript:']").all():
        raise AssertionError(f"a javascript: link on {url}: {link.get_attribute('href')}")
    return page.evaluate("window.__violations")


def test_a_reviewer_reads_hostile_text_as_text(page, live_server, hostile, reviewer_a, review_round):
    dialogs = watched(page)
    sign_in(page, live_server, reviewer_a)
    comment = hostile["draft"]
    urls = [
        f"/en/rounds/{review_round.pk}/booklet/objective-5/",
        f"/en/comments/{comment.pk}/edit/",
        "/en/my-review/",
        f"/en/rounds/{review_round.pk}/submit/",
    ]
    violations = {url: visit(page, live_server.url + url) for url in urls}
    assert {url: v for url, v in violations.items() if v} == {}
    page.goto(f"{live_server.url}/en/rounds/{review_round.pk}/booklet/objective-5/")
    assert "<script>alert('script')</script>" in page.locator("main").inner_text()
    assert dialogs == []


def test_a_moderator_triages_hostile_text_as_text(page, live_server, hostile, moderator, review_round):
    dialogs = watched(page)
    sign_in(page, live_server, moderator)
    comment = hostile["submitted"]
    urls = [
        "/en/triage/",
        "/en/triage/comments/",
        f"/en/triage/comments/{comment.pk}/",
        "/en/triage/queue/",
        f"/en/triage/rounds/{review_round.pk}/publish/",
    ]
    violations = {url: visit(page, live_server.url + url) for url in urls}
    assert {url: v for url, v in violations.items() if v} == {}
    page.goto(f"{live_server.url}/en/triage/comments/{comment.pk}/")
    assert '"><img src=x onerror=alert("attribute")>' in page.locator("main").inner_text()
    assert page.locator("main img[src=x], main svg[onload], main iframe").count() == 0
    assert dialogs == []
