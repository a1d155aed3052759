"""The form of pilot feedback (one item: a section, what worked, what was hard, a suggested change)."""

from django import forms
from django.utils.translation import gettext_lazy

from guidance.models import Section
from reviews.models import ReviewRound
from reviews.services.pilot_feedback import pilot_feedback_rounds


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return f"{obj.number} {obj.title}"


class PilotFeedbackForm(forms.Form):
    section = SectionChoiceField(label=gettext_lazy("Section used in the pilot"), queryset=Section.objects.none())
    what_worked = forms.CharField(
        label=gettext_lazy("What worked"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    what_was_hard = forms.CharField(
        label=gettext_lazy("What was hard"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    suggested_change = forms.CharField(
        label=gettext_lazy("Suggested change to the text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    review_round = forms.ModelChoiceField(
        label=gettext_lazy("Round"),
        queryset=ReviewRound.objects.none(),
        required=False,
        empty_label=gettext_lazy("The current round"),
        help_text=gettext_lazy("The working group may send the feedback to another round."),
    )

    def __init__(self, *args, pilot, may_choose_round: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(version=pilot.version).order_by("order")
        if may_choose_round:
            self.fields["review_round"].queryset = pilot_feedback_rounds(pilot)
        else:
            del self.fields["review_round"]
