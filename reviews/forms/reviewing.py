"""The comment form of a section page: on behalf of which delegation, on what, and what it says."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.fields import FreeTextField
from reviews.forms.base import AttachmentsMixin, CommentFieldsMixin, DelegationChoiceMixin


class CommentForm(DelegationChoiceMixin, AttachmentsMixin, CommentFieldsMixin):
    PARAGRAPH, SECTION = "paragraph", "section"

    delegation = forms.ChoiceField(label=_("On behalf of"), required=False)
    block_key = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)
    quote = FreeTextField(required=False, max_length=2000, widget=forms.HiddenInput)

    # Shown (by the template, with the paragraph's first words) only when a paragraph or a
    # passage is targeted: the reviewer sees what the comment will be saved on, and can
    # change it back to the whole section.
    target = forms.ChoiceField(
        label=_("Your comment will be saved on"),
        required=False,
        choices=[("paragraph", _("This paragraph or passage")), ("section", _("The whole section"))],
        widget=forms.RadioSelect,
    )

    field_order = [
        "delegation",
        "target",
        "kind",
        "body",
        "proposed_change",
        "language",
        "attachments",
        "block_key",
        "quote",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if len(self.fields["delegation"].choices) <= 1:
            self.fields["delegation"].widget = forms.HiddenInput()

    def saved_target(self) -> tuple[str, str]:
        """(block key, quote) the comment is saved on: none when the reviewer chose the whole section."""
        if self.cleaned_data.get("target") == self.SECTION:
            return "", ""
        return self.cleaned_data["block_key"], self.cleaned_data["quote"]
