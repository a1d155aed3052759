"""Practices (case studies, positive practices, lessons learned) and their review workflow.

draft → submitted → changes requested → (submitted again) → approved → published; a
published practice may be withdrawn from publication (back to approved, with a reason).
Each step may carry a message; asking for changes and withdrawing need one. Who may take
each step is in ``champions/rules.py`` (``PRACTICE_ACTION_PERMISSIONS``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import email_in_language
from accounts.rules import is_moderator
from accounts.selectors import moderator_users
from champions.enums import PracticeAction, PracticeStatus
from champions.models import MemberState, Pilot, Practice, PracticeMessage
from champions.services.delegations import _by
from champions.services.pilots import StaleEdit, save_edit
from guidance.text import clean_text

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXT_FIELDS = ("title", "summary", "body")


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    needs_message: bool


STEPS = {
    PracticeAction.SUBMIT: Step(
        (PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED), PracticeStatus.SUBMITTED, False
    ),
    PracticeAction.REQUEST_CHANGES: Step(
        (PracticeStatus.SUBMITTED, PracticeStatus.APPROVED), PracticeStatus.CHANGES_REQUESTED, True
    ),
    PracticeAction.APPROVE: Step((PracticeStatus.SUBMITTED,), PracticeStatus.APPROVED, False),
    PracticeAction.PUBLISH: Step((PracticeStatus.APPROVED,), PracticeStatus.PUBLISHED, False),
    PracticeAction.UNPUBLISH: Step((PracticeStatus.PUBLISHED,), PracticeStatus.APPROVED, True),
}


def practice_check_text(fields: dict) -> None:
    """At least one language has a title, a summary and a text; a language is either complete or empty."""
    complete = []
    for language in LANGUAGES:
        values = [(fields.get(f"{name}_{language}") or "").strip() for name in TEXT_FIELDS]
        if all(values):
            complete.append(language)
        elif any(values):
            missing = next(name for name, value in zip(TEXT_FIELDS, values, strict=True) if not value)
            raise ValidationError(
                {f"{missing}_{language}": _("Give the title, the summary and the text in this language, or none.")},
                code="incomplete",
            )
    if not complete:
        raise ValidationError(
            _("Give the title, the summary and the text in at least one language."), code="no_language"
        )


def _check_pilot(member_state: MemberState, pilot: Pilot | None) -> None:
    if pilot is not None and pilot.member_state_id != member_state.pk:
        raise ValidationError({"pilot": _("Choose a pilot of the same country.")}, code="pilot")


def _set_text(practice: Practice, fields: dict) -> None:
    for name in TEXT_FIELDS:
        for language in LANGUAGES:
            key = f"{name}_{language}"
            if key in fields:
                setattr(practice, key, clean_text(fields[key]).strip())


@transaction.atomic
def practice_create(
    *,
    member_state: MemberState,
    kind: str,
    original_language: str,
    actor,
    pilot: Pilot | None = None,
    objectives=(),
    principles=(),
    **text,
) -> Practice:
    """A new practice, as a draft of its author (a focal point of the country or a moderator)."""
    practice_check_text(text)
    _check_pilot(member_state, pilot)
    practice = Practice(
        member_state=member_state, kind=kind, pilot=pilot, original_language=original_language, author=actor
    )
    _set_text(practice, text)
    practice.full_clean()
    _by(practice, actor).save()
    practice.objectives.set(objectives)
    practice.principles.set(principles)
    return practice


@transaction.atomic
def practice_update(
    *, practice: Practice, actor, lock_version: int, objectives=None, principles=None, **fields
) -> Practice:
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    if current.lock_version != lock_version:
        raise StaleEdit()
    text = {f"{n}_{lang}": getattr(current, f"{n}_{lang}") for n in TEXT_FIELDS for lang in LANGUAGES}
    text.update({k: v for k, v in fields.items() if k in text})
    practice_check_text(text)
    _set_text(current, text)
    for name in ("kind", "pilot", "original_language"):
        if name in fields:
            setattr(current, name, fields[name])
    _check_pilot(current.member_state, current.pilot)
    return save_edit(current, actor, objectives=objectives, principles=principles)


@transaction.atomic
def practice_transition(*, practice: Practice, action: str, actor, message: str = "", notify: bool = True) -> Practice:
    """Take one step of the workflow; refuses a step the practice's status does not allow."""
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    step = STEPS.get(action)
    if step is None:
        raise ValidationError(_("Choose an action."), code="action")
    if current.status not in step.sources:
        if action == PracticeAction.PUBLISH:
            raise ValidationError(_("Only an approved practice can be published."), code="not_approved")
        raise ValidationError(
            _("This step is not possible while the practice is “%(status)s”.")
            % {"status": PracticeStatus(current.status).label},
            code="transition",
        )
    message = clean_text(message).strip()
    if step.needs_message and not message:
        raise ValidationError({"message": _("Please explain in the message what should change.")}, code="reason")
    now = timezone.now()
    current.status = step.target
    if action == PracticeAction.SUBMIT:
        current.submitted_at = now
    elif action == PracticeAction.APPROVE:
        current.approved_at, current.approved_by = now, actor
    elif action == PracticeAction.PUBLISH:
        current.published_at = now
    elif action in (PracticeAction.UNPUBLISH, PracticeAction.REQUEST_CHANGES):
        current.published_at = None
        if action == PracticeAction.REQUEST_CHANGES:
            current.approved_at, current.approved_by = None, None
    current.lock_version += 1
    current.full_clean()
    _by(current, actor).save()
    note = _message(current, actor, message, action)
    if notify:  # the demo data is loaded without e-mails
        transaction.on_commit(lambda: _notify(current, note))
    return current


def _message(practice: Practice, actor, body: str, action: str = "") -> PracticeMessage:
    note = PracticeMessage(
        practice=practice,
        author=actor,
        from_working_group=is_moderator(actor),
        status=practice.status,
        action=action,
        body=body,
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def practice_message_post(*, practice: Practice, actor, body: str, notify: bool = True) -> PracticeMessage:
    """A message between reviewer and author, at the practice's current step."""
    body = clean_text(body).strip()
    if not body:
        raise ValidationError({"body": _("Write your message.")}, code="empty")
    note = _message(practice, actor, body)
    if notify:
        transaction.on_commit(lambda: _notify(practice, note))
    return note


def _recipients(practice: Practice, note: PracticeMessage) -> list:
    """The other side of the conversation, never the writer.

    From the working group, the author hears of it. From the author's side, the moderators
    who have already taken part (a message, a step, the approval) do; when none has yet, every
    moderator does, so that a first submission is never missed.
    """
    if note.from_working_group:
        people = [practice.author]
    else:
        taking_part = set(practice.messages.filter(from_working_group=True).values_list("author_id", flat=True)) | (
            {practice.approved_by_id} - {None}
        )
        moderators = moderator_users()
        people = list(moderators.filter(pk__in=taking_part)) or list(moderators)
    return [person for person in people if person.is_active and person.pk != note.author_id]


def _notify(practice: Practice, note: PracticeMessage) -> None:
    """One email per recipient, in their language, with the step or the message and the link."""
    template = "champions/email/practice_step" if note.action else "champions/email/practice_message"
    context = {"practice": practice, "note": note, "action": note.action, "country": practice.member_state}
    for person in _recipients(practice, note):
        email_in_language(person, template, context)
