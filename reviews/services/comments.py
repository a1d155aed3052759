"""Comments: create, edit (optimistic locking), copy as a new draft, merge, discard, withdraw."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from champions.models import Delegation
from champions.selectors import memberships_of
from guidance.models import Block, Section
from reviews.enums import CommentSource, CommentState
from reviews.models import Comment, ReviewRound
from reviews.rules import accepts_comments
from reviews.services.attachments import attachment_add

EDITABLE_FIELDS = ("kind", "body", "proposed_change", "language")


class EditConflict(ValidationError):
    """Someone changed the comment since the form was opened; nothing was overwritten."""

    def __init__(self, current: Comment):
        self.current = current
        super().__init__(
            _(
                "%(name)s changed this comment while you were editing it. "
                "Both versions are shown: keep one, or combine them."
            )
            % {"name": current.history.first().history_user or _("A colleague")},
            code="conflict",
        )


def round_closed_error(review_round: ReviewRound) -> ValidationError:
    return ValidationError(
        _("The round “%(round)s” closed on %(deadline)s (Geneva time). Comments can no longer be added or changed.")
        % {"round": review_round.title, "deadline": formats.date_format(review_round.closes_at, "DATETIME_FORMAT")},
        code="closed",
    )


def _check_open(review_round: ReviewRound, delegation: Delegation) -> None:
    review_round.__dict__.pop("late_delegations", None)  # a write checks the allowance as it is now
    if not accepts_comments(review_round, delegation.key):
        if review_round.status == "scheduled":
            raise ValidationError(
                _("The round “%(round)s” is not open yet.") % {"round": review_round.title}, code="scheduled"
            )
        raise round_closed_error(review_round)


def _check_target(review_round: ReviewRound, section: Section, block_key: str) -> int | None:
    """Check the section is under review and the paragraph is in it; return the paragraph's number."""
    if not review_round.versions.filter(pk=section.version_id).exists():
        raise ValidationError(_("This section is not part of a version under review in this round."), code="section")
    if not block_key:
        return None
    position = Block.objects.filter(section=section, key=block_key).values_list("position", flat=True).first()
    if position is None:
        raise ValidationError(_("The paragraph you commented on is not in this section."), code="block")
    return position


def _clean_text(fields: dict) -> dict:
    for name in ("body", "proposed_change", "quote"):
        if name in fields and fields[name] is not None:
            fields[name] = fields[name].replace("\r\n", "\n").strip()
    if "body" in fields and not fields["body"]:
        raise ValidationError({"body": _("Write your comment.")}, code="empty")
    return fields


@transaction.atomic
def comment_create(
    *,
    review_round: ReviewRound,
    section: Section,
    author,
    delegation: Delegation,
    body: str,
    kind: str,
    language: str,
    proposed_change: str = "",
    block_key: str = "",
    quote: str = "",
    source: str = CommentSource.PLATFORM,
    external_feedback=None,
    offline_key: str = "",
    attachments=(),
    state: str = CommentState.DRAFT,
    on_behalf: bool = False,
) -> Comment:
    """A comment of a delegation: a draft by one of its members, or feedback a moderator enters on its behalf.

    ``on_behalf`` is for the working group's entry of feedback received outside the app
    (the view checks ``reviews.enter_feedback``); such comments may come after the deadline.
    """
    if delegation is None:
        raise ValidationError(_("Choose the delegation you comment for."), code="delegation")
    if not on_behalf:
        if not any(m.delegation == delegation for m in memberships_of(author)):
            raise ValidationError(_("You can only comment on behalf of your own delegation."), code="not_member")
    if not review_round.invites(delegation):
        raise ValidationError(_("This delegation is not invited to this round."), code="not_invited")
    if not on_behalf:
        _check_open(review_round, delegation)
    paragraph = _check_target(review_round, section, block_key)
    fields = _clean_text({"body": body, "proposed_change": proposed_change, "quote": quote[:2000] if quote else ""})
    comment = Comment(
        review_round=review_round,
        section=section,
        author=author,
        **delegation.fields,
        kind=kind,
        language=language,
        block_key=block_key if block_key else "",
        paragraph=paragraph,
        source=source,
        external_feedback=external_feedback,
        offline_key=offline_key,
        state=state,
        submitted_at=timezone.now() if state == CommentState.SUBMITTED else None,
        **fields,
    )
    comment.full_clean()
    comment._history_user = author
    comment.save()
    _attach(comment, attachments, author)
    return comment


@transaction.atomic
def comment_copy_as_draft(*, original: Comment, author, kind: str, body: str, proposed_change: str, language: str):
    """Keep text typed into a comment that was submitted meanwhile: a new draft on the same target.

    The new draft points at the original's section, paragraph and quoted passage, for the
    same delegation; the submitted comment is not touched.
    """
    return comment_create(
        review_round=original.review_round,
        section=original.section,
        author=author,
        delegation=original.delegation,
        kind=kind,
        body=body,
        proposed_change=proposed_change,
        language=language,
        block_key=original.block_key,
        quote=original.quote,
    )


def _attach(comment: Comment, uploads, actor) -> None:
    try:
        for upload in uploads:
            attachment_add(comment=comment, upload=upload, actor=actor)
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error


def _locked(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().select_related("review_round").get(pk=comment.pk)


@transaction.atomic
def comment_update(*, comment: Comment, actor, lock_version: int, attachments=(), **fields) -> Comment:
    """Save an edit unless someone saved in between (then ``EditConflict``, nothing overwritten)."""
    current = _locked(comment)
    if current.state != CommentState.DRAFT:
        raise ValidationError(_("This comment was submitted and can no longer be edited."), code="submitted")
    _check_open(current.review_round, current.delegation)
    if current.lock_version != lock_version:
        raise EditConflict(current)
    fields = _clean_text({k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    for name, value in fields.items():
        setattr(current, name, value)
    current.lock_version += 1
    current.full_clean()
    current._history_user = actor
    current.save()
    _attach(current, attachments, actor)
    return current


@transaction.atomic
def comment_discard(*, comment: Comment, actor) -> None:
    """A draft is deleted; its history keeps what it said."""
    current = _locked(comment)
    if current.state != CommentState.DRAFT:
        raise ValidationError(
            _("Only drafts can be discarded; withdraw a submitted comment instead."), code="submitted"
        )
    _check_open(current.review_round, current.delegation)
    current._history_user = actor
    current.delete()


@transaction.atomic
def comment_merge(*, target: Comment, other: Comment, actor) -> Comment:
    """Combine two drafts of the same delegation and section into ``target``; ``other`` is discarded."""
    if target.pk == other.pk:
        raise ValidationError(_("A draft cannot be merged into itself."), code="same")
    target, other = _locked(target), _locked(other)
    if {target.state, other.state} != {CommentState.DRAFT}:
        raise ValidationError(_("Only drafts can be merged."), code="submitted")
    if (target.member_state_id, target.organisation_id, target.review_round_id, target.section_id) != (
        other.member_state_id,
        other.organisation_id,
        other.review_round_id,
        other.section_id,
    ):
        raise ValidationError(_("Only drafts of the same delegation on the same section can be merged."), code="other")
    _check_open(target.review_round, target.delegation)
    target.body = f"{target.body}\n\n{other.body}"
    if other.proposed_change:
        target.proposed_change = "\n\n".join(p for p in (target.proposed_change, other.proposed_change) if p)
    target.lock_version += 1
    target.full_clean()
    target._history_user = actor
    target.save()
    other.attachments.update(comment=target)
    other._history_user = actor
    other.delete()
    return target


@transaction.atomic
def comment_withdraw(*, comment: Comment, actor) -> Comment:
    """A submitted comment is withdrawn, not deleted: it stays on record."""
    current = _locked(comment)
    if current.state != CommentState.SUBMITTED:
        raise ValidationError(_("Only submitted comments can be withdrawn."), code="state")
    _check_open(current.review_round, current.delegation)
    current.state = CommentState.WITHDRAWN
    current.lock_version += 1
    current._history_user = actor
    current.save(update_fields=["state", "lock_version", "updated_at"])
    return current
