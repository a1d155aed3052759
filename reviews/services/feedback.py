"""Feedback received outside the app (letters, bilateral discussions), the survey, and replies."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.mail import email_in_language
from accounts.roles import MODERATORS
from accounts.rules import is_working_group
from champions.models import Delegation, Membership
from guidance.uploads import display_name
from reviews.enums import CommentSource, CommentState
from reviews.models import Comment, ExternalFeedback, Reply, ReviewRound, SurveyResponse
from reviews.rules import accepts_comments
from reviews.services.attachments import MAX_BYTES, attachment_kind
from reviews.services.comments import EditConflict, comment_create, round_closed_error


@transaction.atomic
def external_feedback_record(
    *,
    review_round: ReviewRound,
    member_state=None,
    organisation=None,
    source: str,
    received_on: datetime.date,
    participants: str = "",
    notes: str = "",
    letter=None,
    actor,
) -> ExternalFeedback:
    if source not in {CommentSource.WRITTEN, CommentSource.BILATERAL}:
        raise ValidationError({"source": _("Choose a written submission or a bilateral meeting.")})
    feedback = ExternalFeedback(
        review_round=review_round,
        member_state=member_state,
        organisation=organisation,
        source=source,
        received_on=received_on,
        participants=participants.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    if letter is not None:
        if letter.size > MAX_BYTES:
            raise ValidationError({"letter": _("“%(name)s” is larger than 10 MB.") % {"name": letter.name[:100]}})
        content = letter.read(MAX_BYTES + 1)
        try:
            _content_type, extension = attachment_kind(content)
        except ValidationError as error:
            raise ValidationError({"letter": error.messages}) from error
        feedback.letter_name = display_name(letter.name, extension)
        feedback.letter.save(f"letter{extension}", ContentFile(content), save=False)
    feedback.full_clean()
    feedback.save()
    return feedback


def feedback_comment_add(
    *,
    feedback: ExternalFeedback,
    section,
    kind: str,
    body: str,
    proposed_change: str = "",
    block_key: str = "",
    language: str,
    actor,
) -> Comment:
    """A comment taken from a letter or a meeting, entered by the working group: it is on record at once."""
    return comment_create(
        review_round=feedback.review_round,
        section=section,
        author=actor,
        delegation=feedback.delegation,
        kind=kind,
        body=body,
        proposed_change=proposed_change,
        block_key=block_key,
        language=language,
        source=feedback.source,
        external_feedback=feedback,
        state=CommentState.SUBMITTED,
        on_behalf=True,
    )


@transaction.atomic
def survey_save(
    *,
    review_round: ReviewRound,
    document,
    delegation: Delegation,
    clarity: int,
    usefulness: int,
    ease: int,
    remarks: str = "",
    lock_version: int | None,
    actor,
) -> SurveyResponse:
    """One answer per delegation and document, editable until the round closes (no silent overwrite)."""
    if not accepts_comments(review_round, delegation.key):
        raise round_closed_error(review_round)
    response = (
        SurveyResponse.objects.select_for_update()
        .filter(delegation.q(), review_round=review_round, document=document)
        .first()
    )
    if response is None:
        response = SurveyResponse(review_round=review_round, document=document, **delegation.fields)
    elif lock_version != response.lock_version:
        raise EditConflict(response)
    else:
        response.lock_version += 1
    response.clarity, response.usefulness, response.ease = clarity, usefulness, ease
    response.remarks, response.updated_by = remarks.strip(), actor
    response.full_clean()
    response._history_user = actor
    response.save()
    return response


@transaction.atomic
def reply_post(*, comment: Comment, author, body: str) -> Reply:
    """A question from the working group, or the delegation's answer; the other side is told by email."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write your message.")})
    reply = Reply(comment=comment, author=author, body=body, from_working_group=is_working_group(author))
    reply.full_clean()
    reply.save()
    transaction.on_commit(lambda: _notify(reply))
    return reply


def _notify(reply: Reply) -> int:
    comment = reply.comment
    if reply.from_working_group:
        recipients = [
            m.user
            for m in Membership.objects.filter(
                **comment.delegation.fields,
                is_active=True,
                user__is_active=True,
            ).select_related("user")
        ]
    else:
        recipients = list(get_user_model().objects.filter(groups__name=MODERATORS, is_active=True))
    for user in recipients:
        email_in_language(user, "reviews/email/reply", {"reply": reply, "comment": comment})
    return len(recipients)
