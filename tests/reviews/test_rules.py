"""Permission matrix of reviews/rules.py: every ``reviews.*`` permission × each kind of user × each state.

The round invites Morocco (delegation A, named) and, by its "other Member State" group, Kenya
(delegation C); Mexico (delegation B, a Champion country) is not invited. Comments belong to
delegation A and are assigned to a drafter (``assignee``). The tables below are written out by
hand: a change of a rule must change a row on purpose, and a new permission without a row fails
``test_every_reviews_permission_has_a_row``.

A deactivated account may do nothing, whatever its groups and memberships still say
(``User.has_perm``, as Django's own backend answers): the inactive rows are empty.
"""

import datetime

import pytest
import rules
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import DRAFTERS
from champions.enums import ReviewerGroup
from reviews.models import Comment, DeadlineExtension, ReviewRound
from reviews.rules import DelegationRound
from tests.conftest import users_of
from tests.factories import MembershipFactory, UserFactory
from tests.reviews.conftest import close, draft

# kind of user → fixture
USERS = {
    "anonymous": None,
    "outsider": "reviewer",  # signed in, no delegation
    "member_a": "colleague_a",  # contributor of Morocco (invited)
    "focal_a": "reviewer_a",  # focal point of Morocco (invited)
    "member_b": "reviewer_b",  # contributor of Mexico (not invited)
    "member_c": "contributor_c",  # contributor of Kenya (invited by group)
    "moderator": "moderator",
    "drafter": "drafter",
    "assignee": "assignee",  # a drafter, assignee of the comment
    "admin": "admin_user",
    "inactive_focal_a": "inactive_focal_a",
    "inactive_moderator": "inactive_moderator",
}

NOBODY: set[str] = set()
MODERATOR_KINDS = {"moderator", "admin"}
WORKING_GROUP = MODERATOR_KINDS | {"drafter", "assignee"}
DELEGATION_A = {"member_a", "focal_a"}
FOCAL_A = {"focal_a"}
INVITED = DELEGATION_A | {"member_c"}

# States of a round: not yet open; open; closed; closed with a late submission allowed for
# delegation A (a DeadlineExtension running); closed after A's extension ran out; open with
# submitted comments shared among reviewers (comments_visible_to_reviewers).
ROUND_STATES = ("scheduled", "open", "closed", "late", "late_expired", "open_shared")


def by_round(default: set, **states: set) -> dict:
    """The kinds of user allowed in each round state: ``default``, except in the states named."""
    assert set(states) <= set(ROUND_STATES), set(states) - set(ROUND_STATES)
    return {state: states.get(state, default) for state in ROUND_STATES}


# --- Without an object (menus, list pages) -------------------------------------------------------

NO_OBJECT_MATRIX = {
    "reviews.manage_round": MODERATOR_KINDS,
    "reviews.enter_feedback": MODERATOR_KINDS,
    "reviews.triage": MODERATOR_KINDS,
    "reviews.work_queue": WORKING_GROUP,
    "reviews.upload_template": MODERATOR_KINDS,
}

# --- obj: a ReviewRound, by round state -----------------------------------------------------------

ROUND_MATRIX = {
    "reviews.view_round": by_round(WORKING_GROUP | INVITED),
    "reviews.manage_round": by_round(MODERATOR_KINDS),
    "reviews.enter_feedback": by_round(MODERATOR_KINDS),
    "reviews.triage": by_round(MODERATOR_KINDS),
    "reviews.work_queue": by_round(WORKING_GROUP),
}

# --- obj: a DelegationRound, for delegation A (invited) or B (not invited), by round state --------

DELEGATION_MATRIX = {
    "reviews.comment": {
        "a": by_round(NOBODY, open=DELEGATION_A, late=DELEGATION_A, open_shared=DELEGATION_A),
        "b": by_round(NOBODY),
    },
    "reviews.submit": {
        "a": by_round(NOBODY, open=FOCAL_A, late=FOCAL_A, open_shared=FOCAL_A),
        "b": by_round(NOBODY),
    },
    "reviews.view_delegation": {
        "a": by_round(WORKING_GROUP | DELEGATION_A),
        "b": by_round(WORKING_GROUP | {"member_b"}),
    },
    "reviews.answer_survey": {
        "a": by_round(NOBODY, open=DELEGATION_A, late=DELEGATION_A, open_shared=DELEGATION_A),
        "b": by_round(NOBODY),
    },
    "reviews.upload_template": {
        "a": by_round(
            MODERATOR_KINDS,
            open=MODERATOR_KINDS | DELEGATION_A,
            late=MODERATOR_KINDS | DELEGATION_A,
            open_shared=MODERATOR_KINDS | DELEGATION_A,
        ),
        "b": by_round(MODERATOR_KINDS),
    },
}

# --- obj: a Comment of delegation A, by comment state, then round state ---------------------------

COMMENT_MATRIX = {
    "reviews.view_comment": {
        "draft": by_round(DELEGATION_A),
        "submitted": by_round(WORKING_GROUP | DELEGATION_A, open_shared=WORKING_GROUP | DELEGATION_A | {"member_c"}),
        "withdrawn": by_round(WORKING_GROUP | DELEGATION_A),
    },
    "reviews.change_comment": {
        "draft": by_round(NOBODY, open=DELEGATION_A, late=DELEGATION_A, open_shared=DELEGATION_A),
        "submitted": by_round(NOBODY),
        "withdrawn": by_round(NOBODY),
    },
    "reviews.withdraw_comment": {
        "draft": by_round(NOBODY),
        "submitted": by_round(NOBODY, open=FOCAL_A, late=FOCAL_A, open_shared=FOCAL_A),
        "withdrawn": by_round(NOBODY),
    },
    "reviews.reply": {
        "draft": by_round(NOBODY),
        "submitted": by_round(MODERATOR_KINDS | DELEGATION_A),
        "withdrawn": by_round(MODERATOR_KINDS | DELEGATION_A),
    },
    "reviews.download_attachment": {
        "draft": by_round(DELEGATION_A),
        "submitted": by_round(WORKING_GROUP | DELEGATION_A),
        "withdrawn": by_round(WORKING_GROUP | DELEGATION_A),
    },
    "reviews.view_triage": {
        "draft": by_round(NOBODY),
        "submitted": by_round(WORKING_GROUP),
        "withdrawn": by_round(WORKING_GROUP),
    },
    "reviews.propose_response": {
        "draft": by_round(NOBODY),
        "submitted": by_round({"assignee"}),
        "withdrawn": by_round({"assignee"}),
    },
    "reviews.decide_proposal": {
        "draft": by_round(NOBODY),
        "submitted": by_round(MODERATOR_KINDS),
        "withdrawn": by_round(MODERATOR_KINDS),
    },
}


def check(subtests, users: dict, expected: dict, obj=None) -> None:
    """Each ``user.has_perm(perm, obj)`` against the table, one subtest per permission × kind of user."""
    for perm, allowed in expected.items():
        for kind, user in users.items():
            with subtests.test(perm=perm, user=kind):
                assert user.has_perm(perm, obj) is (kind in allowed)


# --- The world, once per test --------------------------------------------------------------------


@pytest.fixture
def contributor_c(states):
    user = UserFactory(email="contributor.ke@example.org")
    MembershipFactory(user=user, member_state=states["KE"], role="contributor")
    return user


@pytest.fixture
def assignee(db):
    user = UserFactory(email="assignee@example.org")
    user.groups.add(Group.objects.get_or_create(name=DRAFTERS)[0])
    return user


@pytest.fixture
def inactive_focal_a(states):
    user = UserFactory(email="inactive.a@example.org", is_active=False)
    MembershipFactory(user=user, member_state=states["MA"], role="focal_point")
    return user


@pytest.fixture
def users(request, states) -> dict:
    """One user of each kind, fresh from the database (no role or membership memoised yet)."""
    return users_of(request, USERS)


@pytest.fixture
def invited_round(review_round, states):
    """The conftest round, inviting Morocco by name and the other (non-Champion) Member States by group."""
    review_round.audience_groups = [ReviewerGroup.MEMBER_STATE]
    review_round.save()
    review_round.invited_member_states.add(states["MA"])
    return review_round


def put_in_state(review_round: ReviewRound, state: str, *, states, moderator) -> ReviewRound:
    """The round in one of ROUND_STATES, fresh from the database (nothing cached on it yet)."""
    now = timezone.now()
    if state == "scheduled":
        review_round.opens_at = now + datetime.timedelta(days=1)
        review_round.closes_at = now + datetime.timedelta(days=10)
        review_round.save()
    elif state in ("closed", "late", "late_expired"):
        close(review_round)
    if state in ("late", "late_expired"):
        DeadlineExtension.objects.create(
            review_round=review_round,
            member_state=states["MA"],
            until=now + datetime.timedelta(days=1 if state == "late" else -1),
            reason="Letter from the capital delayed",
            granted_by=moderator,
        )
    if state == "open_shared":
        review_round.comments_visible_to_reviewers = True
        review_round.save()
    return ReviewRound.objects.get(pk=review_round.pk)


# --- The tests: one world per state, one subtest per permission × kind of user ---------------------


def test_permissions_without_an_object(subtests, users):
    check(subtests, users, NO_OBJECT_MATRIX)


@pytest.mark.parametrize("state", ROUND_STATES)
def test_round_permissions(subtests, invited_round, states, moderator, users, state):
    review_round = put_in_state(invited_round, state, states=states, moderator=moderator)
    check(subtests, users, {perm: row[state] for perm, row in ROUND_MATRIX.items()}, review_round)


@pytest.mark.parametrize("delegation", ["a", "b"])
@pytest.mark.parametrize("state", ROUND_STATES)
def test_delegation_permissions(subtests, invited_round, states, moderator, users, state, delegation):
    review_round = put_in_state(invited_round, state, states=states, moderator=moderator)
    target = DelegationRound(review_round, member_state=states["MA" if delegation == "a" else "MX"])
    check(subtests, users, {perm: row[delegation][state] for perm, row in DELEGATION_MATRIX.items()}, target)


@pytest.mark.parametrize("comment_state", ["draft", "submitted", "withdrawn"])
@pytest.mark.parametrize("round_state", ROUND_STATES)
def test_comment_permissions(
    subtests, invited_round, section, states, moderator, reviewer_a, assignee, users, round_state, comment_state
):
    comment = draft(invited_round, section, reviewer_a, states["MA"])
    Comment.objects.filter(pk=comment.pk).update(state=comment_state, assignee=assignee)
    put_in_state(invited_round, round_state, states=states, moderator=moderator)
    comment = Comment.objects.select_related("review_round").get(pk=comment.pk)
    check(subtests, users, {perm: row[comment_state][round_state] for perm, row in COMMENT_MATRIX.items()}, comment)


def test_every_reviews_permission_has_a_row():
    registered = {name for name in rules.permissions.permissions if name.startswith("reviews.")}
    covered = set(NO_OBJECT_MATRIX) | set(ROUND_MATRIX) | set(DELEGATION_MATRIX) | set(COMMENT_MATRIX)
    assert registered == covered


def test_every_row_covers_every_state():
    """by_round fills every round state; the other dimensions are checked here."""
    assert {perm: set(row) for perm, row in DELEGATION_MATRIX.items()} == {
        perm: {"a", "b"} for perm in DELEGATION_MATRIX
    }
    assert {perm: set(row) for perm, row in COMMENT_MATRIX.items()} == {
        perm: {"draft", "submitted", "withdrawn"} for perm in COMMENT_MATRIX
    }


def test_a_round_permission_asked_without_a_round_refuses_instead_of_failing(reviewer_a, moderator):
    """``is_invited`` once read ``None.invites``: a delegation member got an AttributeError."""
    assert reviewer_a.has_perm("reviews.view_round") is False
    assert moderator.has_perm("reviews.view_round") is True
