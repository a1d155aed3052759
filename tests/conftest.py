import os
import shutil

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from accounts.roles import DRAFTERS, MODERATORS
from tests.factories import UserFactory

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


@pytest.fixture
def reviewer(db):
    return UserFactory(email="reviewer@example.org", preferred_language="fr")


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_mfa(user):
    """Moderators and admins need two-factor authentication for their pages (accounts.middleware)."""
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
    return user


@pytest.fixture
def admin_user(db):
    return with_mfa(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))
