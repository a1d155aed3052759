"""The confirmation form of a delegation's submission."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SubmitForm(forms.Form):
    """The confirmation carries the drafts it showed ("id:version,…"): only those are submitted."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    drafts = forms.CharField(widget=forms.HiddenInput, max_length=200_000)  # ~20,000 drafts

    def clean_drafts(self) -> dict[int, int]:
        shown: dict[int, int] = {}
        for part in self.cleaned_data["drafts"].split(","):
            pk, _sep, version = part.strip().partition(":")
            if not (pk.isascii() and pk.isdigit() and version.isascii() and version.isdigit()):
                raise forms.ValidationError(_("The confirmation page is damaged: open it again."), code="drafts")
            shown[int(pk)] = int(version)
        return shown

    @staticmethod
    def drafts_value(drafts) -> str:
        return ",".join(f"{d.pk}:{d.lock_version}" for d in drafts)
