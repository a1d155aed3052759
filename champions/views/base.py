"""What every view of champions (and, through ``reviews.views.base``, of reviews) shares: a service's
errors onto the form, one-button action posts, and the refusals of moderation and programme pages."""

import secrets

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from rules.contrib.views import PermissionRequiredMixin


def form_error(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: field errors next to their field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ActionView(View):
    """A button that does one thing (a POST): ``act()`` returns the message to show, or raises a
    ``ValidationError`` whose messages are shown instead; either way back to ``next_url()``."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if message:
                messages.success(request, message)
        return redirect(self.next_url())

    def act(self) -> str:
        raise NotImplementedError

    def next_url(self) -> str:
        raise NotImplementedError


class ModerationPage(PermissionRequiredMixin):
    """A moderation or administration page: the permission is checked and MFA is required."""


class ProgrammePage(LoginRequiredMixin, PermissionRequiredMixin):
    """Refusals: sign in first; 404 to whoever may not see the object; 403 to whoever may see but not act."""

    view_permission = ""

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        if self.get_permission_object() is None:
            raise PermissionDenied  # a page of the working group, not an object: its existence is no secret
        if self.view_permission and self.request.user.has_perm(self.view_permission, self.get_permission_object()):
            raise PermissionDenied
        raise Http404


class WorkingGroupPage(ProgrammePage):
    permission_required = "champions.view_overview"


class FormPermissionMixin:
    """``permission_required`` says who may open the page; ``post_permission`` who may also send its
    form, checked on the same object. A refusal goes through ``handle_no_permission`` like any other
    (a 404 where the object may not even be seen, a 403 otherwise)."""

    post_permission = ""

    def get_permission_required(self):
        required = tuple(super().get_permission_required())
        if self.request.method == "POST" and self.get_post_permission():
            required = (*required, self.get_post_permission())
        return required

    def get_post_permission(self) -> str:
        return self.post_permission


class StagedUploadMixin:
    """Upload → preview → confirm: the one flow of every file a user sends in to change many things at
    once (bulk invitations, the offline template, the comment matrix; docs/architecture.md).

    The upload view reads the file with its service's safe reader, shows a report on every row and
    stages what the confirmation will apply (``stage``), under a fresh token that only the preview
    page's form carries (``includes/upload_confirm.html``). The confirm view takes it back
    (``unstage``) once, for the same user, with that token; anything else finds nothing to apply.
    Nothing is saved or sent before the confirmation.
    """

    stage_key = ""  # the session key of this flow

    def stage(self, payload: dict) -> str:
        token = secrets.token_urlsafe(16)
        self.request.session[self.stage_key] = {**payload, "token": token, "user": self.request.user.pk}
        return token

    def unstage(self) -> dict | None:
        pending = self.request.session.pop(self.stage_key, None)
        if not pending or pending.get("user") != self.request.user.pk:
            return None
        given = self.request.POST.get("token", "")
        if not secrets.compare_digest(str(pending.get("token", "")), given):
            return None
        return pending
