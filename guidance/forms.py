from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search this version"),
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class LanguageSelect(forms.Select):
    """Options named each in its own language ("English", "Español"), each marked with its lang."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class CompareLanguageForm(forms.Form):
    other = forms.ChoiceField(label=_("Compare with"), widget=LanguageSelect)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        # Each language in its own name ("Français", "Español"), as readers look for it.
        self.fields["other"].choices = [
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
            if code != current
        ]
        self.fields["other"].initial = self.default_other()

    def default_other(self) -> str:
        return "en" if self.current != "en" else "fr"
