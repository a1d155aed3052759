from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from config import views
from guidance import views as guidance_views

# The Django admin has no sign-in of its own: its login page sends to allauth's, which has the
# rate limits and the second factor (docs/security.md). A password alone never opens the admin.
admin.site.login = views.admin_login
admin.site.site_header = _("Guidance Review — administration")
admin.site.site_title = _("Guidance Review administration")
admin.site.index_title = _("Secretariat administration")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("champions.api.urls")),  # the JSON API: no language prefix (?lang= or Accept-Language)
    # images of the guidance text, the same in every language (guidance/services/images.py)
    path("guidance-images/<str:name>", guidance_views.guidance_image, name="guidance_image"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("champions.urls")),
    path("", include("reviews.urls")),
    path("", include("guidance.urls")),
    prefix_default_language=True,
)

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

if settings.DEBUG:  # pragma: no cover - development convenience only
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
