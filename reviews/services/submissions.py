"""A delegation's formal submission: atomic, idempotent, with a receipt by email."""

import logging
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from champions.models import Delegation
from reviews import tasks
from reviews.enums import CommentState
from reviews.models import Comment, ReviewRound, Submission
from reviews.services.comments import _check_open

logger = logging.getLogger(__name__)


def _reference(review_round: ReviewRound, delegation: Delegation) -> str:
    code = delegation.member_state.iso3 if delegation.member_state else f"ORG{delegation.organisation.pk}"
    count = Submission.objects.filter(delegation.q(), review_round=review_round).count()
    return f"R{review_round.pk}-{code}-{count + 1:02d}"


def submission_submit(
    *,
    review_round: ReviewRound,
    delegation: Delegation,
    actor,
    token: uuid.UUID,
    confirmed: dict[int, int] | None = None,
) -> Submission:
    """Submit the drafts the focal point confirmed; the same token submits once (double clicks).

    ``confirmed`` maps the id of each draft shown on the confirmation page to its
    ``lock_version`` then. Only those drafts, unchanged, are submitted: a draft added or
    edited since stays a draft (``kept_as_drafts``), a draft shown but discarded or merged
    meanwhile is counted in ``missing_drafts``. ``None`` submits every draft (scripts).
    The receipt is emailed in the background once the submission is committed.
    """
    existing = Submission.objects.filter(token=token).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            submission = _submit(review_round, delegation, actor, token, confirmed)
    except IntegrityError:
        # The same confirmation posted twice at the same moment: the first one won.
        existing = Submission.objects.filter(token=token).first()
        if existing is None:
            raise
        return existing
    transaction.on_commit(lambda: receipt_enqueue(submission=submission))
    return submission


def receipt_enqueue(*, submission: Submission) -> None:
    """Hand the receipt emails to the task worker: the focal point's page does not wait for them."""
    try:
        tasks.send_submission_receipt.enqueue(submission.pk)
    except Exception:  # the submission stands; the receipt is also on its page and in the Word download
        logger.exception("Could not queue the receipt of submission %s", submission.reference)


def _just_submitted(review_round, delegation: Delegation) -> ValidationError | None:
    latest = Submission.objects.filter(delegation.q(), review_round=review_round).first()
    if latest is not None and (timezone.now() - latest.submitted_at).total_seconds() < 600:
        return ValidationError(
            _("%(name)s has just submitted your delegation's comments (reference %(reference)s).")
            % {"name": latest.submitted_by, "reference": latest.reference},
            code="already",
        )
    return None


def _submit(review_round, delegation: Delegation, actor, token, confirmed) -> Submission:
    _check_open(review_round, delegation)
    drafts = list(
        Comment.objects.select_for_update()
        .filter(delegation.q(), review_round=review_round, state=CommentState.DRAFT)
        .order_by("pk")
    )
    if confirmed is None:
        chosen, missing = drafts, 0
    else:
        chosen = [d for d in drafts if confirmed.get(d.pk) == d.lock_version]
        current = {d.pk for d in drafts}
        missing = sum(1 for pk in confirmed if pk not in current)
    if not chosen:
        already = _just_submitted(review_round, delegation)
        if already is not None:
            raise already
        if confirmed and drafts:
            raise ValidationError(
                _("The drafts changed after you opened the confirmation page. Check them again, then submit."),
                code="changed",
            )
        if confirmed:
            raise ValidationError(
                _("The drafts you confirmed were discarded or merged meanwhile: nothing was submitted."),
                code="changed",
            )
        raise ValidationError(_("There is no draft to submit."), code="empty")
    submission = Submission.objects.create(
        review_round=review_round,
        **delegation.fields,
        submitted_by=actor,
        reference=_reference(review_round, delegation),
        token=token,
        is_late=not review_round.is_open,
        kept_as_drafts=len(drafts) - len(chosen),
        missing_drafts=missing,
    )
    for comment in chosen:
        comment.state, comment.submission = CommentState.SUBMITTED, submission
        comment.submitted_at = comment.updated_at = submission.submitted_at
        comment.lock_version += 1
    # Two statements, not two per comment: the delegation's drafts stay locked for less time.
    bulk_update_with_history(
        chosen,
        Comment,
        ["state", "submission", "submitted_at", "lock_version", "updated_at"],
        default_user=actor,
        default_date=submission.submitted_at,
        batch_size=500,
    )
    return submission
