"""After signing in: the page asked for keeps its language; the profile's applies only when none was asked for.

A French-speaking delegate who opens /fr/champions/ and signs in expects the French page, even
if the profile still says English (accounts.adapter.AccountAdapter, docs/accounts.md).
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache

from tests.conftest import TOTP_SECRET, with_mfa
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


def sign_in(client, user, page="/en/accounts/login/", **extra):
    return client.post(page, {"login": user.email, "password": PASSWORD, **extra})


@pytest.mark.parametrize(
    ("preferred", "asked_for"),
    [
        ("en", "/fr/champions/"),
        ("fr", "/es/documents/"),
        ("es", "/en/documents/?q=autorit%C3%A9s"),
    ],
)
def test_the_page_asked_for_keeps_its_language(client, db, preferred, asked_for):
    user = UserFactory(preferred_language=preferred)
    response = sign_in(client, user, "/fr/accounts/login/", next=asked_for)
    assert (response.status_code, response["Location"]) == (302, asked_for)
    assert response.cookies["django_language"].value == preferred  # remembered for unprefixed addresses


def test_the_next_of_the_login_page_address_keeps_its_language(client, db):
    user = UserFactory(preferred_language="en")
    response = sign_in(client, user, "/fr/accounts/login/?next=/fr/champions/")
    assert response["Location"] == "/fr/champions/"


@pytest.mark.parametrize(("preferred", "landing"), [("fr", "/fr/"), ("es", "/es/"), ("en", "/en/")])
def test_without_a_page_asked_for_the_profile_language_applies(client, db, preferred, landing):
    user = UserFactory(preferred_language=preferred)
    response = sign_in(client, user, "/fr/accounts/login/")
    assert (response.status_code, response["Location"]) == (302, landing)


def test_a_page_asked_for_without_a_language_opens_in_the_profile_language(client, db):
    user = UserFactory(preferred_language="es")
    response = sign_in(client, user, next="/documents/")
    assert response["Location"] == "/documents/"
    assert client.get("/documents/")["Location"] == "/es/documents/"


def test_a_foreign_next_is_not_followed(client, db):
    user = UserFactory(preferred_language="fr")
    response = sign_in(client, user, "/es/accounts/login/", next="https://evil.example/fr/")
    assert response["Location"] == "/fr/"


def test_the_page_asked_for_keeps_its_language_after_the_second_factor(client, db):
    user = with_mfa(UserFactory(email="boss@example.org", is_staff=True, preferred_language="en"))
    response = sign_in(client, user, "/fr/accounts/login/", next="/fr/champions/")
    assert response["Location"] == "/fr/accounts/2fa/authenticate/"
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
    response = client.post("/fr/accounts/2fa/authenticate/", {"code": code})
    assert (response.status_code, response["Location"]) == (302, "/fr/champions/")
