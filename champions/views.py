from allauth.account.utils import perform_login
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, translate_url
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.forms import ProfileForm
from accounts.redirects import safe_next_url
from accounts.services import user_update_profile
from champions import selectors
from champions.forms import (
    AcceptInvitationForm,
    BulkInvitationForm,
    ChampionRoleForm,
    CountryDetailsForm,
    CountryInvitationForm,
    DirectoryFilterForm,
    InvitationForm,
)
from champions.models import ChampionRole, Invitation, Membership
from champions.services.bulk import invitation_bulk_parse, invitation_bulk_send
from champions.services.delegations import (
    champion_role_add,
    champion_role_remove,
    focal_point_transfer,
    member_state_update,
    membership_set_active,
)
from champions.services.invitations import (
    invitation_accept,
    invitation_accept_new_account,
    invitation_create,
    invitation_open,
    invitation_resend,
    invitation_revoke,
)

BULK_SESSION_KEY = "bulk_invitation_rows"


class ModerationPage(PermissionRequiredMixin):
    """A moderation or administration page: the permission is checked and MFA is required."""


# --- Champion administration (admins) ------------------------------------------------------


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


class CountryActionView(CountryMixin, View):
    """A button on the country page (no typed input): one service call, then back to the page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(self.country_url())

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


# --- Directory (moderators) ---------------------------------------------------------------


class DirectoryView(ModerationPage, TemplateView):
    permission_required = "champions.view_directory"
    template_name = "champions/directory.html"

    def get_context_data(self, **kwargs):
        form = DirectoryFilterForm(self.request.GET or None)
        filters = selectors.DirectoryFilters(**form.cleaned_data) if form.is_valid() else selectors.DirectoryFilters()
        states, organisations = selectors.delegation_directory(filters)
        return super().get_context_data(filter_form=form, states=states, organisations=organisations, **kwargs)


# --- Invitations (moderators and admins) ---------------------------------------------------


class InvitationListView(ModerationPage, FormView):
    permission_required = "champions.invite"
    template_name = "champions/invitation_list.html"
    form_class = InvitationForm

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        return super().get_context_data(
            invitations=selectors.invitation_list(status=status)[:200], status=status, **kwargs
        )

    def form_valid(self, form):
        try:
            invitation = invitation_create(invited_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("champions:invitation_list")


class InvitationActionView(ModerationPage, View):
    permission_required = "champions.manage_invitations"
    http_method_names = ["post"]
    service = staticmethod(invitation_revoke)  # set by each subclass
    done = ""

    def post(self, request, pk):
        invitation = get_object_or_404(Invitation, pk=pk)
        try:
            self.service(invitation=invitation, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.done % {"email": invitation.email})
        return redirect(safe_next_url(request, reverse("champions:invitation_list")))


class InvitationResendView(InvitationActionView):
    service = staticmethod(invitation_resend)

    @property
    def done(self):
        return _("The invitation was sent again to %(email)s with a new link.")


class InvitationRevokeView(InvitationActionView):
    service = staticmethod(invitation_revoke)

    @property
    def done(self):
        return _("The invitation to %(email)s was withdrawn; its link no longer works.")


class BulkInvitationView(ModerationPage, FormView):
    """Upload → preview with a per-row report → send. Nothing is sent before the confirmation."""

    permission_required = "champions.invite"
    template_name = "champions/invitation_bulk.html"
    form_class = BulkInvitationForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            rows, notes = invitation_bulk_parse(name=upload.name, content=upload.read(4 * 1024 * 1024))
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        valid = [row for row in rows if row.ok]
        self.request.session[BULK_SESSION_KEY] = [row.as_session() for row in valid]
        return self.render_to_response(
            self.get_context_data(form=form, rows=rows, notes=notes, valid_count=len(valid), preview=True)
        )


class BulkInvitationSendView(ModerationPage, View):
    permission_required = "champions.invite"
    http_method_names = ["post"]

    def post(self, request):
        rows = request.session.pop(BULK_SESSION_KEY, None)
        if not rows:
            messages.error(request, _("There is nothing to send: upload the file again."))
            return redirect("champions:invitation_bulk")
        try:
            count = invitation_bulk_send(rows=rows, invited_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("champions:invitation_bulk")
        messages.success(
            request, ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", count) % {"count": count}
        )
        return redirect("champions:invitation_list")


# --- Accepting an invitation (anyone with the link) ---------------------------------------


class InvitationAcceptView(FormView):
    template_name = "champions/invitation_accept.html"
    form_class = AcceptInvitationForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = invitation_open(kwargs["key"])
        except ValidationError as error:
            return self.response_class(
                request=request,
                template="champions/invitation_invalid.html",
                context={"message": error.messages[0]},
                status=410 if error.code != "unknown" else 404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "email": self.invitation.email}

    def get_context_data(self, **kwargs):
        has_account = get_user_model().objects.filter(email__iexact=self.invitation.email).exists()
        return super().get_context_data(invitation=self.invitation, has_account=has_account, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return self.accept_signed_in()
        return super().post(request, *args, **kwargs)

    def accept_signed_in(self):
        try:
            membership = invitation_accept(invitation=self.invitation, user=self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.request.path)
        messages.success(
            self.request,
            _("You now take part in the review. Delegation: %(delegation)s") % {"delegation": membership.delegation},
        )
        return redirect("guidance:home")

    def form_valid(self, form):
        try:
            user = invitation_accept_new_account(
                invitation=self.invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Welcome. Your account is ready."))
        return perform_login(self.request, user, email_verification="none", redirect_url=reverse("guidance:home"))


# --- Profile --------------------------------------------------------------------------------


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
