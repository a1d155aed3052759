"""Forms of Champion administration and the delegation directory."""

from django import forms
from django.utils.translation import gettext_lazy as _

from champions.enums import ChampionRoleKind, Region, ReviewerGroup
from champions.models import ChampionRole, MemberState


class MemberStateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MemberState) -> str:
        return obj.name  # in the page's language


class ChampionRoleForm(forms.ModelForm):
    class Meta:
        model = ChampionRole
        fields = ["kind", "started_on", "note"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class CountryDetailsForm(forms.ModelForm):
    class Meta:
        model = MemberState
        fields = ["is_champion", "champion_since", "notes"]
        widgets = {
            "champion_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    group = forms.ChoiceField(
        label=_("Reviewer group"), required=False, choices=[("", _("All")), *ReviewerGroup.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All")), *Region.choices])
    role = forms.ChoiceField(
        label=_("Champion role"), required=False, choices=[("", _("All")), *ChampionRoleKind.choices]
    )
