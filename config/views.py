from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render


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
