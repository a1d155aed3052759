"""The guidance text: objectives, principles, documents, versions, sections and blocks.

A section's body is a list of *blocks* (paragraph, list, quotation, table). Each block has
a short key that is the same in English, French and Spanish and is carried over to the
next version, so a comment can point at a paragraph and stay attached to it. See
docs/guidance.md.
"""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from guidance.enums import BlockKind, VersionStatus


class Objective(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    short_label = models.CharField(_("short label"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self) -> str:
        return f"{self.number}. {self.short_label}"


class GuidingPrinciple(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["position"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_demo = models.BooleanField(
        _("demo text"), default=False, help_text=_("Illustrative text used to demonstrate the application.")
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guidance:document_detail", kwargs={"document": self.slug})


STANDARD_LABEL = re.compile(r"^(Draft|Version|Final|Revision)(?: (\d+))?$")


def standard_label(label: str) -> str:
    """A label of the usual forms ("Draft 2", "Final", "Final 2027", "Version 3") in the active language;
    any other label as written (it is a name the working group chose)."""
    match = STANDARD_LABEL.match(label.strip())
    if match is None:
        return label
    word, number = match.groups()
    if number is None:
        words = {
            "Draft": pgettext("version label", "Draft"),
            "Version": pgettext("version label", "Version"),
            "Final": pgettext("version label", "Final"),
            "Revision": pgettext("version label", "Revision"),
        }
        return words[word]
    numbered = {
        "Draft": pgettext("version label", "Draft %(number)s"),
        "Version": pgettext("version label", "Version %(number)s"),
        "Final": pgettext("version label", "Final %(number)s"),
        "Revision": pgettext("version label", "Revision %(number)s"),
    }
    return numbered[word] % {"number": number}


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=100, help_text=_("For example “Draft 1” or “Final 2027”."))
    # The label is the version's name in English and its key (import --version, the matrix); readers see
    # shown_label: the French or Spanish label if given, else a standard label translated (docs/design.md).
    label_fr = models.CharField(
        _("label in French"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty for a standard label (“Draft 2”, “Final 2027”): it is translated."),
    )
    label_es = models.CharField(
        _("label in Spanish"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty for a standard label (“Draft 2”, “Final 2027”): it is translated."),
    )
    slug = models.SlugField(_("slug"), max_length=100)
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("based on")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["document__position", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique"),
            models.UniqueConstraint(fields=["document", "slug"], name="version_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} — {self.shown_label}"

    def get_absolute_url(self) -> str:
        return reverse("guidance:version_detail", kwargs={"document": self.document.slug, "version": self.slug})

    @property
    def shown_label(self) -> str:
        """The label in the active language: the French or Spanish one given, else the standard label translated."""
        language = (get_language() or "en")[:2]
        own = getattr(self, f"label_{language}", "") if language in ("fr", "es") else ""
        return own or standard_label(self.label)

    @property
    def is_frozen(self) -> bool:
        """A version under review or final keeps its text; changes go into a new version."""
        return self.status != VersionStatus.DRAFT


class Section(models.Model):
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    order = models.PositiveIntegerField(_("order"), help_text=_("Position in the whole document, from the top."))
    depth = models.PositiveSmallIntegerField(_("depth"), default=1)
    number = models.CharField(_("number"), max_length=20, blank=True, help_text=_("For example 2.3."))
    anchor = models.SlugField(
        _("anchor"), max_length=80, help_text=_("Stable identifier, the same in every language and version.")
    )
    title = models.CharField(_("title"), max_length=300)
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, null=True, blank=True, related_name="sections", verbose_name=_("objective")
    )

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="section_anchor_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="section_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        version = self.version
        return reverse(
            "guidance:section_detail",
            kwargs={"document": version.document.slug, "version": version.slug, "anchor": self.anchor},
        )


class Block(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("section"))
    key = models.CharField(_("key"), max_length=12, help_text=_("Stable paragraph key, the same in every language."))
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=BlockKind.choices, default=BlockKind.PARAGRAPH)
    text = models.TextField(_("text"), help_text=_("Markdown."))

    class Meta:
        ordering = ["section", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["section", "key"], name="block_key_unique"),
            models.UniqueConstraint(fields=["section", "position"], name="block_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.section.number} ¶{self.position}"

    @property
    def html_id(self) -> str:
        return f"p-{self.key}"
