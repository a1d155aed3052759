from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reviews.enums import CommentKind
from reviews.models import COMMENT_MAX_LENGTH


class CommentFieldsMixin(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type of comment"), choices=CommentKind.choices, initial=CommentKind.GENERAL, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "data-counter": COMMENT_MAX_LENGTH}),
        help_text=_("Up to 5,000 characters."),
    )
    proposed_change = forms.CharField(
        label=_("Proposed change"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "data-counter": COMMENT_MAX_LENGTH}),
        help_text=_("The text you suggest instead, if any."),
    )
    language = forms.ChoiceField(label=_("Language of your comment"), choices=settings.LANGUAGES)


class CommentForm(CommentFieldsMixin):
    delegation = forms.ChoiceField(label=_("On behalf of"), required=False)
    block_key = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)
    quote = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    field_order = ["delegation", "kind", "body", "proposed_change", "language", "block_key", "quote"]

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = list(delegations)
        if len(self.fields["delegation"].choices) <= 1:
            self.fields["delegation"].widget = forms.HiddenInput()


class CommentEditForm(CommentFieldsMixin):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class SubmitForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
