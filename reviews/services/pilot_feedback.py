"""Pilot feedback into the guidance: each item becomes a comment with the source "pilot".

A focal point (or a moderator) tells, for a section used in the pilot, what worked, what was
hard and what should change. The item is kept with the pilot (``champions.PilotFeedback``)
and becomes a submitted comment of the country in the current round — the open round that
reviews the piloted document, else the latest one — or in the round the moderators name.
The section is found in that round's version by its stable anchor, so feedback on Draft 1
reaches the round on Draft 2. Triage then treats it like any other comment.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from champions.models import Delegation, Pilot, PilotFeedback
from guidance.models import Section
from guidance.text import clean_text
from reviews.enums import CommentKind, CommentSource, CommentState
from reviews.models import Comment, ReviewRound
from reviews.services.comments import comment_create


def pilot_feedback_rounds(pilot: Pilot):
    """Rounds that review a version of the piloted document: open ones first, then the latest opened."""
    now = timezone.now()
    return (
        ReviewRound.objects.filter(versions__document_id=pilot.version.document_id, opens_at__lte=now)
        .distinct()
        .annotate(open_now=Case(When(closes_at__gt=now, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("open_now", "-opens_at", "-pk")
    )


def pilot_feedback_round(pilot: Pilot) -> ReviewRound:
    review_round = pilot_feedback_rounds(pilot).first()
    if review_round is None:
        raise ValidationError(
            _("No review round has opened on “%(document)s” yet: the feedback has nowhere to go.")
            % {"document": pilot.version.document.title},
            code="no_round",
        )
    return review_round


def _section_in_round(review_round: ReviewRound, section: Section) -> Section:
    target = (
        Section.objects.filter(
            version__in=review_round.versions.all(),
            version__document_id=section.version.document_id,
            anchor=section.anchor,
        )
        .select_related("version")
        .first()
    )
    if target is None:
        raise ValidationError(
            {
                "section": _("Section %(number)s is not in the version that the round “%(round)s” reviews.")
                % {"number": section.number, "round": review_round.title}
            },
            code="section",
        )
    return target


def _body(what_worked: str, what_was_hard: str, language: str) -> str:
    """The comment's text, with its two parts labelled in the language it is written in."""
    with translation.override(language):
        parts = [
            (_("What worked"), what_worked),
            (_("What was hard"), what_was_hard),
        ]
        # The colon is the language's own (French puts a no-break space before it).
        return "\n\n".join(_("%(label)s: %(text)s") % {"label": label, "text": text} for label, text in parts if text)


@transaction.atomic
def pilot_feedback_add(
    *,
    pilot: Pilot,
    section: Section,
    language: str,
    actor,
    what_worked: str = "",
    what_was_hard: str = "",
    suggested_change: str = "",
    review_round: ReviewRound | None = None,
) -> Comment:
    """Record one item of pilot feedback and make it a submitted comment of the pilot's country."""
    what_worked, what_was_hard = clean_text(what_worked).strip(), clean_text(what_was_hard).strip()
    suggested_change = clean_text(suggested_change).strip()
    if not (what_worked or what_was_hard or suggested_change):
        raise ValidationError(_("Say what worked, what was hard or what should change (at least one)."), code="empty")
    if section.version_id != pilot.version_id:
        raise ValidationError({"section": _("Choose a section of the version piloted.")}, code="section")
    review_round = review_round or pilot_feedback_round(pilot)
    target = _section_in_round(review_round, section)
    item = PilotFeedback(
        pilot=pilot,
        section=section,
        what_worked=what_worked,
        what_was_hard=what_was_hard,
        suggested_change=suggested_change,
        language=language,
        author=actor,
    )
    item.full_clean()
    item.save()
    comment = comment_create(
        review_round=review_round,
        section=target,
        author=actor,
        delegation=Delegation(pilot.member_state),
        kind=CommentKind.GENERAL,
        body=_body(what_worked, what_was_hard, language) or suggested_change,
        proposed_change=suggested_change,
        language=language,
        source=CommentSource.PILOT,
        state=CommentState.SUBMITTED,
        on_behalf=True,  # the pilot's own channel: it may come after the round's deadline
    )
    Comment.objects.filter(pk=comment.pk).update(pilot_feedback=item)  # the link, without a second history entry
    comment.pilot_feedback = item
    return comment
