from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise RuntimeError("DJANGO_SECRET_KEY must be set in production.")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe /healthz over plain HTTP, often without the proxy's header; it tells only "ok".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
# On by default (what `check --deploy` asks for): the site runs on a host of its own, so
# includeSubDomains covers only names below that host, and preload has no effect until the
# domain's owner submits the domain to the browsers' preload list. Turn off with "false".
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
DEMO_BANNER = env_bool("DJANGO_DEMO_BANNER", False)
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# allauth's rate limits and its record of used TOTP codes live in the cache: it must be shared
# by every worker and host, or each gunicorn worker would grant its own five attempts and
# accept a code already used on another. Redis when REDIS_URL is set (base settings), the
# database otherwise (`manage.py createcachetable` once, at deployment). Never per-process memory.
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": env("DJANGO_CACHE_TABLE", "guidance_review_cache"),
        }
    }
