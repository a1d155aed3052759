"""Permission matrix of guidance/rules.py: every ``guidance.*`` permission × each kind of user × version status.

Final text is public, text under review is for signed-in (active) accounts, drafts are for the
working group. Superusers (``admin``) hold every ``guidance.*`` permission
(accounts.models.User.has_perm). The tables are written out by hand; a new permission without a
row fails ``test_every_guidance_permission_has_a_row``.
"""

import pytest
import rules

from guidance.enums import VersionStatus
from tests.conftest import users_of
from tests.factories import MembershipFactory, UserFactory, VersionFactory

# kind of user → fixture
USERS = {
    "anonymous": None,
    "reviewer_a": "reviewer_a",  # focal point of Morocco
    "reviewer_b": "reviewer_b",  # contributor of Mexico
    "inactive_reviewer": "inactive_reviewer",
    "moderator": "moderator",
    "drafter": "drafter",
    "inactive_moderator": "inactive_moderator",
    "admin": "admin_user",
}

# Final text is public; a deactivated account, asked about by name, may still do nothing.
EVERYONE = set(USERS) - {"inactive_reviewer", "inactive_moderator"}
# A deactivated account may do nothing (User.has_perm), even a moderator's.
WORKING_GROUP = {"moderator", "drafter", "admin"}

MATRIX = {
    "guidance.read_version": {
        VersionStatus.DRAFT: WORKING_GROUP,
        VersionStatus.IN_REVIEW: WORKING_GROUP | {"reviewer_a", "reviewer_b"},
        VersionStatus.FINAL: EVERYONE,
    },
    "guidance.import_guidance": {
        VersionStatus.DRAFT: WORKING_GROUP,
        VersionStatus.IN_REVIEW: {"admin"},
        VersionStatus.FINAL: {"admin"},
    },
}


@pytest.fixture
def inactive_reviewer(states):
    user = UserFactory(email="inactive.reviewer@example.org", is_active=False)
    MembershipFactory(user=user, member_state=states["FR"], role="contributor")
    return user


@pytest.fixture
def users(request, states) -> dict:
    return users_of(request, USERS)


@pytest.mark.parametrize("status", VersionStatus.values)
def test_version_permissions(subtests, users, status):
    version = VersionFactory(status=status)
    for perm, row in MATRIX.items():
        for kind, user in users.items():
            with subtests.test(perm=perm, user=kind):
                assert user.has_perm(perm, version) is (kind in row[status])


def test_a_deactivated_reviewer_reads_nothing_under_review(states, reviewer_a):
    version = VersionFactory(status=VersionStatus.IN_REVIEW)
    reviewer_a.is_active = False
    assert reviewer_a.has_perm("guidance.read_version", version) is False


def test_every_guidance_permission_has_a_row():
    registered = {name for name in rules.permissions.permissions if name.startswith("guidance.")}
    assert registered == set(MATRIX)


def test_every_row_covers_every_status():
    assert {perm: set(row) for perm, row in MATRIX.items()} == {perm: set(VersionStatus.values) for perm in MATRIX}
