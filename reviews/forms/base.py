"""Fields and parts shared by the forms of reviews: a comment's own fields, attachments, and a
choice of delegation."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from champions.forms.base import FilesField
from reviews.enums import CommentKind
from reviews.fields import FreeTextField
from reviews.models import COMMENT_MAX_LENGTH


class CommentFieldsMixin(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type of comment"), choices=CommentKind.choices, initial=CommentKind.GENERAL, widget=forms.RadioSelect
    )
    body = FreeTextField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "data-counter": COMMENT_MAX_LENGTH}),
        help_text=_("Up to 5,000 characters."),
    )
    proposed_change = FreeTextField(
        label=_("Proposed change"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "data-counter": COMMENT_MAX_LENGTH}),
        help_text=_("The text you suggest instead, if any."),
    )
    language = forms.ChoiceField(label=_("Language of your comment"), choices=settings.LANGUAGES)


class AttachmentsMixin(forms.Form):
    attachments = FilesField(
        accept=".pdf,.docx,.odt,.xlsx",
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 5 files: PDF, Word (.docx), OpenDocument text (.odt) or Excel (.xlsx), at most 10 MB each."),
    )


class DelegationChoiceMixin(forms.Form):
    """A form that acts for one delegation, chosen among ``delegations``: (form value, name) pairs
    such as ("s12", "Mexico"), from the selectors."""

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = list(delegations)
