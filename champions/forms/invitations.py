"""Forms of invitations: one, one for a country, many from a spreadsheet, and accepting one."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from champions.enums import MembershipRole
from champions.forms.delegations import MemberStateChoiceField
from champions.models import MemberState, Organisation


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    member_state = MemberStateChoiceField(
        label=_("Member State"), queryset=MemberState.objects.all(), required=False, empty_label=_("— none —")
    )
    organisation = forms.ModelChoiceField(
        label=_("or organisation"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        empty_label=_("— none —"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.CONTRIBUTOR)
    language = forms.ChoiceField(label=_("Language of the invitation and of the account"), choices=settings.LANGUAGES)

    def clean(self):
        data = super().clean()
        if bool(data.get("member_state")) == bool(data.get("organisation")):
            raise forms.ValidationError(_("Choose either a Member State or an organisation."), code="delegation")
        return data


class CountryInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.FOCAL_POINT)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class BulkInvitationForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8) or Excel (.xlsx), with the columns email, country or organisation, role, language."),
    )


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords do not match."), code="mismatch")
        return second

    def clean(self):
        data = super().clean()
        if data.get("password1") and not self.has_error("password2"):
            try:
                password_validation.validate_password(data["password1"], get_user_model()(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
