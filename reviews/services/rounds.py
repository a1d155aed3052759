"""Review rounds: create, change, extend, close; late submissions allowed one delegation at a time."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from champions.models import Delegation
from guidance.enums import VersionStatus
from reviews.models import DeadlineExtension, ReviewRound

SIMPLE_FIELDS = (
    "title_en",
    "title_fr",
    "title_es",
    "instructions_en",
    "instructions_fr",
    "instructions_es",
    "opens_at",
    "closes_at",
    "audience_groups",
    "comments_visible_to_reviewers",
    "reminder_days",
)


@transaction.atomic
def review_round_save(
    *, review_round: ReviewRound | None, actor, versions, invited_member_states=(), invited_organisations=(), **fields
) -> ReviewRound:
    review_round = review_round or ReviewRound(created_by=actor)
    for name in SIMPLE_FIELDS:
        if name in fields:
            setattr(review_round, name, fields[name])
    if review_round.closes_at and review_round.opens_at and review_round.closes_at <= review_round.opens_at:
        raise ValidationError({"closes_at": _("The round must close after it opens.")})
    if not versions:
        raise ValidationError({"versions": _("Choose at least one version to review.")})
    if any(v.status != VersionStatus.IN_REVIEW for v in versions):
        raise ValidationError(
            {"versions": _("Only versions that are “in review” (frozen) can be reviewed in a round.")}
        )
    if len({v.document_id for v in versions}) != len(versions):
        raise ValidationError({"versions": _("Choose one version of each document.")})
    review_round.full_clean()
    review_round._history_user = actor
    review_round.save()
    review_round.versions.set(versions)
    review_round.invited_member_states.set(invited_member_states)
    review_round.invited_organisations.set(invited_organisations)
    return review_round


@transaction.atomic
def review_round_close(*, review_round: ReviewRound, actor) -> ReviewRound:
    now = timezone.now()
    if review_round.closes_at <= now:
        return review_round
    review_round.closes_at = max(now, review_round.opens_at + timezone.timedelta(seconds=1))
    review_round._history_user = actor
    review_round.save(update_fields=["closes_at"])
    return review_round


@transaction.atomic
def deadline_extension_grant(
    *, review_round: ReviewRound, delegation: Delegation, until, reason: str, actor
) -> DeadlineExtension:
    if until <= timezone.now():
        raise ValidationError({"until": _("Choose a time in the future.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the late submission is accepted: it is kept on record.")})
    extension = DeadlineExtension(
        review_round=review_round,
        **delegation.fields,
        until=until,
        reason=reason.strip(),
        granted_by=actor,
    )
    extension.full_clean()
    extension.save()
    return extension
