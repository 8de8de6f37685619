"""danvan settings. Everything configurable comes from the environment (see .env.example)."""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from danvan.api.conf import api_platform_settings
from danvan.conf import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DANVAN_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DANVAN_DEBUG", False)


def _secret_key() -> str:
    """DANVAN_SECRET_KEY, or a random key kept in var/ for a single-machine install.

    Several web processes on several machines must share one key: set DANVAN_SECRET_KEY there.
    """
    key = env_str("DANVAN_SECRET_KEY", "")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _field_keys() -> list[str]:
    """Fernet keys for confidential fields (a denouncer's identity): DANVAN_FIELD_KEYS, comma
    separated, the first one encrypts and every one decrypts (rotation: put the new key first).
    Without it, a key generated once and kept in var/ for a single-machine install. Losing the
    key loses the confidential data: back it up apart from the database (docs/operations.md)."""
    from cryptography.fernet import Fernet

    keys = env_list("DANVAN_FIELD_KEYS", [])
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                "DANVAN_FIELD_KEYS: each key must be 32 url-safe base64-encoded bytes "
                '(python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())").'
            ) from None
    if keys:
        return keys

    path = VAR_DIR / "field_key"
    if not path.exists():
        # A new install; or a lost key — then the start check (danvan/core/keys.py) refuses
        # to run, names the missing key and removes this new one again.
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
        KEYS_GENERATED.append(str(path))
    # One key, or several (newest first, one per line) after a restore of rotated keys.
    return [key for key in path.read_text().replace(",", " ").split() if key]


KEYS_GENERATED: list[str] = []  # key files made by this start (danvan/core/keys.py)
FIELD_ENCRYPTION_KEYS = _field_keys()


def _digest_key() -> bytes:
    """The key of the keyed digests (HMAC) of petitioners' names and contacts, which tracking
    lookups and duplicate detection compare: DANVAN_DIGEST_KEY, or a key kept in var/. It is
    separate from the field keys and never rotates with them, so old cases stay findable.
    Created once as the digest key used before it existed (derived from the first field key),
    so the digests already stored keep matching."""
    import hashlib

    value = env_str("DANVAN_DIGEST_KEY", "")
    if value:
        if len(value) < 32:
            raise ImproperlyConfigured(
                "DANVAN_DIGEST_KEY must be at least 32 characters "
                '(python -c "import secrets; print(secrets.token_hex(32))").'
            )
    else:
        path = VAR_DIR / "digest_key"
        if not path.exists():
            first = FIELD_ENCRYPTION_KEYS[0].encode()
            path.write_text(hashlib.sha256(b"danvan.petitions.digest:" + first).hexdigest())
            path.chmod(0o600)
            KEYS_GENERATED.append(str(path))
        value = path.read_text().strip()
    try:
        return bytes.fromhex(value) if len(value) == 64 else value.encode()
    except ValueError:
        return value.encode()


DIGEST_KEY = _digest_key()
ALLOWED_HOSTS = env_list("DANVAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "danvan.core",
    "danvan.units",
    "danvan.accounts",
    "danvan.audit",
    "danvan.documents",
    "danvan.notifications",
    "danvan.plans",
    "danvan.exemplars",
    "danvan.reports",
    "danvan.petitions",
    "danvan.democracy",
    "danvan.oversight",
    "danvan.portal",
    "danvan.desk",
    "danvan.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "danvan.core.middleware.RequestBodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "danvan.accounts.middleware.TwoFactorMiddleware",
    "danvan.audit.middleware.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "danvan.core.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danvan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "danvan.core.context_processors.site",
            ],
        },
    },
]

# --- Database: SQLite by default (one office, one PC); PostgreSQL via DATABASE_URL.
_default_db = f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db),
        conn_max_age=env_int("DANVAN_DB_CONN_MAX_AGE", 0, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the background worker share one file without blocking reads.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions: Redis when configured (several web processes), memory otherwise.
REDIS_URL = env_str("REDIS_URL", "")
# The cache only accelerates: with Redis away, each process answers from its own memory and
# sessions from the database (danvan/core/cache.py), with a logged warning.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "danvan.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "danvan",
        },
        "sessions": {
            "BACKEND": "danvan.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "danvan-session",
            "OPTIONS": {"FALLBACK": False},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts and authentication
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = env_int("DANVAN_PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600, minimum=600)

# Lockout after repeated failures (django-axes): per username and IP.
AXES_FAILURE_LIMIT = env_int("DANVAN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("DANVAN_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

OTP_TOTP_ISSUER = env_str("DANVAN_OTP_ISSUER", "danvan")

# --- Internationalisation: Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [Path(env_str("DANVAN_LOCALE_DIR", str(BASE_DIR / "danvan" / "locale")))]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["danvan.formats"]

# --- Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at every start when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
# Request bodies: forms with files up to DANVAN_MAX_UPLOAD_MB, anything else (forms, JSON)
# up to DATA_UPLOAD_MAX_MEMORY_SIZE; larger ones are refused from their Content-Length, before
# being read (danvan/core/middleware.py RequestBodyMiddleware).
DANVAN_MAX_UPLOAD_BYTES = env_int("DANVAN_MAX_UPLOAD_MB", 25, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
DANVAN_MAX_BODY_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DANVAN_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # The local disk, without orphan files after a rollback (danvan/core/storage.py).
    "default": {"BACKEND": "danvan.core.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail: SMTP when DANVAN_EMAIL_HOST is set, otherwise files under var/mail.
EMAIL_HOST = env_str("DANVAN_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("DANVAN_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("DANVAN_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env_str("DANVAN_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DANVAN_EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DANVAN_EMAIL_FROM", "danvan <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- HTTPS and cookies (production: DANVAN_HTTPS=1 behind a TLS-terminating proxy).
HTTPS = env_bool("DANVAN_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DANVAN_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("DANVAN_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("DANVAN_SESSION_HOURS", 12, minimum=1) * 3600
X_FRAME_OPTIONS = "DENY"

# --- REST API
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "danvan.api.pagination.DefaultCursorPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "danvan.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
REST_FRAMEWORK.update(
    api_platform_settings()
)  # token auth, throttles and rates (danvan/api/conf.py)
SPECTACULAR_SETTINGS = {
    "TITLE": "danvan API",
    "DESCRIPTION": "REST API v1 của danvan: cùng quy tắc phân quyền với giao diện web.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Background jobs (Celery). Redis (or RabbitMQ) in production; on one PC with no other
# server, kombu's file-system transport under var/broker: it needs nothing but a folder.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env_str("DANVAN_BROKER_URL", REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR),
        "data_folder_out": str(BROKER_DIR),
        # kombu writes its exchange bindings here (by default: ./control in the current folder)
        "control_folder": str(BROKER_DIR / "control"),
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # An unacknowledged job of a worker that died is delivered again after this delay.
        "visibility_timeout": env_int("DANVAN_JOB_VISIBILITY_TIMEOUT", 3600, minimum=5),
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env_bool("DANVAN_JOBS_EAGER", False)
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DANVAN_LOG_LEVEL", "INFO")},
}

DANVAN_SITE_NAME = env_str("DANVAN_SITE_NAME", "Dân vận")
# The public address, for links in e-mails sent by background jobs (no request to ask).
DANVAN_SITE_URL = env_str("DANVAN_SITE_URL", "http://127.0.0.1:8000")
