"""Pilots: create and edit, status changes (dated, with their history), updates with files.

Status transitions are listed in ``champions.enums.PILOT_TRANSITIONS``; a step back (for
example from completed to in progress) needs a reason. Every change is kept by
simple-history as well (who, when, what).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from champions.enums import PILOT_TRANSITIONS, ChampionRoleKind, PilotStatus
from champions.models import MemberState, Pilot, PilotStatusChange, PilotUpdate, PilotUpdateAttachment
from champions.services.delegations import _by
from champions.services.uploads import MAX_FILES, read_upload
from guidance.enums import VersionStatus
from guidance.text import clean_text

PILOT_FIELDS = ("title", "version", "starts_on", "ends_on", "lead_agency", "partners", "summary")


class StaleEdit(ValidationError):
    """Someone saved in between; nothing was overwritten."""

    def __init__(self):
        super().__init__(
            _("Someone else saved this page while you were editing it. Reload it to see their changes."),
            code="stale",
        )


def _check_dates(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")}, code="dates")


def _check_version(version) -> None:
    if version.status == VersionStatus.DRAFT:
        raise ValidationError(
            {"version": _("Choose a version under review or a final version; drafts are not piloted.")},
            code="version",
        )


@transaction.atomic
def pilot_create(
    *,
    member_state: MemberState,
    title: str,
    version,
    actor,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    objectives=(),
    principles=(),
    lead_agency: str = "",
    partners: str = "",
    summary: str = "",
    status: str = PilotStatus.PLANNED,
) -> Pilot:
    if not member_state.champion_roles.filter(kind=ChampionRoleKind.TESTER).exists():
        raise ValidationError(
            _("%(country)s does not hold the Champion role “%(role)s”; pilots are recorded for Testers/Piloters."),
            params={"country": member_state.name, "role": ChampionRoleKind.TESTER.label},
            code="not_tester",
        )
    _check_version(version)
    _check_dates(starts_on, ends_on)
    pilot = Pilot(
        member_state=member_state,
        title=clean_text(title).strip(),
        version=version,
        status=status,
        status_changed_on=timezone.localdate(),
        starts_on=starts_on,
        ends_on=ends_on,
        lead_agency=clean_text(lead_agency).strip(),
        partners=clean_text(partners).strip(),
        summary=clean_text(summary).strip(),
        created_by=actor,
    )
    pilot.full_clean()
    _by(pilot, actor).save()
    pilot.objectives.set(objectives)
    pilot.principles.set(principles)
    PilotStatusChange.objects.create(
        pilot=pilot, from_status="", to_status=status, changed_on=pilot.status_changed_on, changed_by=actor
    )
    return pilot


@transaction.atomic
def pilot_update(*, pilot: Pilot, actor, lock_version: int, objectives=None, principles=None, **fields) -> Pilot:
    """Save the pilot's details (not its status: see ``pilot_set_status``)."""
    current = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if current.lock_version != lock_version:
        raise StaleEdit()
    for name, value in fields.items():
        if name in PILOT_FIELDS:
            setattr(current, name, clean_text(value).strip() if isinstance(value, str) else value)
    _check_version(current.version)
    _check_dates(current.starts_on, current.ends_on)
    return save_edit(current, actor, objectives=objectives, principles=principles)


def save_edit(current, actor, *, objectives=None, principles=None):
    """Save an edited pilot or practice (locked, checked): one version more, then its objectives and principles."""
    current.lock_version += 1
    current.full_clean()
    _by(current, actor).save()
    if objectives is not None:
        current.objectives.set(objectives)
    if principles is not None:
        current.principles.set(principles)
    return current


def pilot_next_statuses(pilot: Pilot) -> dict[str, bool]:
    """The statuses the pilot may move to, each with whether it is a step back (a reason is needed)."""
    return dict(PILOT_TRANSITIONS[pilot.status])


@transaction.atomic
def pilot_set_status(
    *, pilot: Pilot, status: str, actor, changed_on: datetime.date | None = None, note: str = ""
) -> PilotStatusChange:
    """Move the pilot to ``status`` as of ``changed_on`` (today by default); a step back needs a reason."""
    current = Pilot.objects.select_for_update().get(pk=pilot.pk)
    changed_on = changed_on or timezone.localdate()
    note = clean_text(note).strip()
    allowed = PILOT_TRANSITIONS[current.status]
    if status not in PilotStatus.values:
        raise ValidationError({"status": _("Choose a status.")}, code="status")
    labels = {"current": PilotStatus(current.status).label, "new": PilotStatus(status).label}
    if status not in allowed:
        message = _("A pilot that is “%(current)s” cannot become “%(new)s”.")
        raise ValidationError({"status": message % labels}, code="transition")
    backwards = allowed[status]
    if backwards and not note:
        message = _("Going back from “%(current)s” to “%(new)s” needs a reason: please write it in the note.")
        raise ValidationError({"note": message % labels}, code="reason")
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("The date of the change cannot be in the future.")}, code="future")
    if changed_on < current.status_changed_on:
        message = _("The date of the change cannot be before the previous change (%(date)s).")
        raise ValidationError(
            {"changed_on": message % {"date": formats.date_format(current.status_changed_on)}}, code="past"
        )
    change = PilotStatusChange(
        pilot=current,
        from_status=current.status,
        to_status=status,
        changed_on=changed_on,
        note=note,
        is_backwards=backwards,
        changed_by=actor,
    )
    change.full_clean()
    change.save()
    current.status, current.status_changed_on = status, changed_on
    current.lock_version += 1
    _by(current, actor).save(update_fields=["status", "status_changed_on", "lock_version", "updated_at"])
    pilot.status, pilot.status_changed_on, pilot.lock_version = status, changed_on, current.lock_version
    return change


@transaction.atomic
def pilot_update_post(
    *,
    pilot: Pilot,
    body: str,
    language: str,
    actor,
    posted_on: datetime.date | None = None,
    attachments=(),
) -> PilotUpdate:
    """A dated update on the pilot's progress, with up to five files."""
    body = clean_text(body).strip()
    if not body:
        raise ValidationError({"body": _("Write the update.")}, code="empty")
    posted_on = posted_on or timezone.localdate()
    if posted_on > timezone.localdate():
        raise ValidationError({"posted_on": _("The date cannot be in the future.")}, code="future")
    if len(attachments) > MAX_FILES:
        raise ValidationError({"attachments": _("Attach at most 5 files.")}, code="too_many")
    update = PilotUpdate(pilot=pilot, body=body, language=language, posted_on=posted_on, author=actor)
    update.full_clean()
    _by(update, actor).save()
    for upload in attachments:
        try:
            content, content_type, extension, name = read_upload(upload)
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from error
        attachment = PilotUpdateAttachment(
            update=update, original_name=name, content_type=content_type, size=len(content), uploaded_by=actor
        )
        attachment.file.save(f"update{extension}", ContentFile(content), save=False)
        attachment.save()
    return update
