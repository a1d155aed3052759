"""Reminders before a round closes, for delegations with drafts not submitted or no comment at all.

Run daily by a scheduler (``manage.py send_reminders``). Idempotent: each reminder (round,
delegation, days before) is recorded and never sent twice.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.mail import email_in_language
from champions.models import Membership
from reviews.enums import CommentState
from reviews.models import Comment, ReminderSent, ReviewRound


def _due_days(review_round: ReviewRound, now: datetime.datetime) -> list[int]:
    """The reminder days that have come (smallest first): 2 days left → [2, 7] for [7, 2]."""
    left = review_round.closes_at - now
    return sorted(d for d in review_round.reminder_days or [] if left <= datetime.timedelta(days=d))


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    for review_round in ReviewRound.objects.filter(opens_at__lte=now, closes_at__gt=now):
        due = _due_days(review_round, now)
        if not due:
            continue
        counts = {
            (row["member_state"], row["organisation"]): row
            for row in Comment.objects.filter(review_round=review_round)
            .values("member_state", "organisation")
            .annotate(
                drafts=Count("pk", filter=Q(state=CommentState.DRAFT)),
                submitted=Count("pk", filter=Q(state=CommentState.SUBMITTED)),
            )
            .order_by()
        }
        members: dict[tuple, list] = {}
        for membership in Membership.objects.filter(is_active=True, user__is_active=True).select_related(
            "user", "member_state", "organisation"
        ):
            if review_round.invites(membership.delegation):
                members.setdefault(membership.delegation.key, []).append(membership)
        for key, memberships in members.items():
            row = counts.get(key, {"drafts": 0, "submitted": 0})
            if row["drafts"] == 0 and row["submitted"] > 0:
                continue  # everything is submitted: no reminder
            if _record(review_round, key, due):
                sent += _email(review_round, memberships, drafts=row["drafts"])
    return sent


def _record(review_round: ReviewRound, key: tuple, due: list[int]) -> bool:
    """Record the smallest due reminder (and the larger ones, now past); False if already sent."""
    member_state_id, organisation_id = key
    try:
        with transaction.atomic():
            for days in due:
                ReminderSent.objects.create(
                    review_round=review_round,
                    member_state_id=member_state_id,
                    organisation_id=organisation_id,
                    days_before=days,
                )
    except IntegrityError:
        return False
    return True


def _email(review_round: ReviewRound, memberships: list, *, drafts: int) -> int:
    for membership in memberships:
        email_in_language(
            membership.user,
            "reviews/email/reminder",
            {"review_round": review_round, "delegation": membership.delegation, "drafts": drafts},
        )
    return len(memberships)
