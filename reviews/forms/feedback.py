"""Feedback received outside the app (a letter, a meeting, its comments) and the usability survey."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.enums import CommentSource
from reviews.fields import FreeTextField
from reviews.forms.base import CommentFieldsMixin, DelegationChoiceMixin
from reviews.models import COMMENT_MAX_LENGTH


class ExternalFeedbackForm(DelegationChoiceMixin):
    delegation = forms.ChoiceField(label=_("Delegation"))
    source = forms.ChoiceField(
        label=_("Received as"),
        choices=[
            (CommentSource.WRITTEN, CommentSource.WRITTEN.label),
            (CommentSource.BILATERAL, CommentSource.BILATERAL.label),
        ],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    participants = FreeTextField(label=_("Participants"), required=False, max_length=500)
    notes = FreeTextField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    letter = forms.FileField(label=_("Letter"), required=False, help_text=_("PDF or Word, at most 10 MB."))


class FeedbackCommentForm(CommentFieldsMixin):
    section = forms.ChoiceField(label=_("Section"))
    paragraph = forms.IntegerField(label=_("Paragraph number"), required=False, min_value=1)

    field_order = ["section", "paragraph", "kind", "body", "proposed_change", "language"]

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (s.pk, f"{s.version.document.title} — {s.number} {s.title}") for s in sections
        ]


SCALE = [(n, str(n)) for n in range(1, 6)]


class SurveyForm(forms.Form):
    clarity = forms.TypedChoiceField(
        label=_("Is the guidance clear?"), choices=SCALE, coerce=int, widget=forms.RadioSelect
    )
    usefulness = forms.TypedChoiceField(label=_("Is it useful?"), choices=SCALE, coerce=int, widget=forms.RadioSelect)
    ease = forms.TypedChoiceField(label=_("Is it easy to apply?"), choices=SCALE, coerce=int, widget=forms.RadioSelect)
    remarks = FreeTextField(
        label=_("Remarks"), required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
