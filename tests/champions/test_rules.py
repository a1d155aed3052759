"""Permission matrix: each kind of user × each permission (and version state), anonymous included."""

import pytest
from django.contrib.auth.models import AnonymousUser

from guidance.enums import VersionStatus
from tests.factories import VersionFactory

USERS = ["anonymous", "reviewer_a", "reviewer_b", "moderator", "drafter", "admin_user"]


def user_for(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("champions.view_directory", {"moderator", "admin_user"}),
        ("champions.invite", {"moderator", "admin_user"}),
        ("champions.manage_invitations", {"moderator", "admin_user"}),
        ("champions.manage_champions", {"admin_user"}),
    ],
)
@pytest.mark.parametrize("who", USERS)
def test_champions_permissions(request, states, who, perm, allowed):
    assert user_for(request, who).has_perm(perm) is (who in allowed)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (VersionStatus.DRAFT, {"moderator", "drafter", "admin_user"}),
        (VersionStatus.IN_REVIEW, {"reviewer_a", "reviewer_b", "moderator", "drafter", "admin_user"}),
        (VersionStatus.FINAL, set(USERS)),
    ],
)
@pytest.mark.parametrize("who", USERS)
def test_reading_a_version(request, states, who, status, allowed):
    version = VersionFactory(status=status)
    assert user_for(request, who).has_perm("guidance.read_version", version) is (who in allowed)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (VersionStatus.DRAFT, {"moderator", "drafter", "admin_user"}),
        (VersionStatus.IN_REVIEW, {"admin_user"}),
        (VersionStatus.FINAL, {"admin_user"}),
    ],
)
@pytest.mark.parametrize("who", USERS)
def test_importing_guidance(request, states, who, status, allowed):
    version = VersionFactory(status=status)
    assert user_for(request, who).has_perm("guidance.import_guidance", version) is (who in allowed)


def test_a_deactivated_reviewer_reads_nothing_under_review(states, reviewer_a):
    version = VersionFactory(status=VersionStatus.IN_REVIEW)
    reviewer_a.is_active = False
    assert reviewer_a.has_perm("guidance.read_version", version) is False
