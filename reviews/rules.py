"""Who may comment, see, edit, submit and moderate — stated once, checked by every view.

Objects: a ``ReviewRound``, a ``Comment``, or a ``DelegationRound`` (a round seen by one
delegation), which carries the delegation a reviewer acts for.
"""

from dataclasses import dataclass

import rules
from django.utils import timezone

from accounts.rules import is_drafter, is_moderator, is_working_group
from champions.enums import MembershipRole
from champions.models import Delegation
from champions.selectors import memberships_of
from reviews.enums import CommentState


@dataclass(frozen=True)
class DelegationRound:
    """A round seen by one delegation (``member_state`` or ``organisation``, as the models hold them)."""

    review_round: object
    member_state: object = None
    organisation: object = None

    @classmethod
    def of(cls, review_round, delegation: Delegation) -> "DelegationRound":
        return cls(review_round, delegation.member_state, delegation.organisation)

    @property
    def delegation(self) -> Delegation:
        return Delegation(self.member_state, self.organisation)

    @property
    def value(self) -> str:
        return self.delegation.value

    @property
    def key(self) -> tuple:
        return self.delegation.key


def _membership(user, delegation_key: tuple):
    for membership in memberships_of(user):
        if (membership.member_state_id, membership.organisation_id) == delegation_key:
            return membership
    return None


def delegation_ids(obj) -> tuple:
    """The delegation key of a comment (read from its ids, nothing loaded) or of a ``DelegationRound``."""
    return (obj.member_state_id, obj.organisation_id) if hasattr(obj, "member_state_id") else obj.key


def accepts_comments(review_round, delegation_key: tuple | None = None) -> bool:
    """Open, or closed with a late submission explicitly allowed for this delegation."""
    if review_round.is_open:
        return True
    if delegation_key is None or timezone.now() < review_round.opens_at:
        return False
    return tuple(delegation_key) in review_round.late_delegations


@rules.predicate
def is_invited(user, review_round) -> bool:
    return review_round is not None and any(review_round.invites(m.delegation) for m in memberships_of(user))


@rules.predicate
def is_delegation_member(user, obj) -> bool:
    return obj is not None and _membership(user, delegation_ids(obj)) is not None


@rules.predicate
def is_delegation_focal_point(user, obj) -> bool:
    membership = obj is not None and _membership(user, delegation_ids(obj))
    return bool(membership) and membership.role == MembershipRole.FOCAL_POINT


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and comment.author_id == user.pk


@rules.predicate
def is_draft(user, comment) -> bool:
    return comment is not None and comment.state == CommentState.DRAFT


@rules.predicate
def is_submitted(user, comment) -> bool:
    return comment is not None and comment.state == CommentState.SUBMITTED


@rules.predicate
def comment_round_accepts(user, comment) -> bool:
    return comment is not None and accepts_comments(comment.review_round, delegation_ids(comment))


@rules.predicate
def delegation_round_accepts(user, target) -> bool:
    return target is not None and accepts_comments(target.review_round, target.key)


@rules.predicate
def delegation_invited(user, target) -> bool:
    return target is not None and target.review_round.invites(target.delegation)


@rules.predicate
def visible_to_other_reviewers(user, comment) -> bool:
    return comment is not None and comment.review_round.comments_visible_to_reviewers


@rules.predicate
def invited_to_comment_round(user, comment) -> bool:
    return comment is not None and is_invited(user, comment.review_round)


round_participant = is_working_group | is_invited

rules.add_perm("reviews.view_round", round_participant)
rules.add_perm("reviews.manage_round", is_moderator)
rules.add_perm("reviews.enter_feedback", is_moderator)
# Comment for a delegation in a round (obj: DelegationRound).
rules.add_perm("reviews.comment", is_delegation_member & delegation_invited & delegation_round_accepts)
rules.add_perm("reviews.submit", is_delegation_focal_point & delegation_invited & delegation_round_accepts)
rules.add_perm("reviews.view_delegation", is_delegation_member | is_working_group)
rules.add_perm("reviews.answer_survey", is_delegation_member & delegation_invited & delegation_round_accepts)
# Upload an offline template: moderators for any delegation (and with no object), reviewers as "reviews.comment".
rules.add_perm(
    "reviews.upload_template", is_moderator | (is_delegation_member & delegation_invited & delegation_round_accepts)
)
# A comment (obj: Comment).
rules.add_perm(
    "reviews.view_comment",
    is_delegation_member
    | (is_working_group & ~is_draft)
    | (is_submitted & visible_to_other_reviewers & invited_to_comment_round),
)
# Drafts belong to the delegation: any of its members may edit, merge or discard them
# (optimistic locking keeps two colleagues from overwriting each other).
rules.add_perm("reviews.change_comment", is_draft & comment_round_accepts & is_delegation_member)
rules.add_perm("reviews.withdraw_comment", is_submitted & comment_round_accepts & is_delegation_focal_point)
rules.add_perm("reviews.reply", (is_delegation_member | is_moderator) & ~is_draft)
rules.add_perm("reviews.download_attachment", is_delegation_member | (is_working_group & ~is_draft))


@rules.predicate
def is_assignee(user, comment) -> bool:
    return comment is not None and comment.assignee_id == user.pk


# Triage (see docs/triage.md): moderators decide; drafters work on the comments assigned to them.
rules.add_perm("reviews.triage", is_moderator)
rules.add_perm("reviews.work_queue", is_working_group)
# Drafters read every submitted comment of every round with its triage, as editors do in ISO and
# W3C practice (docs/security.md); they propose responses only on the comments assigned to them.
rules.add_perm("reviews.view_triage", is_working_group & ~is_draft)
rules.add_perm("reviews.propose_response", is_drafter & is_assignee & ~is_draft)
# Moderators accept or decline the response a drafter proposed (obj: Comment).
rules.add_perm("reviews.decide_proposal", is_moderator & ~is_draft)
