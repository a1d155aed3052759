import zoneinfo

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import AuditAction
from accounts.rules import needs_second_factor


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


# Views a working-group session may use before it has completed a second factor: its own
# account (sign-in, sign-out, two-factor set-up and verification, password, e-mail, sessions),
# the language switcher, the health check and the favicon. Everything else is confined.
SECOND_FACTOR_EXEMPT_MODULES = ("allauth.",)
SECOND_FACTOR_EXEMPT_VIEWS = {
    "config.views.healthz",
    "django.views.i18n.set_language",
    "django.views.generic.base.RedirectView",
}


def session_has_second_factor(request) -> bool:
    """Whether *this session* was authenticated with a second factor, not only whether the user has one.

    allauth records each authentication step of a session (password, code, mfa); a session
    opened by password alone, by a login code, by a password reset or by an invitation has
    no ``mfa`` record even when the account has an authenticator.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def _is_exempt(view_func) -> bool:
    view = getattr(view_func, "view_class", view_func)
    qualname = getattr(view, "__qualname__", type(view).__qualname__)  # a syndication feed is an instance
    name = f"{view.__module__}.{qualname}"
    return name.startswith(SECOND_FACTOR_EXEMPT_MODULES) or name in SECOND_FACTOR_EXEMPT_VIEWS


class MFARequiredMiddleware:
    """The working group (moderators, drafters, admins, staff) works only in a session with a second factor.

    One place for the rule (docs/security.md): for such a user, every page and action except
    the exempt account pages above is refused until the session has completed two-factor
    authentication — set it up first if the account has none, otherwise verify a code.
    GET requests are redirected there with ``next``; other methods are redirected too and
    nothing is performed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not needs_second_factor(user) or _is_exempt(view_func):
            return None
        if session_has_second_factor(request) and is_mfa_enabled(user):
            return None
        next_url = request.get_full_path() if request.method == "GET" else reverse("guidance:home")
        query = urlencode({"next": next_url})
        if not is_mfa_enabled(user):
            messages.warning(
                request,
                _("Set up two-factor authentication to continue: it is required for the working group."),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        messages.info(request, _("Enter a code from your authenticator app to continue."))
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")


def _is_download(request, response) -> bool:
    """A file handed to a signed-in user: exports, reports, receipts' Word copies, attachments."""
    user = getattr(request, "user", None)
    disposition = response.get("Content-Disposition", "")
    return response.status_code == 200 and disposition.startswith("attachment") and bool(user and user.is_authenticated)


def _download_name(response) -> str:
    disposition = response.get("Content-Disposition", "")
    _, _, name = disposition.partition("filename")
    return name.lstrip("*=").strip('"') if name else disposition


class AuditContextMiddleware:
    """Makes the request being served known to ``accounts.audit.record``; logs refusals and downloads.

    A ``PermissionDenied`` raised by any view (a rule refusing a user) is recorded with the
    address asked for; the response is Django's usual 403. Every file a signed-in user
    downloads (``Content-Disposition: attachment``) is recorded as an export, in one place,
    whichever view produced it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit.request_context(request):
            response = self.get_response(request)
            if _is_download(request, response):
                match = request.resolver_match
                audit.record(
                    AuditAction.EXPORT,
                    label=_download_name(response),
                    detail={"view": match.view_name if match else "", "query": request.GET.urlencode()},
                )
            return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            audit.record(AuditAction.PERMISSION_DENIED, detail={"method": request.method, "answered": 403})
        return None
