from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("version status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("version status", "In review")
    FINAL = "final", pgettext_lazy("version status", "Final")


class BlockKind(models.TextChoices):
    PARAGRAPH = "paragraph", _("Paragraph")
    LIST = "list", _("Bulleted list")
    ORDERED_LIST = "ordered_list", _("Numbered list")
    QUOTE = "quote", _("Quotation")
    TABLE = "table", _("Table")
