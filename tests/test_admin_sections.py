"""The admin index names every section in the reader's language, once each (AppConfig.verbose_name)."""

import re

import pytest

ENGLISH_ONLY = {"Tasks Database Backend", "MFA", "Accounts"}


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", {"Authentification et autorisation", "Comptes", "Sessions utilisateur"}),
        ("es", {"Autenticación y autorización", "Cuentas", "Sesiones de usuario"}),
    ],
)
def test_admin_sections_are_named_in_the_readers_language(client, admin_user, language, expected):
    client.force_login(admin_user)
    page = client.get(f"/{language}/admin/").content.decode()
    sections = re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", page)
    assert expected <= set(sections)
    assert len(sections) == len(set(sections)), sections  # ours and allauth's were both "Comptes"
    assert not ENGLISH_ONLY & set(sections)


def test_the_renamed_apps_keep_their_labels(client, admin_user):
    from django.apps import apps

    assert apps.get_app_config("django_tasks_database").name == "django_tasks_db"
    assert apps.get_app_config("mfa").name == "allauth.mfa"
    assert apps.is_installed("allauth.mfa") and apps.is_installed("django_tasks_db")


@pytest.mark.parametrize("language", ["fr", "es"])
def test_our_names_for_the_sections_are_translated(client, admin_user, language):
    client.force_login(admin_user)
    page = client.get(f"/{language}/admin/").content.decode()
    sections = set(re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", page))
    assert not {"Background tasks", "Two-factor authentication", "Users and audit log"} & sections
