"""Forms on one comment: editing a draft, saving text as a new draft, replying in its thread."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.fields import FreeTextField
from reviews.forms.base import AttachmentsMixin, CommentFieldsMixin
from reviews.models import COMMENT_MAX_LENGTH


class CommentEditForm(AttachmentsMixin, CommentFieldsMixin):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class CommentCopyForm(CommentFieldsMixin):
    """Text typed into a comment that was submitted meanwhile, to be saved as a new draft."""


class ReplyForm(forms.Form):
    body = FreeTextField(label=_("Message"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))
