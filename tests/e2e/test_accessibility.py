"""WCAG 2.1 A/AA checks (axe-core) on the main pages of every role, in a real browser."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from reviews.models import ReviewRound

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def seeded(transactional_db):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    return ReviewRound.objects.get()


def programme_objects() -> dict:
    """A pilot of Morocco, a practice under review and a published one, from the demo data."""
    from champions.models import Pilot, Practice

    return {
        "pilot": Pilot.objects.filter(member_state__country="MA").order_by("pk").first().pk,
        "practice": Practice.objects.exclude(status="published").order_by("pk").first().pk,
        "published": Practice.objects.filter(status="published").order_by("pk").first().pk,
    }


def signed_in_page(browser, live_server, email):
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("demo-review-2026")
    page.locator("main form button[type=submit]").click()
    if page.locator("input[name=code]").count():
        page.locator("input[name=code]").fill(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30)))
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            "reviewer@example.org",
            [
                "/fr/my-review/",
                "/fr/rounds/{round}/",
                "/fr/rounds/{round}/booklet/",
                "/fr/rounds/{round}/booklet/possible-actions-5/",
                "/fr/rounds/{round}/submit/",
                "/fr/rounds/{round}/upload/",
                "/fr/rounds/{round}/survey/booklet/",
                "/fr/profile/",
            ],
        ),
        (
            "admin@example.org",
            [
                "/en/champions/",
                "/en/champions/ma/",
                "/en/delegations/",
                "/en/invitations/",
                "/en/invitations/bulk/",
                "/en/rounds/",
                "/en/rounds/new/",
                "/en/rounds/{round}/feedback/",
            ],
        ),
        (
            "moderator@example.org",
            [
                "/en/programme/",
                "/en/programme/?status=in_progress",
                "/en/programme/activities/",
                "/en/programme/practices/",
                "/en/programme/practices/{practice}/",
                "/en/programme/pilots/{pilot}/",
                "/en/programme/ma/",
            ],
        ),
        (
            "reviewer@example.org",
            [
                "/fr/programme/ma/",
                "/fr/programme/pilots/{pilot}/",
                "/fr/programme/pilots/{pilot}/edit/",
                "/fr/programme/ma/pilots/new/",
                "/fr/programme/ma/practices/new/",
                "/es/practices/",
                "/es/practices/{published}/",
            ],
        ),
    ],
)
def test_pages_pass_axe(browser, live_server, seeded, axe, email, paths):
    page = signed_in_page(browser, live_server, email)
    for path in paths:
        response = page.goto(f"{live_server.url}{path.format(round=seeded.pk, **programme_objects())}")
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert axe(page) == [], path
    page.context.close()
