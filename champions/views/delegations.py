"""Champion administration (admins), the delegation directory (moderators) and one's own profile."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, translate_url
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.forms import ProfileForm
from accounts.services import user_update_profile
from champions import selectors
from champions.forms.delegations import ChampionRoleForm, CountryDetailsForm, DirectoryFilterForm
from champions.forms.invitations import CountryInvitationForm
from champions.models import ChampionRole, Membership
from champions.services.delegations import (
    champion_role_add,
    champion_role_remove,
    focal_point_transfer,
    member_state_update,
    membership_set_active,
)
from champions.services.invitations import invitation_create
from champions.views.base import ActionView, ModerationPage


class ChampionListView(ModerationPage, TemplateView):
    permission_required = "champions.manage_champions"
    template_name = "champions/champion_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(champions=selectors.champion_list(), **kwargs)


class CountryMixin(ModerationPage):
    permission_required = "champions.manage_champions"

    @cached_property
    def member_state(self):
        return selectors.member_state_by_code(self.kwargs["code"])

    def country_url(self) -> str:
        return self.member_state.get_absolute_url()


class CountryDetailView(CountryMixin, TemplateView):
    """The country page; its three forms post here and come back with their errors and input."""

    template_name = "champions/country_detail.html"
    forms = {"role": ChampionRoleForm, "details": CountryDetailsForm, "invite": CountryInvitationForm}

    def get_context_data(self, **kwargs):
        bound = kwargs.pop("bound", {})
        forms = {
            "role_form": bound.get("role") or ChampionRoleForm(prefix="role"),
            "details_form": bound.get("details") or CountryDetailsForm(prefix="details", instance=self.member_state),
            "invite_form": bound.get("invite") or CountryInvitationForm(prefix="invite"),
        }
        return super().get_context_data(
            member_state=self.member_state, **selectors.country_detail(self.member_state), **forms, **kwargs
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in self.forms:
            return redirect(self.country_url())
        extra = {"instance": self.member_state} if action == "details" else {}
        form = self.forms[action](request.POST, prefix=action, **extra)
        if form.is_valid():
            try:
                message = getattr(self, f"do_{action}")(form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect(self.country_url())
        return self.render_to_response(self.get_context_data(bound={action: form}))

    def do_role(self, form) -> str:
        role = champion_role_add(member_state=self.member_state, actor=self.request.user, **form.cleaned_data)
        return _("Role “%(role)s” added.") % {"role": role.get_kind_display()}

    def do_details(self, form) -> str:
        member_state_update(member_state=self.member_state, actor=self.request.user, **form.cleaned_data)
        return _("Details saved.")

    def do_invite(self, form) -> str:
        invitation = invitation_create(
            member_state=self.member_state, invited_by=self.request.user, **form.cleaned_data
        )
        return _("Invitation sent to %(email)s.") % {"email": invitation.email}


class CountryActionView(CountryMixin, ActionView):
    """A button on the country page (no typed input): one service call, then back to the page."""

    def next_url(self) -> str:
        return self.country_url()

    def membership(self) -> Membership:
        # A forged id of another country's member is a 404, never an action on it.
        return get_object_or_404(Membership, pk=self.kwargs["pk"], member_state=self.member_state)


class RoleRemoveView(CountryActionView):
    def act(self) -> str:
        role = get_object_or_404(ChampionRole, pk=self.kwargs["pk"], member_state=self.member_state)
        champion_role_remove(role=role, actor=self.request.user)
        return _("Role “%(role)s” removed.") % {"role": role.get_kind_display()}


class MembershipToggleView(CountryActionView):
    def act(self) -> str:
        membership = self.membership()
        membership_set_active(membership=membership, active=not membership.is_active, actor=self.request.user)
        if membership.is_active:
            return _("%(email)s is active again.") % {"email": membership.user.email}
        return _("%(email)s no longer has access for this country; their sessions were ended.") % {
            "email": membership.user.email
        }


class FocalPointTransferView(CountryActionView):
    def act(self) -> str:
        membership = focal_point_transfer(to=self.membership(), actor=self.request.user)
        return _("%(email)s is now the focal point.") % {"email": membership.user.email}


class DirectoryView(ModerationPage, TemplateView):
    permission_required = "champions.view_directory"
    template_name = "champions/directory.html"

    def get_context_data(self, **kwargs):
        form = DirectoryFilterForm(self.request.GET or None)
        filters = selectors.DirectoryFilters(**form.cleaned_data) if form.is_valid() else selectors.DirectoryFilters()
        states, organisations = selectors.delegation_directory(filters)
        return super().get_context_data(filter_form=form, states=states, organisations=organisations, **kwargs)


class ProfileView(LoginRequiredMixin, FormView):
    template_name = "champions/profile.html"
    form_class = ProfileForm

    def get_initial(self):
        user = self.request.user
        return {"full_name": user.full_name, "preferred_language": user.preferred_language, "time_zone": user.time_zone}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=selectors.memberships_of(self.request.user),
            mfa_enabled=is_mfa_enabled(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            user = user_update_profile(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your profile was saved."))
        return redirect(translate_url(reverse("champions:profile"), user.preferred_language))
