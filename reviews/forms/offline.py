"""The upload of a filled-in offline template."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.forms.base import DelegationChoiceMixin


class TemplateUploadForm(DelegationChoiceMixin):
    delegation = forms.ChoiceField(label=_("On behalf of"), required=False)
    file = forms.FileField(label=_("Filled-in template (.xlsx)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if len(self.fields["delegation"].choices) == 1:
            self.fields["delegation"].widget = forms.HiddenInput()

    def clean_delegation(self):
        value = self.cleaned_data["delegation"]
        choices = self.fields["delegation"].choices
        if not value and len(choices) == 1:
            return choices[0][0]
        if not value:
            raise forms.ValidationError(_("Choose the delegation."), code="required")
        return value
