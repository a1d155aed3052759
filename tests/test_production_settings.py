"""Production settings (docs/security.md): read from the environment, static files, client address.

The whole production stack (collectstatic, `check --deploy`, gunicorn) is exercised by
`.ci/production-smoke`; these are the fast checks of the pieces.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from allauth.account.adapter import get_adapter
from django.contrib.staticfiles import finders
from django.test import RequestFactory, override_settings

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent
JQUERY_UI = "xstatic/jquery-ui/jquery-ui.min.js"


def production_settings(**env) -> dict:
    """The production settings read in a fresh interpreter with only ``env`` set."""
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n) for n in ["
        "'SECURE_PROXY_SSL_HEADER', 'CSRF_TRUSTED_ORIGINS', 'ALLAUTH_TRUSTED_PROXY_COUNT',"
        "'ALLAUTH_TRUSTED_CLIENT_IP_HEADER', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        "'LANGUAGE_COOKIE_SECURE', 'SESSION_COOKIE_SECURE', 'CACHES']}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", code],
        env={"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_come_from_the_environment():
    default = production_settings(DJANGO_SECRET_KEY="x" * 50)
    # Rate limits and used TOTP codes are shared by every worker: never per-process memory.
    assert default.pop("CACHES")["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert default == {
        "SECURE_PROXY_SSL_HEADER": None,  # no proxy header is trusted unless one is named
        "CSRF_TRUSTED_ORIGINS": [],
        "ALLAUTH_TRUSTED_PROXY_COUNT": 0,  # REMOTE_ADDR only
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": None,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_SECURE": True,
    }
    behind_proxy = production_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://review.example.org, https://review.example.org:8443",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_SECURE_HSTS_PRELOAD="false",
    )
    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert behind_proxy["CSRF_TRUSTED_ORIGINS"] == ["https://review.example.org", "https://review.example.org:8443"]
    assert behind_proxy["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert behind_proxy["SECURE_HSTS_PRELOAD"] is False


def test_only_the_jquery_ui_script_is_published():
    assert finders.find(JQUERY_UI).endswith("jquery-ui.min.js")
    assert not finders.find("xstatic/jquery-ui/jquery-ui.min.css")  # its images are not in the package
    listed = {
        f"{storage.prefix}/{path}"
        for finder in finders.get_finders()
        for path, storage in finder.list([])
        if getattr(storage, "prefix", None)
    }
    assert {name for name in listed if name.startswith("xstatic/")} == {JQUERY_UI}


def _client_address(remote_addr: str, forwarded_for: str | None) -> str:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)
    return get_adapter(request).get_client_ip(request)


def test_rate_limits_key_on_remote_addr_unless_proxies_are_trusted():
    # By default X-Forwarded-For is ignored: a client cannot pick its own address.
    assert _client_address("198.51.100.9", "203.0.113.1") == "198.51.100.9"
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1):
        # Behind one proxy of ours, the last entry is what it saw; entries a client sent before are ignored.
        assert _client_address("10.0.0.2", "6.6.6.6, 203.0.113.7") == "203.0.113.7"
        assert _client_address("10.0.0.2", "203.0.113.7") == "203.0.113.7"


@override_settings(LANGUAGE_COOKIE_SECURE=True)
def test_the_language_cookie_set_at_login_follows_the_cookie_settings(client, db):
    user = UserFactory(preferred_language="fr")
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    cookie = response.cookies["django_language"]
    assert (cookie.value, cookie["secure"], cookie["httponly"], cookie["samesite"]) == ("fr", True, True, "Lax")


def test_production_uses_redis_when_it_is_given():
    caches = production_settings(DJANGO_SECRET_KEY="x" * 50, REDIS_URL="redis://127.0.0.1:6379/3")["CACHES"]
    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }
