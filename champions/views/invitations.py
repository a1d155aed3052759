"""Invitations: one at a time, many from a spreadsheet (upload, preview, send), resending and
withdrawing them (moderators), and accepting one (anyone holding the link)."""

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView

from accounts.redirects import safe_next_url
from champions import selectors
from champions.forms.invitations import AcceptInvitationForm, BulkInvitationForm, InvitationForm
from champions.models import Invitation
from champions.services.bulk import invitation_bulk_parse, invitation_bulk_send
from champions.services.invitations import (
    invitation_accept,
    invitation_accept_new_account,
    invitation_create,
    invitation_open,
    invitation_resend,
    invitation_revoke,
)
from champions.views.base import ActionView, ModerationPage, StagedUploadMixin


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


class InvitationActionView(ModerationPage, ActionView):
    """Resend or withdraw one invitation, then back to the list (or the page the button was on)."""

    permission_required = "champions.manage_invitations"
    service = staticmethod(invitation_revoke)  # set by each subclass
    done = ""

    def act(self) -> str:
        invitation = get_object_or_404(Invitation, pk=self.kwargs["pk"])
        self.service(invitation=invitation, actor=self.request.user)
        return self.done % {"email": invitation.email}

    def next_url(self) -> str:
        return safe_next_url(self.request, reverse("champions:invitation_list"))


class InvitationResendView(InvitationActionView):
    permission_required = "champions.resend_invitation"
    service = staticmethod(invitation_resend)

    @property
    def done(self):
        return _("The invitation was sent again to %(email)s with a new link.")


class InvitationRevokeView(InvitationActionView):
    service = staticmethod(invitation_revoke)

    @property
    def done(self):
        return _("The invitation to %(email)s was withdrawn; its link no longer works.")


class BulkStageMixin(StagedUploadMixin, ModerationPage):
    permission_required = "champions.invite"
    stage_key = "bulk_invitation_rows"


class BulkInvitationView(BulkStageMixin, FormView):
    """Upload → preview with a per-row report → send. Nothing is sent before the confirmation."""

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
        token = self.stage({"rows": [row.as_session() for row in valid]})
        context = dict(form=form, rows=rows, notes=notes, valid_count=len(valid), preview=True, token=token)
        return self.render_to_response(self.get_context_data(**context))


class BulkInvitationSendView(BulkStageMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        pending = self.unstage()
        if not pending or not pending["rows"]:
            messages.error(request, _("There is nothing to send: upload the file again."))
            return redirect("champions:invitation_bulk")
        try:
            count = invitation_bulk_send(rows=pending["rows"], invited_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("champions:invitation_bulk")
        message = ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", count)
        messages.success(request, message % {"count": count})
        return redirect("champions:invitation_list")


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
