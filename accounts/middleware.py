import zoneinfo

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.rules import is_moderator


class UserTimezoneMiddleware:
    """Shows dates in the signed-in user's time zone (Geneva time otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone)) if zone else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


def mfa_required(view):
    """Marks a view as a moderation or administration page: moderators and admins need MFA there."""
    view.mfa_required = True
    return view


class MFARequiredMiddleware:
    """Moderators and admins must set up two-factor authentication before moderation or admin pages.

    A page is protected when it belongs to the Django admin or its view is marked with
    ``mfa_required`` (function views) or has ``mfa_required = True`` (class-based views).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not is_moderator(user):
            return None
        protected = getattr(view_func, "mfa_required", False) or getattr(
            getattr(view_func, "view_class", None), "mfa_required", False
        )
        match = request.resolver_match
        if match is not None and match.namespace == "admin" and match.url_name not in {"logout", "login"}:
            protected = True
        if not protected or is_mfa_enabled(user):
            return None
        messages.warning(
            request,
            _("Set up two-factor authentication to continue: it is required for moderation and administration."),
        )
        return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
