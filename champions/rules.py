"""Who may see and manage delegations, Champion roles, memberships and invitations, and the
Champions programme: pilots, their updates and feedback, activities and practices.

Objects: a ``MemberState`` (the country page, adding a pilot, an activity or a practice), a
``Pilot`` or a ``Practice``. A focal point acts for their own country only; views answer a
404 to anyone who may not even see the object (existence is not revealed).
"""

import rules

from accounts.rules import is_admin, is_moderator
from champions.enums import MembershipRole, PracticeAction, PracticeStatus
from champions.selectors import memberships_of

rules.add_perm("champions.view_directory", is_moderator)
rules.add_perm("champions.invite", is_moderator)
# Send a pending invitation again (a new key, a new expiry).
rules.add_perm("champions.resend_invitation", is_moderator)
rules.add_perm("champions.manage_invitations", is_moderator)
rules.add_perm("champions.manage_champions", is_admin)


def _country_id(obj) -> int | None:
    if obj is None:
        return None
    if obj._meta.model_name == "memberstate":
        return obj.pk
    return getattr(obj, "member_state_id", None)


@rules.predicate
def is_country_member(user, obj) -> bool:
    """An active member (focal point or contributor) of the object's Member State."""
    country = _country_id(obj)
    return country is not None and any(m.member_state_id == country for m in memberships_of(user))


@rules.predicate
def is_country_focal_point(user, obj) -> bool:
    country = _country_id(obj)
    return country is not None and any(
        m.member_state_id == country and m.role == MembershipRole.FOCAL_POINT for m in memberships_of(user)
    )


@rules.predicate
def is_champion_country(user, member_state) -> bool:
    return member_state is not None and member_state.is_champion


def practice_in(*statuses: str):
    @rules.predicate(name=f"practice_in_{'_'.join(statuses)}")
    def check(user, practice) -> bool:
        return practice is not None and practice.status in statuses

    return check


author_may_edit = practice_in(PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED)
speaks_for_country = is_moderator | is_country_focal_point

# The overview of every Champion country, all activities, the queue of practices to review.
rules.add_perm("champions.view_overview", is_moderator)
# A country's programme page (pilots, activities, practices): the working group and the country's people.
rules.add_perm("champions.view_programme", is_moderator | is_country_member)
rules.add_perm("champions.add_pilot", is_champion_country & speaks_for_country)
rules.add_perm("champions.add_activity", is_champion_country & speaks_for_country)
rules.add_perm("champions.add_practice", is_champion_country & speaks_for_country)

rules.add_perm("champions.view_pilot", is_moderator | is_country_member)
rules.add_perm("champions.change_pilot", speaks_for_country)
rules.add_perm("champions.post_pilot_update", speaks_for_country)
rules.add_perm("champions.give_pilot_feedback", speaks_for_country)
rules.add_perm("champions.choose_feedback_round", is_moderator)

rules.add_perm("champions.view_practice", is_moderator | is_country_member)
rules.add_perm("champions.change_practice", is_moderator | (is_country_focal_point & author_may_edit))
rules.add_perm("champions.discuss_practice", speaks_for_country)
rules.add_perm("champions.submit_practice", speaks_for_country & author_may_edit)
rules.add_perm(
    "champions.request_practice_changes",
    is_moderator & practice_in(PracticeStatus.SUBMITTED, PracticeStatus.APPROVED),
)
rules.add_perm("champions.approve_practice", is_moderator & practice_in(PracticeStatus.SUBMITTED))
rules.add_perm("champions.publish_practice", is_moderator & practice_in(PracticeStatus.APPROVED))
rules.add_perm("champions.unpublish_practice", is_moderator & practice_in(PracticeStatus.PUBLISHED))
# Public pages, feed, export and API: published practices only, for anyone.
rules.add_perm("champions.view_published_practice", practice_in(PracticeStatus.PUBLISHED))

PRACTICE_ACTION_PERMISSIONS = {
    PracticeAction.SUBMIT: "champions.submit_practice",
    PracticeAction.REQUEST_CHANGES: "champions.request_practice_changes",
    PracticeAction.APPROVE: "champions.approve_practice",
    PracticeAction.PUBLISH: "champions.publish_practice",
    PracticeAction.UNPUBLISH: "champions.unpublish_practice",
}
