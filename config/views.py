from allauth.account.decorators import secure_admin_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect, render


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers; no language prefix, no session."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception=None):
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest):
    return render(request, "500.html", status=500)


def admin_login(request: HttpRequest, extra_context=None):
    """The Django admin's login page, which never checks a password itself.

    Anonymous visitors go to allauth's sign-in (rate limits, second factor) and come back;
    a signed-in staff member goes to the admin index (the admin's own password form is never
    processed, so a password alone cannot switch the session); anyone else is refused.
    """
    if request.user.is_authenticated:
        if not request.user.is_staff or not request.user.is_active:
            raise PermissionDenied
        return redirect("admin:index")
    return secure_admin_login(lambda request: None)(request)
