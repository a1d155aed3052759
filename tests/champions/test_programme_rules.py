"""Permission matrix of the Champions programme: each kind of user × each permission × each state.

Kinds of user: anonymous; Morocco's focal point (``reviewer_a``) and contributor; Mexico's
focal point and contributor (another country); drafter; moderator; admin. The objects
belong to Morocco.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from champions.enums import PracticeStatus
from tests.factories import PracticeFactory

USERS = ["anonymous", "reviewer_a", "contributor_ma", "focal_mx", "reviewer_b", "drafter", "moderator", "admin_user"]
WORKING_GROUP = {"moderator", "admin_user"}
MOROCCO = {"reviewer_a", "contributor_ma"}


def user_for(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


def expected(who: str, allowed: set) -> bool:
    """Superusers (the secretariat) hold every champions permission (accounts.models.User.has_perm);
    the services still refuse a step that the object's state does not allow (tests/champions/test_programme.py)."""
    return who == "admin_user" or who in allowed


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("champions.view_overview", WORKING_GROUP),
        ("champions.choose_feedback_round", WORKING_GROUP),
    ],
)
@pytest.mark.parametrize("who", USERS)
def test_working_group_permissions(request, programme, who, perm, allowed):
    assert user_for(request, who).has_perm(perm) is expected(who, allowed)


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("champions.view_programme", WORKING_GROUP | MOROCCO),
        ("champions.add_pilot", WORKING_GROUP | {"reviewer_a"}),
        ("champions.add_activity", WORKING_GROUP | {"reviewer_a"}),
        ("champions.add_practice", WORKING_GROUP | {"reviewer_a"}),
    ],
)
@pytest.mark.parametrize("who", USERS)
def test_country_permissions(request, programme, who, perm, allowed):
    assert user_for(request, who).has_perm(perm, programme["MA"]) is expected(who, allowed)


@pytest.mark.parametrize("perm", ["champions.add_pilot", "champions.add_activity", "champions.add_practice"])
@pytest.mark.parametrize("who", USERS)
def test_nothing_is_added_for_a_country_that_is_not_a_champion(request, programme, who, perm):
    """France is not a Champion: moderators do not record a pilot, activity or practice for it."""
    assert user_for(request, who).has_perm(perm, programme["FR"]) is expected(who, set())


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("champions.view_pilot", WORKING_GROUP | MOROCCO),
        ("champions.change_pilot", WORKING_GROUP | {"reviewer_a"}),
        ("champions.post_pilot_update", WORKING_GROUP | {"reviewer_a"}),
        ("champions.give_pilot_feedback", WORKING_GROUP | {"reviewer_a"}),
    ],
)
@pytest.mark.parametrize("who", USERS)
def test_pilot_permissions(request, pilot_ma, who, perm, allowed):
    assert user_for(request, who).has_perm(perm, pilot_ma) is expected(who, allowed)


S = PracticeStatus
ALL_STATES = set(S.values)
AUTHOR_STATES = {S.DRAFT, S.CHANGES_REQUESTED}


PRACTICE_RULES = {
    # permission: {status: who may}
    "champions.view_practice": dict.fromkeys(ALL_STATES, WORKING_GROUP | MOROCCO),
    "champions.discuss_practice": dict.fromkeys(ALL_STATES, WORKING_GROUP | {"reviewer_a"}),
    "champions.change_practice": {
        s: WORKING_GROUP | ({"reviewer_a"} if s in AUTHOR_STATES else set()) for s in ALL_STATES
    },
    "champions.submit_practice": {
        s: (WORKING_GROUP | {"reviewer_a"}) if s in AUTHOR_STATES else set() for s in ALL_STATES
    },
    "champions.request_practice_changes": {
        s: WORKING_GROUP if s in {S.SUBMITTED, S.APPROVED} else set() for s in ALL_STATES
    },
    "champions.approve_practice": {s: WORKING_GROUP if s == S.SUBMITTED else set() for s in ALL_STATES},
    "champions.publish_practice": {s: WORKING_GROUP if s == S.APPROVED else set() for s in ALL_STATES},
    "champions.unpublish_practice": {s: WORKING_GROUP if s == S.PUBLISHED else set() for s in ALL_STATES},
    "champions.view_published_practice": {s: set(USERS) if s == S.PUBLISHED else set() for s in ALL_STATES},
}


@pytest.mark.parametrize("status", sorted(ALL_STATES))
@pytest.mark.parametrize("who", USERS)
def test_practice_permissions(request, programme, who, status):
    practice = PracticeFactory(member_state=programme["MA"], status=status)
    user = user_for(request, who)
    answers = {perm: user.has_perm(perm, practice) for perm in PRACTICE_RULES}
    assert answers == {perm: expected(who, by_state[status]) for perm, by_state in PRACTICE_RULES.items()}


def test_a_deactivated_focal_point_loses_the_country(programme, pilot_ma, reviewer_a):
    reviewer_a.memberships.update(is_active=False)
    reviewer_a.__dict__.pop("_active_memberships", None)
    assert reviewer_a.has_perm("champions.view_pilot", pilot_ma) is False
