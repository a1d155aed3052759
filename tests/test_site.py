import pytest
from django.core.management import call_command

from accounts.models import User
from guidance.models import Block, DocumentVersion, Objective, Section
from tests.factories import PASSWORD, UserFactory


def test_healthz_answers_without_a_language_prefix(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_root_redirects_to_a_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert (response.status_code, response["Location"]) == (302, "/es/")


@pytest.mark.parametrize(("language", "landing"), [("fr", "/fr/"), ("es", "/es/"), ("en", "/en/")])
def test_preferred_language_is_applied_at_login(client, db, language, landing):
    user = UserFactory(preferred_language=language)
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == landing
    assert response.cookies["django_language"].value == language


def test_login_keeps_the_page_asked_for_in_its_own_language(client, db):
    # The preferred language applies only when no page was asked for (tests/accounts/test_login_language.py).
    user = UserFactory(preferred_language="fr")
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD, "next": "/en/documents/"})
    assert response["Location"] == "/en/documents/"


def test_open_sign_up_is_closed(client, db):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "new@example.org", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    assert User.objects.filter(email="new@example.org").exists() is False
    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode() or "closed" in response.content.decode().lower()


def test_seed_demo_is_idempotent(db, capsys):
    call_command("seed_demo")
    counts = (
        Objective.objects.count(),
        DocumentVersion.objects.count(),
        Section.objects.count(),
        Block.objects.count(),
        User.objects.count(),
    )
    first_output = capsys.readouterr().out
    call_command("seed_demo")
    again = (
        Objective.objects.count(),
        DocumentVersion.objects.count(),
        Section.objects.count(),
        Block.objects.count(),
        User.objects.count(),
    )

    assert again == counts
    assert counts[:2] == (23, 2)
    assert counts[4] == 7
    assert "moderator@example.org" in first_output
    assert Objective.objects.get(number=5).title_fr.startswith("Faire en sorte que les filières")
    assert not Block.objects.filter(text_fr="").exists()
    assert not Block.objects.filter(text_es="").exists()
