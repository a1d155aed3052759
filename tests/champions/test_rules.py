"""Permission matrix of champions/rules.py: every ``champions.*`` permission × each kind of user × each state.

Delegations, invitations and Champion roles (the directory), and the Champions programme:
Morocco is a Champion country, France is not; the pilot and the practices belong to Morocco;
Mexico's people stand for another country. The tables are written out by hand: a change of a
rule must change a row on purpose, and a new permission without a row fails
``test_every_champions_permission_has_a_row``.

Superusers (the secretariat, ``admin``) hold every ``champions.*`` permission
(accounts.models.User.has_perm), whatever the object's state: the services still refuse a step
that the state does not allow (tests/champions/services/test_programme.py).
"""

import pytest
import rules

from champions.enums import PracticeStatus
from tests.conftest import users_of
from tests.factories import PracticeFactory

# kind of user → fixture
USERS = {
    "anonymous": None,
    "focal_ma": "reviewer_a",  # focal point of Morocco
    "contributor_ma": "contributor_ma",
    "focal_mx": "focal_mx",  # focal point of Mexico (another country)
    "contributor_mx": "reviewer_b",
    "drafter": "drafter",
    "moderator": "moderator",
    "admin": "admin_user",
}

EVERYONE = set(USERS)
ADMIN = {"admin"}
MODERATOR_KINDS = {"moderator", "admin"}
MOROCCO = {"focal_ma", "contributor_ma"}

# --- Without an object: the directory, invitations, the programme overview -----------------------

NO_OBJECT_MATRIX = {
    "champions.view_directory": MODERATOR_KINDS,
    "champions.invite": MODERATOR_KINDS,
    "champions.resend_invitation": MODERATOR_KINDS,
    "champions.manage_invitations": MODERATOR_KINDS,
    "champions.manage_champions": ADMIN,
    "champions.view_overview": MODERATOR_KINDS,
    "champions.choose_feedback_round": MODERATOR_KINDS,
}

# --- obj: a MemberState: Morocco (a Champion) or France (not a Champion) --------------------------

COUNTRY_MATRIX = {
    "champions.view_programme": {"MA": MODERATOR_KINDS | MOROCCO, "FR": MODERATOR_KINDS},
    # Nothing is added for a country that is not a Champion, except by a superuser.
    "champions.add_pilot": {"MA": MODERATOR_KINDS | {"focal_ma"}, "FR": ADMIN},
    "champions.add_activity": {"MA": MODERATOR_KINDS | {"focal_ma"}, "FR": ADMIN},
    "champions.add_practice": {"MA": MODERATOR_KINDS | {"focal_ma"}, "FR": ADMIN},
}

# --- obj: a Pilot of Morocco ----------------------------------------------------------------------

PILOT_MATRIX = {
    "champions.view_pilot": MODERATOR_KINDS | MOROCCO,
    "champions.change_pilot": MODERATOR_KINDS | {"focal_ma"},
    "champions.post_pilot_update": MODERATOR_KINDS | {"focal_ma"},
    "champions.give_pilot_feedback": MODERATOR_KINDS | {"focal_ma"},
}

# --- obj: a Practice of Morocco, by status --------------------------------------------------------

PRACTICE_STATUSES = tuple(PracticeStatus.values)


def by_status(default: set, **statuses: set) -> dict:
    """The kinds of user allowed in each practice status: ``default``, except in the statuses named."""
    assert set(statuses) <= set(PRACTICE_STATUSES), set(statuses) - set(PRACTICE_STATUSES)
    return {status: statuses.get(status, default) for status in PRACTICE_STATUSES}


PRACTICE_MATRIX = {
    "champions.view_practice": by_status(MODERATOR_KINDS | MOROCCO),
    "champions.discuss_practice": by_status(MODERATOR_KINDS | {"focal_ma"}),
    "champions.change_practice": by_status(
        MODERATOR_KINDS,
        draft=MODERATOR_KINDS | {"focal_ma"},
        changes_requested=MODERATOR_KINDS | {"focal_ma"},
    ),
    "champions.submit_practice": by_status(
        ADMIN,
        draft=MODERATOR_KINDS | {"focal_ma"},
        changes_requested=MODERATOR_KINDS | {"focal_ma"},
    ),
    "champions.request_practice_changes": by_status(ADMIN, submitted=MODERATOR_KINDS, approved=MODERATOR_KINDS),
    "champions.approve_practice": by_status(ADMIN, submitted=MODERATOR_KINDS),
    "champions.publish_practice": by_status(ADMIN, approved=MODERATOR_KINDS),
    "champions.unpublish_practice": by_status(ADMIN, published=MODERATOR_KINDS),
    # Public pages, feed, export and API.
    "champions.view_published_practice": by_status(ADMIN, published=EVERYONE),
}


def check(subtests, users: dict, expected: dict, obj=None) -> None:
    """Each ``user.has_perm(perm, obj)`` against the table, one subtest per permission × kind of user."""
    for perm, allowed in expected.items():
        for kind, user in users.items():
            with subtests.test(perm=perm, user=kind):
                assert user.has_perm(perm, obj) is (kind in allowed)


@pytest.fixture
def users(request, programme) -> dict:
    """One user of each kind, fresh from the database (no membership memoised yet)."""
    return users_of(request, USERS)


def test_permissions_without_an_object(subtests, users):
    check(subtests, users, NO_OBJECT_MATRIX)


@pytest.mark.parametrize("country", ["MA", "FR"])
def test_country_permissions(subtests, programme, users, country):
    check(subtests, users, {perm: row[country] for perm, row in COUNTRY_MATRIX.items()}, programme[country])


def test_pilot_permissions(subtests, pilot_ma, users):
    check(subtests, users, PILOT_MATRIX, pilot_ma)


@pytest.mark.parametrize("status", PRACTICE_STATUSES)
def test_practice_permissions(subtests, programme, users, status):
    practice = PracticeFactory(member_state=programme["MA"], status=status)
    check(subtests, users, {perm: row[status] for perm, row in PRACTICE_MATRIX.items()}, practice)


def test_a_deactivated_focal_point_loses_the_country(programme, pilot_ma, reviewer_a):
    reviewer_a.memberships.update(is_active=False)
    reviewer_a.__dict__.pop("_active_memberships", None)
    assert reviewer_a.has_perm("champions.view_pilot", pilot_ma) is False


def test_every_champions_permission_has_a_row():
    registered = {name for name in rules.permissions.permissions if name.startswith("champions.")}
    covered = set(NO_OBJECT_MATRIX) | set(COUNTRY_MATRIX) | set(PILOT_MATRIX) | set(PRACTICE_MATRIX)
    assert registered == covered
