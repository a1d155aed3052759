import re

import pytest
from django.core import mail
from django.core.cache import cache

from accounts.models import User
from accounts.services import user_set_active
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


def test_password_reset_email_is_in_the_users_language(client):
    UserFactory(email="fp@example.org", preferred_language="es")
    client.post("/en/accounts/password/reset/", {"email": "fp@example.org"})
    assert len(mail.outbox) == 1
    assert "contraseña" in (mail.outbox[0].subject + mail.outbox[0].body).lower()


def test_password_reset_answers_the_same_for_an_unknown_address(client):
    UserFactory(email="fp@example.org")
    known = client.post("/en/accounts/password/reset/", {"email": "fp@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, unknown.status_code) == (302, 302)
    assert known["Location"] == unknown["Location"]


def test_login_by_code_sends_a_code(client):
    UserFactory(email="fp@example.org", preferred_language="fr")
    response = client.post("/en/accounts/login/code/", {"email": "fp@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", mail.outbox[0].body)


def test_failed_logins_are_rate_limited(client):
    UserFactory(email="fp@example.org")
    pages = [
        client.post("/en/accounts/login/", {"login": "fp@example.org", "password": f"wrong-{n}"}).content.decode()
        for n in range(6)
    ]
    limited = "Too many failed login attempts. Try again later."
    assert [limited in page for page in pages] == [False] * 5 + [True]
    # even the right password is refused while limited
    right = client.post("/en/accounts/login/", {"login": "fp@example.org", "password": PASSWORD})
    assert right.status_code == 200
    assert limited in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_deactivated_user_is_signed_out_at_once(client, django_capture_on_commit_callbacks, admin_user):
    user = UserFactory(email="fp@example.org")
    client.post("/en/accounts/login/", {"login": "fp@example.org", "password": PASSWORD})
    assert client.get("/en/profile/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        user_set_active(user=user, active=False, actor=admin_user)
    assert client.get("/en/profile/").status_code == 302
    assert user.history.first().history_user == admin_user


def test_profile_changes_language_and_keeps_input_on_error(client):
    user = UserFactory(email="fp@example.org", preferred_language="en")
    client.force_login(user)
    bad = client.post(
        "/en/profile/", {"full_name": "Ana Pérez", "preferred_language": "xx", "time_zone": "Europe/Madrid"}
    )
    assert bad.status_code == 200
    assert 'value="Ana Pérez"' in bad.content.decode()
    response = client.post(
        "/en/profile/", {"full_name": "Ana Pérez", "preferred_language": "es", "time_zone": "Europe/Madrid"}
    )
    assert response["Location"] == "/es/profile/"
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language, user.time_zone) == ("Ana Pérez", "es", "Europe/Madrid")


def test_no_account_can_be_created_without_an_invitation(client):
    client.post("/en/accounts/signup/", {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert not User.objects.filter(email="x@example.org").exists()
