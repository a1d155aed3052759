"""Forms of the Champions programme: pilots, status changes, updates, activities, practices, filters."""

from functools import partial

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from champions.countries import name_order
from champions.enums import ActivityKind, ChampionRoleKind, PilotStatus, PracticeStatus, Region
from champions.forms.base import FilesField
from champions.models import Activity, MemberState, Pilot, Practice
from guidance.enums import VersionStatus
from guidance.models import DocumentVersion, GuidingPrinciple, Objective

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


ANY = pgettext_lazy("filter", "Any")


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DocumentVersion) -> str:
        return f"{obj.document.title} — {obj.label}"


class ObjectiveChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return str(obj)


class MemberStateMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: MemberState) -> str:
        return obj.name


def _piloted_versions():
    return DocumentVersion.objects.exclude(status=VersionStatus.DRAFT).select_related("document")


class PilotForm(forms.ModelForm):
    version = VersionChoiceField(label=_("Guidance version piloted"), queryset=_piloted_versions())
    objectives = ObjectiveChoices(label=_("GCM objectives covered"), queryset=Objective.objects.all(), required=False)
    principles = ObjectiveChoices(
        label=_("Guiding principles covered"), queryset=GuidingPrinciple.objects.all(), required=False
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Pilot
        fields = ["title", "version", "starts_on", "ends_on", "lead_agency", "partners", "summary", "objectives"]
        fields += ["principles"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "partners": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }


class PilotStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    changed_on = forms.DateField(label=_("Date of the change"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the pilot goes back to an earlier stage."),
    )

    def __init__(self, *args, next_statuses: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for status, backwards in next_statuses.items():
            label = PilotStatus(status).label
            choices.append(
                (status, _("%(status)s (a step back: give a reason)") % {"status": label} if backwards else label)
            )
        self.fields["status"].choices = choices


class PilotUpdateForm(forms.Form):
    posted_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    body = forms.CharField(label=_("Update"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    attachments = FilesField(
        label=_("Files"),
        required=False,
        help_text=_("Up to 5 files: PDF, Word, Excel, PowerPoint, PNG or JPEG, at most 10 MB each."),
    )


class ActivityForm(forms.ModelForm):
    countries = MemberStateMultipleField(
        label=_("Countries involved"),
        queryset=MemberState.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Activity
        fields = ["kind", "held_on", "title", "description", "link", "countries"]
        widgets = {"held_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"link": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # By the UN name in the reader's language, decided when the form is built (not at import).
        self.fields["countries"].queryset = MemberState.objects.order_by(name_order())


class PracticeForm(forms.ModelForm):
    objectives = ObjectiveChoices(label=_("GCM objectives"), queryset=Objective.objects.all(), required=False)
    principles = ObjectiveChoices(
        label=_("Guiding principles"), queryset=GuidingPrinciple.objects.all(), required=False
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Practice
        fields = ["kind", "pilot", "original_language", "objectives", "principles"]
        fields += [f"{name}_{code}" for code, _name in settings.LANGUAGES for name in ("title", "summary", "body")]
        widgets = {
            **{f"summary_{code}": forms.Textarea(attrs={"rows": 3}) for code, _name in settings.LANGUAGES},
            **{f"body_{code}": forms.Textarea(attrs={"rows": 12}) for code, _name in settings.LANGUAGES},
        }

    def __init__(self, *args, member_state: MemberState, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pilot"].queryset = Pilot.objects.filter(member_state=member_state)
        self.fields["pilot"].empty_label = _("— none —")
        for code, name in settings.LANGUAGES:
            for field in ("title", "summary", "body"):
                label = {"title": _("Title"), "summary": _("Summary"), "body": _("Text")}[field]
                self.fields[f"{field}_{code}"].label = _("%(field)s (%(language)s)") % {
                    "field": label,
                    "language": name,
                }
                self.fields[f"{field}_{code}"].help_text = ""

    def languages(self) -> list[tuple[str, str, list]]:
        """The text fields grouped by language, for one fieldset each."""
        return [
            (code, name, [self[f"{field}_{code}"] for field in ("title", "summary", "body")])
            for code, name in settings.LANGUAGES
        ]

    def other_fields(self) -> list:
        return [self[name] for name in ("kind", "pilot", "original_language", "objectives", "principles")]


class PracticeStepForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the author"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class OverviewFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), choices=[("", ANY), *Region.choices], required=False)
    role = forms.ChoiceField(label=_("Champion role"), choices=[("", ANY), *ChampionRoleKind.choices], required=False)
    status = forms.ChoiceField(label=_("Pilot status"), choices=[("", ANY), *PilotStatus.choices], required=False)
    objective = forms.ModelChoiceField(
        label=_("Objective"), queryset=Objective.objects.all(), required=False, empty_label=ANY
    )


class PracticeQueueForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", ANY), *PracticeStatus.choices], required=False)


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", ANY), *ActivityKind.choices], required=False)
