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
