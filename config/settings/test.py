from .base import *  # noqa: F403
from .base import TEMPLATES

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WhiteNoise's manifest storage breaks live_server and needs collectstatic (STACK.md, gotcha 2).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_BANNER = True
ALLOWED_HOSTS = ["*"]
# Templates fail loudly on a missing variable in tests.
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "INVALID_TEMPLATE_VARIABLE<%s>"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Serve static files from the apps' folders (no collectstatic in tests; live_server needs them).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Background tasks run at once, in the request, under test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
