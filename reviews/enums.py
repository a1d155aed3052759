from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoundStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("round status", "Not yet open")
    OPEN = "open", pgettext_lazy("round status", "Open")
    CLOSED = "closed", pgettext_lazy("round status", "Closed")


class CommentKind(models.TextChoices):
    """As in ISO comment templates."""

    GENERAL = "general", pgettext_lazy("comment type", "General")
    TECHNICAL = "technical", pgettext_lazy("comment type", "Technical")
    EDITORIAL = "editorial", pgettext_lazy("comment type", "Editorial")


class CommentState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("comment state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("comment state", "Submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("comment state", "Withdrawn")


class CommentSource(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    WRITTEN = "written", _("Written submission")
    BILATERAL = "bilateral", _("Bilateral meeting")
    OFFLINE = "offline", _("Offline template")
    PILOT = "pilot", _("Pilot feedback")


class Disposition(models.TextChoices):
    """The working group's decision on a comment ("disposition of comments")."""

    PENDING = "pending", pgettext_lazy("disposition", "Pending")
    ACCEPTED = "accepted", pgettext_lazy("disposition", "Accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", pgettext_lazy("disposition", "Partially accepted")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("disposition", "Not accepted")
    NOTED = "noted", pgettext_lazy("disposition", "Noted")
    DUPLICATE = "duplicate", pgettext_lazy("disposition", "Duplicate")
    OUT_OF_SCOPE = "out_of_scope", pgettext_lazy("disposition", "Out of scope")


class Priority(models.IntegerChoices):
    HIGH = 1, pgettext_lazy("priority", "High")
    NORMAL = 2, pgettext_lazy("priority", "Normal")
    LOW = 3, pgettext_lazy("priority", "Low")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    CSV = "csv", _("CSV (UTF-8)")
    DOCX = "docx", _("Word report by section")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("export status", "Queued")
    RUNNING = "running", pgettext_lazy("export status", "In progress")
    DONE = "done", pgettext_lazy("export status", "Ready")
    FAILED = "failed", pgettext_lazy("export status", "Failed")
