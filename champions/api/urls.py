"""/api/: the read-only JSON API and its OpenAPI 3 schema (no language prefix)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from champions.api import views

router = SimpleRouter()
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("countries", views.CountryViewSet, basename="country")
router.register("versions", views.VersionViewSet, basename="version")

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
    # [\s\S], not ".": a path with a newline in it is under /api/ too (a JSON 404, never the HTML page).
    re_path(r"^(?P<path>[\s\S]*)$", views.not_found),
]
