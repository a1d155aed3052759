from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from guidance import selectors
from guidance.enums import VersionStatus
from guidance.models import Block, Document, DocumentVersion, GuidingPrinciple, Objective, Section
from guidance.services import document_version_create_from, document_version_set_status, guidance_import, section_move
from guidance.services.parsing import parse_file
from guidance.services.versions import document_version_next_number


@admin.register(Objective)
class ObjectiveAdmin(TabbedTranslationAdmin):
    list_display = ["number", "short_label", "title"]
    search_fields = ["title_en", "title_fr", "title_es", "short_label_en"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(TabbedTranslationAdmin):
    list_display = ["position", "name", "key"]


@admin.register(Document)
class DocumentAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "position", "is_demo"]
    prepopulated_fields = {"slug": ["title_en"]}


class GuidanceImportForm(forms.Form):
    document = forms.ModelChoiceField(label=_("Document"), queryset=Document.objects.all())
    version_label = forms.CharField(
        label=_("Version label"),
        max_length=100,
        help_text=_("For example “Draft 2”. A new label creates a new draft version."),
    )
    language = forms.ChoiceField(label=_("Language of the file"), choices=settings.LANGUAGES)
    file = forms.FileField(label=_("File"), help_text=_("Word (.docx) or Markdown (.md), at most 20 MB."))


@admin.register(DocumentVersion)
class DocumentVersionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "sections_total_display", "french", "spanish", "created_at"]
    list_filter = ["document", "status"]
    readonly_fields = ["number", "based_on", "created_at"]
    fields = ["document", "label", "label_fr", "label_es", "slug", "number", "status", "based_on", "created_at"]
    actions = ["make_new_version", "start_review", "make_final", "back_to_draft"]
    change_list_template = "admin/guidance/documentversion/change_list.html"

    def get_queryset(self, request):
        return selectors.translation_completeness(super().get_queryset(request).select_related("document"))

    def get_readonly_fields(self, request, obj=None):
        # Status changes go through the actions, which check the allowed transitions.
        return [*self.readonly_fields, "status"] if obj else self.readonly_fields

    @admin.display(description=_("Sections"))
    def sections_total_display(self, obj):
        return obj.sections_total

    @admin.display(description=_("French complete"))
    def french(self, obj):
        return f"{obj.sections_fr} / {obj.sections_total}"

    @admin.display(description=_("Spanish complete"))
    def spanish(self, obj):
        return f"{obj.sections_es} / {obj.sections_total}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.number = document_version_next_number(obj.document)
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status):
        for version in queryset:
            try:
                document_version_set_status(version=version, status=status)
            except ValidationError as error:
                self.message_user(request, f"{version}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(version)s is now “%(status)s”.")
                    % {"version": version, "status": version.get_status_display()},
                )

    @admin.action(description=_("Open for review (freezes the text)"))
    def start_review(self, request, queryset):
        self._set_status(request, queryset, VersionStatus.IN_REVIEW)

    @admin.action(description=_("Mark as final (freezes the text)"))
    def make_final(self, request, queryset):
        self._set_status(request, queryset, VersionStatus.FINAL)

    @admin.action(description=_("Return to draft"))
    def back_to_draft(self, request, queryset):
        self._set_status(request, queryset, VersionStatus.DRAFT)

    @admin.action(description=_("Create a new draft version from the selected version"))
    def make_new_version(self, request, queryset):
        for previous in queryset:
            label = gettext("%(label)s (revision)") % {"label": previous.label}
            try:
                version = document_version_create_from(previous=previous, label=label)
            except ValidationError as error:
                self.message_user(request, f"{previous}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, gettext("Created %(version)s; rename it if needed.") % {"version": version})

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="guidance_documentversion_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not request.user.has_perm("guidance.change_section"):
            return redirect("admin:index")
        form = GuidanceImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                sections = parse_file(name=upload.name, content=upload.read(settings.GUIDANCE_IMPORT_MAX_BYTES + 1))
                report = guidance_import(
                    document=form.cleaned_data["document"],
                    version_label=form.cleaned_data["version_label"],
                    language=form.cleaned_data["language"],
                    sections=sections,
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                self.message_user(request, report.summary(), messages.SUCCESS)
                for notice in report.notices:
                    self.message_user(request, notice, messages.WARNING)
                return redirect(reverse("admin:guidance_documentversion_change", args=[report.version.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import guidance text"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/guidance/documentversion/import.html", context)


class BlockInline(TranslationStackedInline):
    model = Block
    extra = 0
    fields = ["position", "key", "kind", "text"]
    readonly_fields = ["key"]

    def _frozen(self, obj):
        return obj is not None and obj.version.is_frozen

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["number", "title", "version", "objective", "anchor"]
    list_display_links = ["title"]
    list_filter = ["version__document", "version"]
    search_fields = ["title_en", "title_fr", "title_es", "anchor"]
    ordering = ["version", "order"]
    fields = ["version", "number", "anchor", "title", "objective"]
    readonly_fields = ["version", "number", "anchor"]
    inlines = [BlockInline]
    actions = ["move_up", "move_down"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("version__document", "objective")

    def has_add_permission(self, request):
        return False  # sections come from an import or from a new version

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.version.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def _move(self, request, queryset, direction):
        for section in queryset.order_by("order" if direction < 0 else "-order"):
            try:
                section_move(section=section, direction=direction)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return

    @admin.action(description=_("Move up among its siblings"))
    def move_up(self, request, queryset):
        self._move(request, queryset, -1)

    @admin.action(description=_("Move down among its siblings"))
    def move_down(self, request, queryset):
        self._move(request, queryset, +1)
