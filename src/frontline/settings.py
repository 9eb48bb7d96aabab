"""Frontline settings, read from FRONTLINE_* environment variables (see .env.example).

FRONTLINE_ENVIRONMENT is `production` (the default), `demo`, `development` or `test`. Production
refuses to start without FRONTLINE_SECRET_KEY or with FRONTLINE_DEBUG on; the other environments
generate a secret key into the data directory so a fresh clone runs at once.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from frontline.common.env import env_bool, env_int, env_list, env_str

ENVIRONMENT = env_str("ENVIRONMENT", "production")
if ENVIRONMENT not in {"production", "demo", "development", "test"}:
    raise ImproperlyConfigured(
        f"FRONTLINE_ENVIRONMENT must be production, demo, development or test, not {ENVIRONMENT!r}"
    )
PRODUCTION = ENVIRONMENT == "production"

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DATA_DIR", "var")).resolve()
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if PRODUCTION and len(key) < 50:
            raise ImproperlyConfigured("FRONTLINE_SECRET_KEY must be at least 50 characters")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "FRONTLINE_SECRET_KEY is required in production (FRONTLINE_ENVIRONMENT=production)"
        )
    # Demo, development and test: a key generated once into the data directory.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("FRONTLINE_DEBUG must be off in production")

SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Request bodies (a sync batch, an upload chunk) may be up to 5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "frontline.accounts",
    "frontline.audit",
    "frontline.sync",
    "frontline.notebook",
    "frontline.stopsearch",
    "frontline.statements",
    "frontline.incidents",
    "frontline.evidence",
    "frontline.checks",
    "frontline.tasking",
    "frontline.devices",
    "frontline.interop",
    "frontline.evaluation",
    "frontline.office",
    "frontline.pwa",
]

if ENVIRONMENT == "test":
    # A record app with editable state, for the sync engine's property tests (tests/sync).
    INSTALLED_APPS.append("tests.sync.drafts")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "frontline.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "frontline.bodies.BrokenTextMiddleware",
]

ROOT_URLCONF = "frontline.urls"
WSGI_APPLICATION = "frontline.wsgi.application"
AUTH_USER_MODEL = "accounts.Officer"
LOGIN_URL = "office:sign-in"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]


# PostgreSQL only: the session lookup of every API request and a pull's reads run as prepared
# statements (common/prepared.py); 0 for a transaction-pooling PgBouncer that does not track
# them.
_PG_PREPARED = env_bool("PG_PREPARED", True)


def _databases() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        if config["ENGINE"] == "django.db.backends.postgresql" and _PG_PREPARED:
            # Django turns psycopg's prepared statements off. Its own cursors bind on the client
            # and never prepare either way; common/prepared.py's reads ask for it, and the
            # raw cursor of notebook/integrity.py's verify stream may prepare its one SET.
            config.setdefault("OPTIONS", {})["prepare_threshold"] = 5
    else:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "frontline.db"),
            # Kept open between requests, as on PostgreSQL: opening one costs about 5 ms of CPU
            # (Django registers its SQL functions, and the PRAGMAs run), a third of a pull page.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        }
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Django's backend, whose write transactions take turns in a served worker
        # (common/writerqueue.py).
        config["ENGINE"] = "frontline.common.sqlite_backend"
        # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock when a
        # transaction begins, so two writers queue instead of failing half-way with "locked".
        # synchronous=FULL syncs the log at every commit: a push is acknowledged only after its
        # commit, and with NORMAL a power cut could still undo a commit already acknowledged,
        # whose records the device has then let go (decision 1, amendment of the tenth session).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            ),
        }
        config["TEST"] = {"NAME": str(DATA_DIR / "test-frontline.db")}
    return {"default": config}


DATABASES = _databases()
# SQLite only: every how many milliseconds a worker of `frontline serve` checkpoints the
# write-ahead log from a thread of its own, instead of a request's commit doing it under the
# write lock (common/walcheckpoint.py); 0 leaves checkpoints to SQLite.
SQLITE_CHECKPOINT_MS = env_int("SQLITE_CHECKPOINT_MS", 250, minimum=0)
PG_PREPARED = _PG_PREPARED

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Sessions and cookies: back office only; the API uses device-bound bearer tokens.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Every page not setting its own (the officer app's shell does) gets this policy: nothing inline,
# nothing from elsewhere, never framed. Set by frontline.headers.SecurityHeadersMiddleware.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

# The cache holds rate-limit counters. In-process by default (each server process counts on its
# own); FRONTLINE_CACHE_URL=redis://host:6379/0 shares them across processes and machines.
_CACHE_URL = env_str("CACHE_URL", "")
if _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
        }
    }
elif _CACHE_URL:
    raise ImproperlyConfigured("FRONTLINE_CACHE_URL must be a redis:// or rediss:// URL")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rate limits per client address on the doors an attacker knocks on. Per-officer lockout after
# failed passwords is separate (LOCKOUT_*). Behind a load balancer set FRONTLINE_TRUSTED_PROXIES
# to the number of proxies that append to X-Forwarded-For; 0 trusts only the socket's address.
NINJA_NUM_PROXIES = env_int("TRUSTED_PROXIES", 0, minimum=0)
NINJA_DEFAULT_THROTTLE_RATES = {
    "sign_in": env_str("RATE_SIGN_IN", "120/m"),
    "enrolment": env_str("RATE_ENROLMENT", "20/m"),
    "checks": env_str("RATE_CHECKS", "60/m"),
}

# Frontline's own rules.
FRONTLINE = {
    # How long an officer's device-bound token lives: one shift, with overtime.
    "SHIFT_TOKEN_LIFETIME": timedelta(hours=env_int("SHIFT_HOURS", 12, minimum=1)),
    "ENROLMENT_CODE_LIFETIME": timedelta(minutes=env_int("ENROLMENT_CODE_MINUTES", 30, minimum=1)),
    "LOCKOUT_THRESHOLD": env_int("LOCKOUT_THRESHOLD", 5, minimum=1),
    "LOCKOUT_DURATION": timedelta(minutes=env_int("LOCKOUT_MINUTES", 15, minimum=1)),
    "NOTEBOOK_TEXT_MAX": 10_000,
    # Officer app versions older than this are told to update (426 client_update_required).
    "MIN_APP_VERSION": env_str("MIN_APP_VERSION", "1.0.0"),
    # Bearer token a Prometheus scraper sends to GET /metrics; empty: no /metrics at all.
    "METRICS_TOKEN": env_str("METRICS_TOKEN", ""),
    "UPLOAD_MAX_BYTES": env_int("UPLOAD_MAX_MB", 100, minimum=1) * 1024 * 1024,
    "UPLOAD_CHUNK_MAX_BYTES": 4 * 1024 * 1024,
    "UPLOAD_MEDIA_TYPES": env_list(
        "UPLOAD_MEDIA_TYPES",
        [
            "image/jpeg",
            "image/png",
            "image/webp",
            "image/heic",
            "application/pdf",
            "audio/mp4",
            "audio/mpeg",
            "audio/webm",
            "video/mp4",
            "video/webm",
        ],
    ),
    # Deleted records stay in the change feed this long before devices must reset.
    "TOMBSTONE_RETENTION_DAYS": env_int("TOMBSTONE_RETENTION_DAYS", 90, minimum=1),
    "JUSTIFICATION_MAX": 500,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Information management (interop): review periods per record type, e.g.
# FRONTLINE_RETENTION_REVIEW_YEARS=notebook.entry=6,stopsearch.record=7 (defaults: each record
# type's own, six years for every type today; the demo reviews stop and search from day one, so
# that its review list has records in it); the outbox worker's retry schedule.
RETENTION_REVIEW_YEARS = env_list(
    "RETENTION_REVIEW_YEARS", ["stopsearch.record=0"] if ENVIRONMENT == "demo" else []
)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
OUTBOX_BACKOFF_SECONDS = env_int("OUTBOX_BACKOFF_SECONDS", 30, minimum=0)
