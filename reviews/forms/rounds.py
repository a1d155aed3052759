"""Moderators' forms about rounds: the round itself and a late submission accepted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from champions.enums import ReviewerGroup
from reviews.fields import FreeTextField
from reviews.forms.base import DelegationChoiceMixin


class ReminderDaysField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        try:
            days = sorted({int(part) for part in value.replace(";", ",").split(",") if part.strip()}, reverse=True)
        except ValueError as error:
            raise forms.ValidationError(
                _("Write whole numbers of days, separated by commas, such as 7, 2."), code="days"
            ) from error
        if any(day < 1 or day > 60 for day in days):
            raise forms.ValidationError(
                _("Reminders are sent between 1 and 60 days before the deadline."), code="range"
            )
        return days

    def prepare_value(self, value):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value


class RoundForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200, required=False)
    instructions_en = forms.CharField(
        label=_("Instructions (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    instructions_fr = forms.CharField(
        label=_("Instructions (French)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    instructions_es = forms.CharField(
        label=_("Instructions (Spanish)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    versions = forms.ModelMultipleChoiceField(
        label=_("Versions under review"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    audience_groups = forms.MultipleChoiceField(
        label=_("Invited reviewer groups"),
        required=False,
        choices=ReviewerGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    invited_member_states = forms.ModelMultipleChoiceField(
        label=_("Also invited: Member States"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    invited_organisations = forms.ModelMultipleChoiceField(
        label=_("Also invited: organisations"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    comments_visible_to_reviewers = forms.BooleanField(
        label=_("Show submitted comments to the other reviewers"), required=False
    )
    reminder_days = ReminderDaysField(
        label=_("Reminders (days before closing)"),
        required=False,
        initial="7, 2",
        help_text=_("Delegations with drafts not submitted, or no comment, are reminded by email."),
    )

    def __init__(self, *args, **kwargs):
        from champions.countries import name_order
        from champions.models import MemberState, Organisation
        from guidance.enums import VersionStatus
        from guidance.models import DocumentVersion

        super().__init__(*args, **kwargs)
        self.fields["versions"].queryset = DocumentVersion.objects.filter(
            status=VersionStatus.IN_REVIEW
        ).select_related("document")
        self.fields["invited_member_states"].queryset = MemberState.objects.order_by(name_order())
        self.fields["invited_member_states"].label_from_instance = lambda obj: obj.name
        self.fields["invited_organisations"].queryset = Organisation.objects.filter(is_active=True)


class ExtensionForm(DelegationChoiceMixin):
    delegation = forms.ChoiceField(label=_("Delegation"))
    until = forms.DateTimeField(
        label=_("Accept comments until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = FreeTextField(label=_("Reason"), max_length=500)
