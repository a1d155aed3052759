"""The receipt of a submission, e-mailed to the delegation's members with its Word copy (a background task).

Called by ``reviews.tasks.send_submission_receipt``, queued by ``submissions.receipt_enqueue``
when a submission commits: the focal point's page does not wait for the Word copies.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from champions.models import Membership
from guidance.uploads import DOCX_TYPE
from reviews.models import Submission
from reviews.selectors import submission_comments
from reviews.services.documents import submission_docx, submission_docx_name

logger = logging.getLogger(__name__)


def submission_receipt_send(*, submission: Submission) -> int:
    """Email the receipt to every active member of the delegation, each in their language, with a Word copy.

    The receipt goes out whatever happens to its attachment: if the Word copy cannot be
    built, the email says where to download it, and the failure is logged.
    """
    members = Membership.objects.filter(submission.delegation.q(), is_active=True, user__is_active=True).select_related(
        "user"
    )
    comments = submission_comments(submission)
    copies: dict[str, bytes | None] = {}  # one Word copy per language, not one per member
    sent = 0
    for membership in members:
        user = membership.user
        language = user.preferred_language
        with translation.override(language), timezone.override(settings.TIME_ZONE):
            if language not in copies:
                copies[language] = _word_copy(submission, comments)
            attachment = copies[language]
            context = {
                "submission": submission,
                "comments": comments,
                "user": user,
                "site_url": settings.SITE_URL,
                "attached": attachment is not None,
            }
            subject = render_to_string("reviews/email/receipt_subject.txt", context).strip()
            body = render_to_string("reviews/email/receipt_message.txt", context)
            filename = submission_docx_name(submission)
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        if attachment is not None:
            message.attach(filename, attachment, DOCX_TYPE)
        try:
            message.send()
        except Exception:  # one unreachable mailbox does not stop the others' receipts
            logger.exception("Could not email the receipt of %s to member %s", submission.reference, user.pk)
            continue
        sent += 1
    return sent


def _word_copy(submission: Submission, comments) -> bytes | None:
    try:
        return submission_docx(submission, comments)
    except Exception:  # the receipt is sent without its attachment, which stays downloadable
        logger.exception("Could not build the Word copy of submission %s", submission.reference)
        return None
