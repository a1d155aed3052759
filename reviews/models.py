"""Review rounds, comments and their delegation's formal submissions.

A comment belongs to a round, a section (and optionally one paragraph, by its block key,
with the quoted passage), an author and a *delegation* (a Member State or an
organisation). Drafts are shared within the delegation; the focal point submits them
formally; submitted comments are locked. See docs/reviews.md.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from champions.models import (
    Delegation,
    DelegationOwned,
    MemberState,
    Organisation,
    StoredFile,
    delegation_fields,
    one_delegation,
)
from guidance.models import Document, DocumentVersion, Section
from reviews.enums import (
    CommentKind,
    CommentSource,
    CommentState,
    Disposition,
    ExportFormat,
    ExportStatus,
    Priority,
    RoundStatus,
)

COMMENT_MAX_LENGTH = 5000


class ReviewRound(models.Model):
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True, help_text=_("Markdown."))
    versions = models.ManyToManyField(
        DocumentVersion, related_name="review_rounds", verbose_name=_("versions under review")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    audience_groups = models.JSONField(
        _("invited reviewer groups"), default=list, blank=True, help_text=_("Everyone in these groups is invited.")
    )
    invited_member_states = models.ManyToManyField(
        MemberState, blank=True, related_name="+", verbose_name=_("also invited: Member States")
    )
    invited_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("also invited: organisations")
    )
    comments_visible_to_reviewers = models.BooleanField(
        _("submitted comments visible to other reviewers"),
        default=False,
        help_text=_("By default a delegation's comments are seen only by the delegation and the working group."),
    )
    reminder_days = models.JSONField(
        _("reminders (days before closing)"), default=list, blank=True, help_text=_("For example [7, 2].")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:round_detail", kwargs={"pk": self.pk})

    @property
    def status(self) -> str:
        now = timezone.now()
        if now < self.opens_at:
            return RoundStatus.SCHEDULED
        if now >= self.closes_at:
            return RoundStatus.CLOSED
        return RoundStatus.OPEN

    def get_status_display(self) -> str:
        return RoundStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    def invites(self, delegation: Delegation) -> bool:
        """Whether the delegation is in the round's audience (by group, or named)."""
        if delegation.reviewer_group in (self.audience_groups or []):
            return True
        states, organisations = self._named
        member_state_id, organisation_id = delegation.key
        return member_state_id in states if member_state_id is not None else organisation_id in organisations

    @cached_property
    def late_delegations(self) -> set[tuple]:
        """(member state id, organisation id) of delegations allowed to submit late right now (one query)."""
        return set(self.extensions.filter(until__gt=timezone.now()).values_list("member_state_id", "organisation_id"))

    @cached_property
    def _named(self) -> tuple[set[int], set[int]]:
        return (
            set(self.invited_member_states.values_list("pk", flat=True)),
            set(self.invited_organisations.values_list("pk", flat=True)),
        )


class DeadlineExtension(DelegationOwned, models.Model):
    """A moderator lets one delegation submit after the round closed (recorded)."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="extensions")
    member_state, organisation = delegation_fields("+")
    until = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=500)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("late submission allowed")
        verbose_name_plural = _("late submissions allowed")
        constraints = [one_delegation("extension_one_delegation")]

    def __str__(self) -> str:
        return f"{self.review_round} — {self.delegation}"


class Submission(DelegationOwned, models.Model):
    """A delegation's formal submission of its comments, with a receipt."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="submissions")
    member_state, organisation = delegation_fields("submissions")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    reference = models.CharField(_("reference number"), max_length=40, unique=True)
    token = models.UUIDField(unique=True, help_text="Idempotency: one submission per confirmation page.")
    is_late = models.BooleanField(_("late"), default=False)
    # What the focal point confirmed and what happened to it (docs/reviews.md, "Submission"):
    # drafts added or changed after the confirmation page was shown stay drafts; drafts it
    # showed that were discarded or merged meanwhile are not submitted.
    kept_as_drafts = models.PositiveIntegerField(_("kept as drafts"), default=0)
    missing_drafts = models.PositiveIntegerField(_("shown but discarded meanwhile"), default=0)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [one_delegation("submission_one_delegation")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("reviews:submission_receipt", kwargs={"pk": self.pk})


class ExternalFeedback(DelegationOwned, models.Model):
    """Feedback received outside the app: a letter, or a bilateral discussion."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="external_feedback")
    member_state, organisation = delegation_fields("+")
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=[
            (CommentSource.WRITTEN, CommentSource.WRITTEN.label),
            (CommentSource.BILATERAL, CommentSource.BILATERAL.label),
        ],
    )
    received_on = models.DateField(_("date"))
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    letter = models.FileField(_("letter"), upload_to="letters/%Y/", blank=True)
    letter_name = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on"]
        verbose_name = _("feedback received outside the app")
        verbose_name_plural = _("feedback received outside the app")
        constraints = [one_delegation("external_feedback_one_delegation")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} — {self.delegation} ({self.received_on})"


class Theme(models.Model):
    """A moderator-defined, translated tag for grouping comments (e.g. "Data and evidence")."""

    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Comment(DelegationOwned, models.Model):
    review_round = models.ForeignKey(
        ReviewRound, on_delete=models.PROTECT, related_name="comments", verbose_name=_("round")
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="comments", verbose_name=_("section"))
    block_key = models.CharField(_("paragraph"), max_length=12, blank=True)
    # The paragraph's number (its block's position) when the comment was made: versions under
    # review are frozen, so it does not change; kept here so lists sort and show it without a join.
    paragraph = models.PositiveIntegerField(_("paragraph number"), null=True, blank=True)
    quote = models.TextField(_("quoted passage"), blank=True, validators=[MaxLengthValidator(2000)])
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    kind = models.CharField(
        _("type of comment"), max_length=20, choices=CommentKind.choices, default=CommentKind.GENERAL
    )
    body = models.TextField(_("comment"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    proposed_change = models.TextField(
        _("proposed change"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments", verbose_name=_("author")
    )
    member_state, organisation = delegation_fields("comments")
    source = models.CharField(_("source"), max_length=20, choices=CommentSource.choices, default=CommentSource.PLATFORM)
    external_feedback = models.ForeignKey(
        ExternalFeedback,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("received as"),
    )
    offline_key = models.CharField(
        max_length=64, blank=True, help_text="Hash of an uploaded template row (no duplicates)."
    )
    pilot_feedback = models.OneToOneField(
        "champions.PilotFeedback",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comment",
        verbose_name=_("pilot feedback"),
    )
    state = models.CharField(_("state"), max_length=20, choices=CommentState.choices, default=CommentState.DRAFT)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="comments")
    lock_version = models.PositiveIntegerField(default=1, help_text="Optimistic locking: incremented on every change.")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    # Triage by the working group (see docs/triage.md); every change is also a TriageChange.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_comments",
        verbose_name=_("assignee"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="comments", verbose_name=_("themes"))
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    disposition = models.CharField(
        _("disposition"), max_length=20, choices=Disposition.choices, default=Disposition.PENDING
    )
    response = models.TextField(
        _("response to the delegation"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)]
    )
    internal_note = models.TextField(
        _("internal note"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)]
    )
    addressed_in = models.ForeignKey(
        DocumentVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("addressed in version"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    # A drafter's proposal, until a moderator approves it into disposition and response.
    proposed_disposition = models.CharField(
        _("proposed disposition"), max_length=20, choices=Disposition.choices, blank=True
    )
    proposed_response = models.TextField(
        _("proposed response"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)]
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    # What the delegation sees: a copy made when moderators publish responses.
    published_disposition = models.CharField(
        _("published disposition"), max_length=20, choices=Disposition.choices, blank=True
    )
    published_response = models.TextField(_("published response"), blank=True)
    published_at = models.DateTimeField(_("response published at"), null=True, blank=True)

    class Meta:
        ordering = ["section__order", "created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [one_delegation("comment_one_delegation")]
        indexes = [
            models.Index(fields=["review_round", "state"]),
            models.Index(fields=["review_round", "member_state", "state"]),
            models.Index(fields=["review_round", "organisation", "state"]),
            models.Index(fields=["review_round", "state", "disposition"]),
            models.Index(fields=["review_round", "section", "state"]),
            models.Index(fields=["assignee", "state"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.section.number}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:comment_edit", kwargs={"pk": self.pk})


def attachment_path(instance, filename: str) -> str:
    # Stored under a random name; the original name is kept in the database only.
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:6]}"


class Attachment(StoredFile):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)

    class Meta(StoredFile.Meta):
        ordering = ["uploaded_at"]


class Reply(models.Model):
    """A question from the working group on a comment, and the delegation's answers."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_working_group = models.BooleanField(default=False)
    body = models.TextField(_("message"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"Reply on #{self.comment_id}"


class SurveyResponse(DelegationOwned, models.Model):
    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="survey_responses")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    member_state, organisation = delegation_fields("+")
    clarity = models.PositiveSmallIntegerField(_("clarity"))
    usefulness = models.PositiveSmallIntegerField(_("usefulness"))
    ease = models.PositiveSmallIntegerField(_("ease of applying"))
    remarks = models.TextField(_("remarks"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            one_delegation("survey_one_delegation"),
            models.UniqueConstraint(fields=["review_round", "document", "member_state"], name="survey_once_per_state"),
            models.UniqueConstraint(fields=["review_round", "document", "organisation"], name="survey_once_per_org"),
            models.CheckConstraint(
                condition=models.Q(clarity__range=(1, 5), usefulness__range=(1, 5), ease__range=(1, 5)),
                name="survey_scale_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review_round} — {self.document}"


class ReminderSent(DelegationOwned, models.Model):
    """One reminder per round, delegation and day: the daily command never sends twice."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="+")
    member_state, organisation = delegation_fields("+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review_round", "member_state", "days_before"], name="reminder_once_state"),
            models.UniqueConstraint(fields=["review_round", "organisation", "days_before"], name="reminder_once_org"),
        ]

    def __str__(self) -> str:
        return f"{self.review_round} — {self.days_before} days"


class TriageChange(models.Model):
    """One change to a comment's triage: who, when, which field, old → new (shown as its history).

    Bulk actions write one row per comment and share a ``batch`` so they can be traced together.
    """

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="triage_changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    field = models.CharField(max_length=40)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    batch = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"#{self.comment_id} {self.field}"


class ExportJob(models.Model):
    """A comment-matrix export run in the background, with its progress and file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    query = models.TextField(blank=True, help_text="The triage list's filters, as a query string.")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return 100 if self.status == ExportStatus.DONE else (100 * self.done // self.total if self.total else 0)


class DigestSent(models.Model):
    """The daily triage digest sent to a member of the working group (once per day)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"
