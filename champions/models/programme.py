"""What Champion countries do with the guidance: pilots (with updates and a status history),
pilot feedback, Promoters' and Convenors' activities, and practices for the knowledge platform.

Workflows live in ``champions/services/`` (pilots, activities, practices); pilot feedback
becomes a comment through ``reviews.services.pilot_feedback`` (reviews imports champions,
never the reverse). See docs/champions.md.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from champions.enums import (
    PILOT_STATUS_TAGS,
    PRACTICE_TAGS,
    ActivityKind,
    PilotStatus,
    PracticeAction,
    PracticeKind,
    PracticeStatus,
)
from champions.models.delegations import MemberState
from guidance.models import DocumentVersion, GuidingPrinciple, Objective, Section

TEXT_MAX_LENGTH = 5000
BODY_MAX_LENGTH = 30000


class Pilot(models.Model):
    """A Champion country (Tester/Piloter) tries a version of the guidance in practice."""

    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("Member State")
    )
    title = models.CharField(_("title"), max_length=200)
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("guidance version piloted")
    )
    status = models.CharField(_("status"), max_length=20, choices=PilotStatus.choices, default=PilotStatus.PLANNED)
    status_changed_on = models.DateField(_("status since"), default=timezone.localdate)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="pilots", verbose_name=_("GCM objectives covered")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="pilots", verbose_name=_("guiding principles covered")
    )
    lead_agency = models.CharField(_("lead ministry or agency"), max_length=300, blank=True)
    partners = models.TextField(_("partners"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    lock_version = models.PositiveIntegerField(default=1, help_text="Optimistic locking: incremented on every change.")

    class Meta:
        ordering = ["member_state__name_en", "-starts_on", "pk"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="pilot_ends_after_start",
                violation_error_message=_("The end date is before the start date."),
            )
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["member_state", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("champions:pilot_detail", kwargs={"pk": self.pk})

    @property
    def status_tag(self) -> str:
        return PILOT_STATUS_TAGS[self.status]


class PilotStatusChange(models.Model):
    """One step of a pilot's status history, with its date (as it happened, not as recorded)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=PilotStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PilotStatus.choices)
    changed_on = models.DateField(_("date of the change"))
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    is_backwards = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-recorded_at", "-pk"]
        verbose_name = _("pilot status change")
        verbose_name_plural = _("pilot status changes")

    def __str__(self) -> str:
        return f"{self.pilot}: {self.get_to_status_display()} ({self.changed_on})"


class PilotUpdate(models.Model):
    """A dated note on the pilot's progress, by a focal point of the country or a moderator."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="updates")
    posted_on = models.DateField(_("date"), default=timezone.localdate)
    body = models.TextField(_("update"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-posted_on", "-created_at", "-pk"]
        verbose_name = _("pilot update")
        verbose_name_plural = _("pilot updates")
        indexes = [models.Index(fields=["pilot", "-posted_on"])]

    def __str__(self) -> str:
        return f"{self.pilot} — {self.posted_on}"


def programme_file_path(instance, filename: str) -> str:
    # Stored under a random name; the original name is kept in the database only.
    return f"programme/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:6]}"


class StoredFile(models.Model):
    """A file someone uploaded, kept under a random name (``file``: each model gives its own
    ``upload_to``) with the name, type and size it came with (comment attachments, pilot updates)."""

    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class PilotUpdateAttachment(StoredFile):
    update = models.ForeignKey(PilotUpdate, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=programme_file_path)

    class Meta(StoredFile.Meta):
        ordering = ["pk"]

    def get_absolute_url(self) -> str:
        return reverse("champions:pilot_attachment", kwargs={"pk": self.pk})


class PilotFeedback(models.Model):
    """Structured feedback on a section used in a pilot; ``reviews`` turns each item into a comment."""

    pilot = models.ForeignKey(Pilot, on_delete=models.PROTECT, related_name="feedback")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="+", verbose_name=_("section"))
    what_worked = models.TextField(_("what worked"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    what_was_hard = models.TextField(_("what was hard"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    suggested_change = models.TextField(
        _("suggested change"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pilot feedback")
        verbose_name_plural = _("pilot feedback")

    def __str__(self) -> str:
        return f"{self.pilot} — {self.section.number}"


class Activity(models.Model):
    """What a Promoter or a Convenor did: a briefing, a reference in a meeting, a peer-learning session."""

    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="activities", verbose_name=_("Member State")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    link = models.URLField(_("link"), max_length=500, blank=True, help_text=_("For example https://…"))
    countries = models.ManyToManyField(MemberState, blank=True, related_name="+", verbose_name=_("countries involved"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["member_state", "-held_on"])]

    def __str__(self) -> str:
        return self.title


class Practice(models.Model):
    """A case study, positive practice or lesson learned; public once approved and published.

    ``title``, ``summary`` and ``body`` are translated (champions/translation.py); the
    author writes in one language and the working group may add the others.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=PracticeKind.choices)
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="practices", verbose_name=_("Member State")
    )
    pilot = models.ForeignKey(
        Pilot, on_delete=models.SET_NULL, null=True, blank=True, related_name="practices", verbose_name=_("pilot")
    )
    # Blank allowed per language: the service requires one complete language (``practice_check_text``).
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(1000)])
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown."), validators=[MaxLengthValidator(BODY_MAX_LENGTH)]
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="practices", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="practices", verbose_name=_("guiding principles")
    )
    original_language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1, help_text="Optimistic locking: incremented on every change.")

    class Meta:
        ordering = ["-published_at", "-updated_at", "-pk"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=PracticeStatus.PUBLISHED)
                | (models.Q(approved_at__isnull=False) & models.Q(published_at__isnull=False)),
                name="practice_published_after_approval",
                violation_error_message=_("Only an approved practice can be published."),
            )
        ]
        indexes = [models.Index(fields=["status", "-published_at"]), models.Index(fields=["member_state", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The public page (published practices only answer there)."""
        return reverse("champions:practice_public_detail", kwargs={"pk": self.pk})

    def get_manage_url(self) -> str:
        return reverse("champions:practice_detail", kwargs={"pk": self.pk})

    def language_shown(self, language: str) -> str:
        """The language a reader of ``language`` sees: theirs if written, else English, French, Spanish."""
        for code in (language, "en", "fr", "es"):
            if getattr(self, f"title_{code}", ""):
                return code
        return self.original_language

    @property
    def status_tag(self) -> str:
        return PRACTICE_TAGS[self.status]


class PracticeMessage(models.Model):
    """The conversation between reviewer and author at each step of a practice's workflow."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_working_group = models.BooleanField(default=False)
    status = models.CharField(
        _("step"), max_length=20, choices=PracticeStatus.choices, help_text="The practice's status after the message."
    )
    action = models.CharField(_("action"), max_length=20, choices=PracticeAction.choices, blank=True)
    body = models.TextField(_("message"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("practice message")
        verbose_name_plural = _("practice messages")

    def __str__(self) -> str:
        return f"{self.practice} — {self.created_at:%Y-%m-%d}"
