"""Fields and parts shared by the forms of reviews: a comment's own fields, attachments, and a
choice of delegation."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to five files in one input (Django's documented pattern for multiple uploads)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > 5:
            raise forms.ValidationError(_("Attach at most 5 files."), code="too_many")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class AttachmentsMixin(forms.Form):
    attachments = MultipleFileField(
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
