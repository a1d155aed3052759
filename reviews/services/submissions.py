"""A delegation's formal submission: atomic, idempotent, with a receipt by email."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from champions.models import Membership
from reviews.enums import CommentState
from reviews.models import Comment, ReviewRound, Submission
from reviews.selectors import submission_comments
from reviews.services.comments import _check_open
from reviews.services.documents import submission_docx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _reference(review_round: ReviewRound, member_state, organisation) -> str:
    code = member_state.iso3 if member_state else f"ORG{organisation.pk}"
    count = Submission.objects.filter(
        review_round=review_round, member_state=member_state, organisation=organisation
    ).count()
    return f"R{review_round.pk}-{code}-{count + 1:02d}"


def submission_submit(
    *, review_round: ReviewRound, member_state=None, organisation=None, actor, token: uuid.UUID
) -> Submission:
    """Submit every draft of the delegation in the round. The same token submits once (double clicks)."""
    existing = Submission.objects.filter(token=token).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            submission = _submit(review_round, member_state, organisation, actor, token)
    except IntegrityError:
        # The same confirmation posted twice at the same moment: the first one won.
        existing = Submission.objects.filter(token=token).first()
        if existing is None:
            raise
        return existing
    transaction.on_commit(lambda: submission_receipt_send(submission=submission))
    return submission


def _submit(review_round, member_state, organisation, actor, token) -> Submission:
    _check_open(review_round, member_state, organisation)
    drafts = list(
        Comment.objects.select_for_update()
        .filter(
            review_round=review_round, member_state=member_state, organisation=organisation, state=CommentState.DRAFT
        )
        .order_by("pk")
    )
    if not drafts:
        latest = Submission.objects.filter(
            review_round=review_round, member_state=member_state, organisation=organisation
        ).first()
        if latest is not None and (timezone.now() - latest.submitted_at).total_seconds() < 600:
            raise ValidationError(
                _("%(name)s has just submitted your delegation's comments (reference %(reference)s).")
                % {"name": latest.submitted_by, "reference": latest.reference},
                code="already",
            )
        raise ValidationError(_("There is no draft to submit."), code="empty")
    submission = Submission.objects.create(
        review_round=review_round,
        member_state=member_state,
        organisation=organisation,
        submitted_by=actor,
        reference=_reference(review_round, member_state, organisation),
        token=token,
        is_late=not review_round.is_open,
    )
    for comment in drafts:
        comment.state, comment.submission = CommentState.SUBMITTED, submission
        comment.submitted_at = submission.submitted_at
        comment.lock_version += 1
        comment._history_user = actor
        comment.save(update_fields=["state", "submission", "submitted_at", "lock_version", "updated_at"])
    return submission


def submission_receipt_send(*, submission: Submission) -> int:
    """Email the receipt to every active member of the delegation, each in their language, with a Word copy."""
    members = Membership.objects.filter(
        member_state=submission.member_state, organisation=submission.organisation, is_active=True, user__is_active=True
    ).select_related("user")
    comments = submission_comments(submission)
    sent = 0
    for membership in members:
        user = membership.user
        with translation.override(user.preferred_language), timezone.override(settings.TIME_ZONE):
            context = {"submission": submission, "comments": comments, "user": user, "site_url": settings.SITE_URL}
            subject = render_to_string("reviews/email/receipt_subject.txt", context).strip()
            body = render_to_string("reviews/email/receipt_message.txt", context)
            attachment = submission_docx(submission, comments)
            filename = _("comments-%(reference)s.docx") % {"reference": submission.reference}
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach(filename, attachment, DOCX_TYPE)
        message.send()
        sent += 1
    return sent
