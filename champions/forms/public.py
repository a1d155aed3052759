"""The filters of the public list of published practices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from champions.enums import PracticeKind, Region
from champions.forms.programme import ANY
from champions.models import MemberState
from guidance.models import GuidingPrinciple, Objective


class PublicPracticeFilterForm(forms.Form):
    """Filters of the public list; unknown values are ignored (never a 500)."""

    objective = forms.ModelChoiceField(
        label=_("Objective"), queryset=Objective.objects.all(), required=False, empty_label=ANY, to_field_name="number"
    )
    principle = forms.ModelChoiceField(
        label=_("Guiding principle"),
        queryset=GuidingPrinciple.objects.all(),
        required=False,
        empty_label=ANY,
        to_field_name="key",
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", ANY), *Region.choices], required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", ANY), *PracticeKind.choices], required=False)

    def __init__(self, *args, countries: list[MemberState], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", ANY)] + [(s.country.code.lower(), s.name) for s in countries]
