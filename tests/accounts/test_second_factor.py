"""Two-factor authentication for the working group, through the real sign-in (docs/security.md).

The rule is in one place (accounts.middleware.MFARequiredMiddleware) and reads how the
*session* was authenticated. tests/security/test_routes.py walks every URL pattern with it.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils.http import urlencode

from accounts.roles import DRAFTERS, MODERATORS
from tests.conftest import TOTP_SECRET, with_mfa
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


def code(secret: str = TOTP_SECRET, step: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


def is_signed_in_as(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


@pytest.fixture
def secretary(db):
    return with_mfa(UserFactory(email="boss@example.org", is_staff=True, is_superuser=True))


def test_admin_login_page_sends_to_the_sign_in_with_its_second_factor(client, secretary):
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Fadmin%2F"


def test_a_password_posted_to_the_admin_login_opens_nothing(client, secretary):
    response = client.post("/en/admin/login/", {"username": secretary.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/en/admin/")["Location"].startswith("/en/admin/login/")


def test_the_admin_opens_only_after_the_second_factor(client, secretary):
    response = sign_in(client, secretary.email)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in
    assert client.get("/en/admin/")["Location"].startswith("/en/admin/login/")
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code()})
    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200


def test_wrong_passwords_against_the_admin_are_throttled(client, secretary):
    for n in range(15):
        client.post("/en/admin/login/", {"username": secretary.email, "password": f"wrong-{n}"})
    # The admin's own form never checked them: the throttled sign-in is allauth's, shared by both.
    for n in range(6):
        page = sign_in(client, secretary.email, f"wrong-{n}").content.decode()
    assert "Too many failed login attempts. Try again later." in page
    assert sign_in(client, secretary.email).status_code == 200  # even the right password waits
    assert "_auth_user_id" not in client.session


def test_wrong_second_factor_codes_are_throttled(client, secretary):
    sign_in(client, secretary.email)
    for _ in range(6):
        page = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"}).content.decode()
    assert "Too many failed login attempts. Try again later." in page
    client.post("/en/accounts/2fa/authenticate/", {"code": code()})
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("group", "page"), [(MODERATORS, "/en/triage/?round=1"), (DRAFTERS, "/en/triage/queue/?page=1")]
)
def test_a_password_only_session_of_the_working_group_must_verify_a_code(client, states, group, page):
    user = with_mfa(UserFactory(email="wg@example.org"))
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    client.force_login(user, second_factor=False)  # e.g. a login code or an invitation opened it
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/reauthenticate/?" + urlencode({"next": page})
    # A POST does nothing and is sent to the same place.
    response = client.post("/en/triage/comments/", {"action": "assign"})
    assert response["Location"].startswith("/en/accounts/2fa/reauthenticate/")
    response = client.post("/en/accounts/2fa/reauthenticate/?" + urlencode({"next": page}), {"code": code()})
    assert response["Location"] == page
    assert client.get(page).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth signals the new authenticator on commit, as in production
def test_a_new_moderator_sets_up_totp_and_continues_without_a_second_code(client, states):
    user = UserFactory(email="new.moderator@example.org")
    user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    sign_in(client, user.email)
    assert is_signed_in_as(client, user)  # no authenticator yet: the password signs in ...
    response = client.get("/en/delegations/")  # ... but nothing of the working group opens
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fen%2Fdelegations%2F"
    # Setting up an authenticator asks for the password again (ACCOUNT_REAUTHENTICATION_REQUIRED).
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": code(secret)})
    assert response.status_code == 302
    assert client.get("/en/delegations/").status_code == 200


def test_removing_the_authenticator_confines_the_session_again(client, moderator, states):
    client.force_login(moderator)
    assert client.get("/en/delegations/").status_code == 200
    moderator.authenticator_set.all().delete()
    assert client.get("/en/delegations/")["Location"].startswith("/en/accounts/2fa/totp/activate/")


def test_account_pages_stay_open_to_a_confined_session(client, states):
    user = UserFactory(email="wg@example.org")
    user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    client.force_login(user)
    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.get("/en/accounts/password/change/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.post("/en/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_reviewers_are_never_asked_for_a_second_factor(client, states, reviewer_a):
    client.force_login(reviewer_a)
    assert client.get("/fr/profile/").status_code == 200
    assert client.get("/fr/delegations/").status_code == 403


def test_rate_limit_keys_are_not_reset_by_a_forged_forwarded_for(client, secretary):
    for n in range(6):
        client.post(
            "/en/accounts/login/",
            {"login": secretary.email, "password": f"wrong-{n}"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    page = client.post(
        "/en/accounts/login/",
        {"login": "someone.else@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    ).content.decode()
    # Five failures from one address lock that address, whatever X-Forwarded-For says.
    assert "Too many failed login attempts. Try again later." in page
