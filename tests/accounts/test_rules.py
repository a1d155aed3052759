"""The role predicates of accounts/rules.py × each kind of user, written out by hand.

Roles are groups (moderators, drafters) and the superuser and staff flags; a membership of a
delegation gives no role. The predicates do not look at ``is_active``: an inactive account keeps
its roles here (it cannot sign in).
"""

import pytest
import rules
from django.contrib.auth.models import Group

from accounts import rules as account_rules
from accounts.roles import DRAFTERS, MODERATORS
from tests.conftest import users_of
from tests.factories import UserFactory

# kind of user → fixture
USERS = {
    "anonymous": None,
    "reviewer": "reviewer",  # signed in, no role, no delegation
    "focal_point": "reviewer_a",  # focal point of Morocco
    "moderator": "moderator",
    "drafter": "drafter",
    "moderator_drafter": "moderator_drafter",
    "staff": "staff_user",  # is_staff only
    "superuser": "superuser",  # is_superuser only
    "admin": "admin_user",  # is_staff and is_superuser
    "inactive_moderator": "inactive_moderator",
    "inactive_admin": "inactive_admin",
}

MATRIX = {
    "is_admin": {"superuser", "admin", "inactive_admin"},
    "is_moderator": {"moderator", "moderator_drafter", "superuser", "admin", "inactive_moderator", "inactive_admin"},
    "is_drafter": {"drafter", "moderator_drafter"},
    "is_working_group": {
        "moderator",
        "drafter",
        "moderator_drafter",
        "superuser",
        "admin",
        "inactive_moderator",
        "inactive_admin",
    },
    "is_staff": {"staff", "admin", "inactive_admin"},
    "needs_second_factor": {
        "moderator",
        "drafter",
        "moderator_drafter",
        "staff",
        "superuser",
        "admin",
        "inactive_moderator",
        "inactive_admin",
    },
}


def in_groups(user, *names):
    user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in names))
    return user


@pytest.fixture
def moderator_drafter(db):
    return in_groups(UserFactory(email="both@example.org"), MODERATORS, DRAFTERS)


@pytest.fixture
def staff_user(db):
    return UserFactory(email="staff@example.org", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(email="superuser@example.org", is_superuser=True)


@pytest.fixture
def inactive_admin(db):
    return UserFactory(email="inactive.admin@example.org", is_active=False, is_staff=True, is_superuser=True)


@pytest.fixture
def users(request, states) -> dict:
    """One user of each kind, fresh from the database (no group names memoised yet)."""
    return users_of(request, USERS)


@pytest.mark.parametrize("predicate", MATRIX)
def test_role_predicates(subtests, users, predicate):
    for kind, user in users.items():
        with subtests.test(user=kind):
            assert getattr(account_rules, predicate).test(user) is (kind in MATRIX[predicate])


def test_every_role_predicate_has_a_row():
    predicates = {name for name, value in vars(account_rules).items() if isinstance(value, rules.Predicate)}
    assert predicates == set(MATRIX)
