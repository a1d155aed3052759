"""Every URL pattern Django knows, walked by working-group sessions without a second factor.

Finding 2 of issue 9: a moderator without two-factor read submitted comments, attachments,
receipts and the triage queue. The rule is now one middleware; this test proves that no
pattern escapes it, present or future: a new view is confined unless it is an account page.
"""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.middleware import SECOND_FACTOR_EXEMPT_MODULES, SECOND_FACTOR_EXEMPT_VIEWS
from accounts.roles import DRAFTERS, MODERATORS
from tests.conftest import with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = {"int": "1", "slug": "guide", "uuid": str(uuid.uuid4()), "str": "x", "path": "x"}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def concrete(route: str) -> str:
    """A path for a route: converters filled with sample values (the middleware acts before the view)."""
    import re

    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    route = re.sub(r"\((?:\?P<\w+>)?[^)]*\)", "1", route)  # regex routes (simple_history's admin pages)
    return "/" + route  # i18n_patterns' resolver already contributes "en/"


def name_of(callback) -> str:
    view = getattr(callback, "view_class", callback)
    qualname = getattr(view, "__qualname__", type(view).__qualname__)  # a feed is an instance
    return f"{view.__module__}.{qualname}"


def exempt(callback) -> bool:
    name = name_of(callback)
    return name.startswith(SECOND_FACTOR_EXEMPT_MODULES) or name in SECOND_FACTOR_EXEMPT_VIEWS


ROUTES = sorted({(route, callback) for route, callback in walk(get_resolver().url_patterns)}, key=lambda r: r[0])
CONFINED = [(route, callback) for route, callback in ROUTES if not exempt(callback)]


def test_the_walk_sees_every_app():
    names = {name_of(callback).split(".")[0] for _, callback in CONFINED}
    assert {"reviews", "champions", "guidance", "django", "config"} <= names
    assert len(CONFINED) > 100  # the admin, triage, exports, rounds, champions, API: all of them


@pytest.fixture(params=["moderator", "drafter", "admin", "moderator with an authenticator, password only"])
def confined_session(request, client, states):
    user = UserFactory(email="wg@example.org", is_staff=request.param == "admin", is_superuser=request.param == "admin")
    if request.param != "admin":
        group = DRAFTERS if request.param == "drafter" else MODERATORS
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    if "authenticator" in request.param:
        with_mfa(user)
    client.force_login(user, second_factor=False)
    return client


def test_no_pattern_opens_to_a_session_without_a_second_factor(confined_session):
    leaks = []
    for route, _ in CONFINED:
        path = concrete(route)
        for method in ("get", "post"):
            response = getattr(confined_session, method)(path)
            location = response.get("Location", "")
            if not (response.status_code == 302 and location.startswith("/en/accounts/2fa/")):
                leaks.append((method.upper(), path, response.status_code, location))
    assert leaks == [], "\n".join(map(str, leaks))
