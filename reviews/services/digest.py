"""The daily triage digest for the working group: new submissions and the comments assigned to you.

Run daily by a scheduler (``manage.py send_triage_digest``). Idempotent: one digest per
person per day (``DigestSent``); nobody gets an empty email. Each email is in its
recipient's language.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.mail import email_in_language
from accounts.rules import is_moderator
from accounts.selectors import working_group_users
from champions.countries import collation_key, country_name
from reviews.enums import CommentState, Disposition
from reviews.models import Comment, DigestSent


def triage_digest_send(*, now: datetime.datetime | None = None) -> int:
    """Send today's digest to every active moderator and drafter who has something to read; return how many."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=1)
    # New comments on record (formal submissions and feedback entered on a delegation's behalf).
    submissions = list(
        Comment.objects.filter(state=CommentState.SUBMITTED, submitted_at__gte=since, submitted_at__lt=now)
        .values("review_round__title", "member_state__country", "organisation__name")
        .annotate(comment_count=Count("pk"))
        .order_by("review_round__title", "member_state__country", "organisation__name")
    )
    proposals = Comment.objects.filter(state=CommentState.SUBMITTED, proposed_at__isnull=False).count()
    open_work = Q(state=CommentState.SUBMITTED) & (Q(disposition=Disposition.PENDING) | Q(proposed_at__isnull=False))
    assigned: dict[int, list[Comment]] = {}
    for comment in (
        Comment.objects.filter(open_work, assignee__isnull=False)
        .select_related("section__version__document")
        .order_by("assignee_id", "section__version__document__position", "section__order", "pk")
    ):
        assigned.setdefault(comment.assignee_id, []).append(comment)
    sent = 0
    for user in working_group_users().prefetch_related("groups"):
        moderator = is_moderator(user)
        mine = assigned.get(user.pk, [])
        news = _by_name(submissions, user.preferred_language) if moderator else []
        if not (mine or news or (moderator and proposals)):
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=timezone.localdate(now))
        except IntegrityError:
            continue  # already sent today
        email_in_language(
            user,
            "reviews/email/triage_digest",
            {
                "submissions": news,
                "new_comments": sum(s["comment_count"] for s in news),
                "assigned": mine[:25],
                "assigned_count": len(mine),
                "proposals": proposals if moderator else 0,
            },
        )
        sent += 1
    return sent


def _by_name(submissions: list[dict], language: str) -> list[dict]:
    """The digest's lines by round, then by the delegation's name in the reader's language."""

    def name(line: dict) -> str:
        code = line["member_state__country"]
        return country_name(code, language) if code else line["organisation__name"] or ""

    return sorted(submissions, key=lambda line: (line["review_round__title"] or "", collation_key(name(line))))
