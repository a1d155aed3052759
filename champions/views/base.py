"""What every view of champions (and, through ``reviews.views.base``, of reviews) shares: a service's
errors onto the form, one-button action posts, and the refusals of moderation and programme pages."""

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
