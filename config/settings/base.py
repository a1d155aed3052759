"""Settings shared by every environment.

The environment is read once, here, through ``env()``; the other settings modules only
override what differs.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import jquery_ui

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_countries",
    "django_tasks",
    "config.third_party_apps.BackgroundTasksConfig",  # django_tasks_db, named in our languages
    "csp",
    "allauth",
    "allauth.account",
    "config.third_party_apps.TwoFactorConfig",  # allauth.mfa, named in our languages
    "allauth.usersessions",
    "rest_framework",
    "drf_spectacular",
    "accounts",
    "guidance",
    "champions",
    "reviews",
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.UnknownLanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.MFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles our short queries for longer than they run: in bench/, the
    # 100,000-row export query took 2.4 s with it and 1.5 s without, lists about 10 % longer.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# allauth: email is the login; no open sign-up (accounts arrive by invitation, see docs/).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = "guidance:home"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
LOGIN_REDIRECT_URL = "guidance:home"
LOGIN_URL = "account_login"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Guidance Review] "
ACCOUNT_CHANGE_EMAIL = True  # a new address is verified before it replaces the old one
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# allauth's rate limits (they need a shared cache in production: set REDIS_URL).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",  # a rate limit, not a password  # nosec B105
    "request_login_code": "20/m/ip,3/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Guidance Review"
# A code of the previous or next 30-second step is accepted too (RFC 6238's allowance for a phone's clock
# and for the seconds it takes to type): each code still works once (allauth marks it used for the window).
MFA_TOTP_TOLERANCE = 1
# Sessions are recorded at sign-in (not on every request, which would cost queries on every page).
USERSESSIONS_TRACK_ACTIVITY = False

# The address used in links inside emails (invitations, receipts).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Working-group roles are Django groups with these names (read by every app's rules).
MODERATORS_GROUP = "moderators"
DRAFTERS_GROUP = "drafters"

# Invitations (champions app): single use, expiring.
INVITATION_VALID_DAYS = int(env("INVITATION_VALID_DAYS", "14"))
INVITATION_BULK_MAX_ROWS = 1000
INVITATION_BULK_MAX_BYTES = 2 * 1024 * 1024

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Zurich"  # Geneva: the working group's reference time zone
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# modeltranslation reads this (unprefixed) name; served from the XStatic-jquery-ui package, not a CDN.
JQUERY_UI_URL = "xstatic/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "config.staticfinders.VendorFilesFinder",
]
# Only the one file of XStatic-jquery-ui that the admin uses: its theme stylesheets name images
# the package does not ship, which WhiteNoise's manifest storage refuses (config/staticfinders.py).
STATICFILES_VENDOR_FILES = {JQUERY_UI_URL: Path(jquery_ui.BASE_DIR) / "jquery-ui.min.js"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Guidance Review <no-reply@guidance-review.example>")

# Uploaded guidance files (admin import form): refuse anything larger.
GUIDANCE_IMPORT_MAX_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Shown as a "Demo" phase banner on every page while demo data is served.
DEMO_BANNER = env_bool("DJANGO_DEMO_BANNER", True)

# Content-Security-Policy: no inline scripts or styles anywhere (django-csp 4).
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: links in emails (invitations, sign-in codes) must arrive signed in.
SESSION_COOKIE_SAMESITE = "Lax"
# A working day (12 hours) rather than Django's two weeks: official positions are confidential.
SESSION_COOKIE_AGE = int(env("DJANGO_SESSION_COOKIE_AGE", str(60 * 60 * 12)))
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it

# Behind a TLS-terminating proxy (docs/security.md). DJANGO_SECURE_PROXY_SSL_HEADER names the
# header the proxy sets to "https" (e.g. HTTP_X_FORWARDED_PROTO); empty: no header is trusted,
# since a client could otherwise claim HTTPS. The proxy must overwrite what a client sends.
_proxy_ssl_header = env("DJANGO_SECURE_PROXY_SSL_HEADER").strip()
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
# Origins allowed to POST when the site is reached under another host or port (https://…).
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("DJANGO_CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]
# The client address that allauth's rate limits (and the session list) use. 0 proxies: REMOTE_ADDR
# only, X-Forwarded-For ignored. N proxies of ours append to X-Forwarded-For: the Nth entry from the
# right is the client, so a client cannot reset its limit by sending its own entries. Or the name
# of a header that our proxy sets to the client address (e.g. X-Real-IP), never one a client sets.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("DJANGO_TRUSTED_CLIENT_IP_HEADER").strip() or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}

# Background work (large comment-matrix exports): django-tasks with its database backend;
# run `python manage.py db_worker` beside the web server (see docs/development.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Exports of more rows than this run in the background; smaller ones stream at once.
EXPORT_INLINE_MAX_ROWS = int(os.environ.get("EXPORT_INLINE_MAX_ROWS", "5000"))

# The read-only JSON API under /api/ (champions/api/, docs/champions.md): public, published data only,
# no sessions or CSRF (nothing is written), JSON only, paginated with a bounded page size.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "champions.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Guidance Review — knowledge platform API",
    "DESCRIPTION": (
        "Read-only feed of the UN Network on Migration's guidance review: published practices of the Champion "
        "countries, the Champion countries with their roles and pilot status, and the published guidance versions. "
        "Translated fields follow ?lang= or Accept-Language (en, fr, es)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
}
