"""Accounts, tried as an attacker would (docs/security.md, "Accounts"): sessions renewed and ended,
codes and links that work once, through the real sign-in pages.

Enumeration and brute-force limits are in tests/accounts/; the second factor's rule in
tests/accounts/test_second_factor.py.
"""

import re
import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.test import Client

from tests.accounts.test_second_factor import code, is_signed_in_as, sign_in
from tests.conftest import with_mfa
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "An0ther-long-passphrase!"


@pytest.fixture
def member(db):
    return UserFactory(email="focal.point@example.org")


@pytest.fixture
def secretary(db):
    return with_mfa(UserFactory(email="secretary@example.org", is_staff=True, is_superuser=True))


def test_the_session_key_changes_at_sign_in(client, member):
    client.get("/en/accounts/login/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, member.email)
    assert is_signed_in_as(client, member)
    assert client.session.session_key != before  # a key planted before sign-in is worth nothing after


def test_signing_out_ends_the_session_on_the_server(client, member):
    sign_in(client, member.email)
    stolen = client.cookies["sessionid"].value
    client.post("/en/accounts/logout/")
    thief = Client()
    thief.cookies["sessionid"] = stolen
    assert thief.get("/en/profile/").status_code == 302  # to the sign-in page


def test_a_password_change_signs_out_the_other_sessions(client, member):
    other = Client()
    sign_in(other, member.email)
    sign_in(client, member.email)
    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/en/profile/").status_code == 200  # this session continues
    assert other.get("/en/profile/").status_code == 302  # the other one is over


def test_a_totp_code_is_accepted_once(client, secretary):
    used = code()
    sign_in(client, secretary.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": used})
    assert is_signed_in_as(client, secretary)
    client.post("/en/accounts/logout/")
    sign_in(client, secretary.email)
    page = client.post("/en/accounts/2fa/authenticate/", {"code": used})
    assert page.status_code == 200 and not is_signed_in_as(client, secretary)  # replayed: refused


def test_a_recovery_code_is_accepted_once(client, secretary):
    recovery = RecoveryCodes.activate(secretary)
    spare = recovery.get_unused_codes()[0]
    sign_in(client, secretary.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": spare})
    assert is_signed_in_as(client, secretary)
    client.post("/en/accounts/logout/")
    sign_in(client, secretary.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": spare})
    assert not is_signed_in_as(client, secretary)


def reset_link(client, email) -> str:
    client.post("/en/accounts/password/reset/", {"email": email})
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/\S+/password/reset/key/\S+/)", message.body).group(1)


def test_a_password_reset_link_works_once(client, member):
    link = reset_link(client, member.email)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    page = form.redirect_chain[-1][0] if form.redirect_chain else link
    done = client.post(page, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    again = Client().get(link, follow=True)
    assert "password1" not in again.content.decode()  # "bad token": the form is not offered again
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_a_password_reset_does_not_sign_in_and_a_working_group_account_still_needs_its_code(client, secretary):
    link = reset_link(client, secretary.email)
    page = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(page, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not is_signed_in_as(client, secretary)
    sign_in(client, secretary.email, NEW_PASSWORD)
    assert not is_signed_in_as(client, secretary)  # the new password alone opens nothing
    assert client.get("/en/admin/").status_code == 302


def test_a_login_code_works_once(client, member):
    client.post("/en/accounts/login/code/", {"email": member.email})
    (message,) = mail.outbox
    login_code = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", message.body).group()
    client.post("/en/accounts/login/code/confirm/", {"code": login_code})
    assert is_signed_in_as(client, member)
    client.post("/en/accounts/logout/")
    response = client.post("/en/accounts/login/code/confirm/", {"code": login_code})
    assert not is_signed_in_as(client, member)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(("step", "accepted"), [(-1, True), (1, True), (-2, False), (3, False)])
def test_a_code_of_the_next_or_previous_step_is_accepted_and_no_further(client, secretary, step, accepted):
    """One 30-second step either way (a phone's clock, the time it takes to type); not more."""
    while time.time() % 30 > 25:  # not at a step's end: the code must be checked in the step it was made for
        time.sleep(0.5)
    sign_in(client, secretary.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": code(step=step)})
    assert is_signed_in_as(client, secretary) is accepted
