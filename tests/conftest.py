import os
import shutil
import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import Group
from django.test import Client as DjangoClient

from accounts.roles import DRAFTERS, MODERATORS
from tests.factories import MembershipFactory, MemberStateFactory, UserFactory

# live_server with the synchronous Playwright API (STACK.md, gotcha 1).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def pytest_configure(config):
    """With --reuse-db (``make test``), SQLite's test database is a file kept between runs.

    SQLite's default test database is in memory and dies with the process, so there is nothing
    to reuse; migrating it costs about 12 s per process. The file lives in the ignored
    .pytest_cache/ (``make clean`` removes it); under xdist each worker gets its own
    (``test-db.sqlite3_gw0``...). ``--create-db`` rebuilds it (docs/development.md). Runs
    without --reuse-db keep the in-memory database, so they never share a file.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if config.getoption("reuse_db") and database["ENGINE"] == "django.db.backends.sqlite3":
        folder = settings.BASE_DIR / ".pytest_cache"
        folder.mkdir(exist_ok=True)
        test = database.setdefault("TEST", {})
        test["NAME"] = test.get("NAME") or str(folder / "test-db.sqlite3")


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium. In CI its absence is a failure, on a laptop a skip."""
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return
    if os.environ.get("CI"):
        return  # let them run and fail loudly
    skip = pytest.mark.skip(reason=f"chromium not found at {CHROMIUM}: `apt-get install chromium` to run browser tests")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


class Client(DjangoClient):
    """The test client, whose ``force_login`` stands for a complete sign-in.

    For a user with an authenticator, a complete sign-in is password + second factor, so the
    session records both steps as allauth does (accounts.middleware reads them). Use
    ``force_login(user, second_factor=False)`` for a session opened by a password alone. The
    real sign-in, with its TOTP step, is tested in tests/accounts/test_second_factor.py.
    """

    def force_login(self, user, backend=None, *, second_factor: bool = True):
        super().force_login(user, backend)
        if second_factor and is_mfa_enabled(user):
            session = self.session
            now = time.time()
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": now, "email": user.email},
                {"method": "mfa", "at": now, "type": "totp"},
            ]
            session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
            session.save()


@pytest.fixture
def client():
    return Client()


def users_of(request, kinds: dict) -> dict:
    """One user of each kind (``kinds``: kind → fixture name, None for anonymous), fresh from the
    database, so that no role or membership is memoised yet (the permission matrices)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    User = get_user_model()
    return {
        kind: AnonymousUser() if fixture is None else User.objects.get(pk=request.getfixturevalue(fixture).pk)
        for kind, fixture in kinds.items()
    }


@pytest.fixture
def inactive_moderator(db):
    """A deactivated account still in the moderators' group."""
    user = UserFactory(email="inactive.moderator@example.org", is_active=False)
    user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    return user


@pytest.fixture
def reviewer(db):
    return UserFactory(email="reviewer@example.org", preferred_language="fr")


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_mfa(user):
    """The working group needs two-factor authentication (accounts.middleware)."""
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    return with_mfa(user)


@pytest.fixture
def drafter(db):
    user = UserFactory(email="drafter@example.org")
    user.groups.add(Group.objects.get_or_create(name=DRAFTERS)[0])
    return with_mfa(user)


@pytest.fixture
def admin_user(db):
    return with_mfa(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))


STATES = {
    "MA": ("MAR", "Morocco", "africa", "african", True),
    "MX": ("MEX", "Mexico", "americas", "latin_american_caribbean", True),
    "FR": ("FRA", "France", "europe", "western_european_others", False),
    "KE": ("KEN", "Kenya", "africa", "african", False),
}


@pytest.fixture
def states(db):
    """Four Member States (the full list of 193 is loaded by seed_demo; see test_reference)."""
    return {
        code: MemberStateFactory(
            country=code, iso3=iso3, name_en=name, region=region, regional_group=group, is_champion=champion
        )
        for code, (iso3, name, region, group, champion) in STATES.items()
    }


@pytest.fixture
def reviewer_a(states):
    """Focal point of Morocco (delegation A)."""
    user = UserFactory(email="a@example.org", preferred_language="fr")
    MembershipFactory(user=user, member_state=states["MA"], role="focal_point")
    return user


@pytest.fixture
def reviewer_b(states):
    """Contributor of Mexico (delegation B)."""
    user = UserFactory(email="b@example.org", preferred_language="es")
    MembershipFactory(user=user, member_state=states["MX"], role="contributor")
    return user


@pytest.fixture(scope="session", autouse=True)
def no_lingering_connections(django_db_setup, django_db_blocker):
    """PostgreSQL refuses to drop a test database that a session still uses. A connection left
    open by a finished thread (seen once in a hundred runs) must not fail the whole suite at
    teardown: close ours, end any other session on the test database, then let it be dropped."""
    yield
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        connections.close_all()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connection.close()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and cached pages live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a request in another language must not leak into the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
