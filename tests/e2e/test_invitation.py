import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from champions.models import MemberState
from tests.conftest import TOTP_SECRET, with_mfa
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def totp_code() -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def test_admin_invites_a_french_speaking_focal_point_who_accepts(page, live_server, settings, transactional_db):
    from champions.services.reference import member_states_load_reference

    settings.SITE_URL = live_server.url
    member_states_load_reference()
    MemberState.objects.filter(country="SN").update(is_champion=True)
    admin = with_mfa(UserFactory(email="secretariat@example.org", is_staff=True, is_superuser=True))

    # The admin signs in with a password and a two-factor code.
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_label(re.compile("Authenticator code|Code", re.I)).fill(totp_code())
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/en/$"))

    # Champions → Senegal → invite a focal point, in French.
    page.get_by_role("link", name="Champions", exact=True).click()
    page.get_by_role("link", name="Senegal").click()
    invite = page.locator("form", has=page.get_by_role("button", name="Send the invitation"))
    invite.get_by_label("Email address").fill("point.focal@example.sn")
    invite.get_by_label("Role").select_option("focal_point")
    invite.get_by_label("Language").select_option("fr")
    invite.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".notification--success")).to_contain_text("Invitation sent to point.focal@example.sn")

    # The invitee opens the link from the email (in French) in a fresh browser session.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Sénégal" in message.subject
    link = re.search(r"https?://\S+/fr/invitations/accept/\S+/", message.body).group(0)
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_contain_text("Accepter votre invitation")
    page.get_by_label("Nom complet").fill("Awa Diop")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Créer le compte")).click()

    # Lands on the French home page showing the delegation.
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator(".delegation-banner")).to_contain_text("Sénégal")
    expect(page.locator(".delegation-banner")).to_contain_text("Point focal")
