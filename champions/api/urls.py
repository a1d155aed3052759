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
    re_path(r"^(?P<path>.*)$", views.not_found),
]
