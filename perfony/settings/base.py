"""Settings shared by every environment; everything deployment-specific comes from the env."""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)

# --- Hosts -------------------------------------------------------------------------------
PUBLIC_HOST = env("PUBLIC_HOST", default="perfony.localhost").lower()
EXTRANET_DOMAIN = env("EXTRANET_DOMAIN", default="iperfony.localhost").lower()
# Scheme and port used when the platform writes absolute links into emails and commands.
SITE_SCHEME = env("SITE_SCHEME", default="https")
SITE_PORT = env("SITE_PORT", default="")
ALLOWED_HOSTS = [PUBLIC_HOST, f".{EXTRANET_DOMAIN}"]

# --- Applications ------------------------------------------------------------------------
SHARED_APPS = [
    "django_tenants",  # must come first: provides the schema-aware backend and commands
    "tenants",  # the tenant registry (extranets and domains) is public by definition
    "django.contrib.contenttypes",  # needed in public for the staff admin
    "django.contrib.auth",  # staff users and the privacy-officer group live in public
    "django.contrib.sessions",  # staff back-office sessions
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",  # the staff back office only exists on the public host
    "accounts",  # staff users (public) share the user model with extranet users (tenant)
    "allauth",
    "allauth.account",  # tables are per schema so an email address belongs to one extranet
    # Staff second factors: public only. Extranet hosts never mount the MFA views, and
    # accounts.adapter answers "no MFA" outside the public schema without a query: an extranet's
    # search path ends with public, so a query there would read the staff's factors.
    "allauth.mfa",
    "core",  # shared helpers: audit trail for staff actions on the public schema
    "privacy",  # data-subject requests come from anyone, so they are handled centrally
    "consent",  # anonymous visitors' consent proof is stored in public
    "retention",  # the run log is platform-wide
    "prospects",  # visitors of the public site (contact, newsletter) belong to no extranet
    "careers",  # job applicants apply to Perfony itself, not to a customer
    "testimonials",  # published on the public site, consented by clients by email
    "stats",  # visitor counts are about the public site, aggregated per country and day
    "legal",  # one privacy and cookie policy for the whole platform
]

TENANT_APPS = [
    "django.contrib.contenttypes",  # content types are per schema because FKs point to them
    "django.contrib.auth",  # each extranet has its own users, groups and permissions
    "django.contrib.sessions",  # sessions in the tenant schema: a session cannot cross extranets
    "accounts",  # the extranet's users
    "allauth",
    "allauth.account",  # email addresses and confirmations belong to one extranet
    "core",  # per-extranet audit trail
    "consent",  # a logged-in user's consent proof stays in their extranet's schema
    "meetings",  # a company's meetings and actions belong to its extranet only
    "surveys",  # survey answers are personal data of one extranet's users
    "security",  # an extranet's security log must never show another extranet's logins
    "extranet",  # company information and invitations belong to one extranet
]

INSTALLED_APPS = list(dict.fromkeys(SHARED_APPS + TENANT_APPS))

TENANT_MODEL = "tenants.Extranet"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "perfony.urls_public"
ROOT_URLCONF = "perfony.urls_tenants"
DEFAULT_NOT_FOUND_TENANT_VIEW = "perfony.views.unknown_host"
# New extranets are cloned from a migrated template schema instead of replaying every
# migration, which keeps provisioning short enough for a request.
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_BASE_SCHEMA = "tenant_template"
# Left off on purpose: it is known to leak schemas across tenants with savepoints.
TENANT_LIMIT_SET_CALLS = False
# --- Scale: migrate_schemas skips current schemas, migrates the rest in parallel (issue 16) ---
GET_EXECUTOR_FUNCTION = "tenants.migration_executor.get_executor"
TENANT_MULTIPROCESSING_MAX_PROCESSES = env.int("MIGRATION_PROCESSES", default=2)
# A connection pooler in front of PostgreSQL must run in session mode (tenants/checks.py).
DATABASE_POOL_MODE = env("DATABASE_POOL_MODE", default="session")

MIDDLEWARE = [
    "perfony.health.HealthzMiddleware",  # /healthz says 503, not 500, when the database is down
    "perfony.middleware.TenantMiddleware",
    "consent.middleware.ConsentCookieMiddleware",  # sees every cookie any later layer sets
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionMiddleware",  # staff: session limits and MFA enrolment
    "security.middleware.BrowserIdMiddleware",
    "stats.middleware.VisitCountMiddleware",
]
# Outermost, so every response carries the security headers: also the 400/404 that
# TenantMiddleware answers before SecurityMiddleware runs, and WhiteNoise's static files.
MIDDLEWARE.insert(0, "perfony.security_headers.SecurityHeadersMiddleware")

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
                "perfony.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "perfony.wsgi.application"

# --- Database ----------------------------------------------------------------------------
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def database_config(url: str) -> dict:
    config = env.db_url_config(url)
    config["ENGINE"] = "tenants.postgresql_backend"
    # A connection lives at most CONN_MAX_AGE seconds, so no PostgreSQL backend keeps the catalog
    # cache of every schema it ever served (docs/scaling.md); gunicorn's max_requests and
    # CELERY_WORKER_MAX_TASKS_PER_CHILD recycle whole processes on top of it.
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    return config


# --- Cache, Celery -----------------------------------------------------------------------
def redis_settings(redis_url: str) -> dict:
    """Cache and Celery settings derived from one Redis URL."""
    broker = redis_url.replace("unix://", "redis+socket://", 1)
    return {
        "CACHES": {
            "default": {
                # Redis, or this process's memory while Redis is down (issue 18).
                "BACKEND": "perfony.cache.FallbackRedisCache",
                "LOCATION": redis_url,
                # Prefix every key with the schema so one extranet never reads another's cache.
                "KEY_FUNCTION": "django_tenants.cache.make_key",
                "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
            },
            # Host -> extranet lookups (tenants/routing.py): read before any schema is chosen.
            "routing": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "routing",
            },
        },
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": None,
    }


CELERY_TIMEZONE = "Europe/Paris"
CELERY_TASK_ACKS_LATE = True  # a killed worker's task is redelivered, and tasks are idempotent
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE: dict = {}  # each app adds its periodic tasks below; beat runs in public
# Scale (docs/scaling.md): a worker process is replaced after this many tasks, which closes its
# database connection and frees the catalog cache a backend gathers over many schemas.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=200)
# privacy: staff reminder for requests due within 7 days, and removal of expired exports (public).
CELERY_BEAT_SCHEDULE["privacy-reminders"] = {
    "task": "privacy.reminders_send",
    "schedule": crontab(hour=8, minute=0),
}
CELERY_BEAT_SCHEDULE["privacy-exports-purge"] = {
    "task": "privacy.exports_purge_expired",
    "schedule": 3600,
}
# privacy: unverified requests close after 14 days (then their retention rule purges them).
CELERY_BEAT_SCHEDULE["privacy-requests-expire"] = {
    "task": "privacy.requests_expire",
    "schedule": crontab(hour=2, minute=30),
}
# Retention: nightly purge at 03:00 Paris time (CELERY_TIMEZONE), dispatched from public.
CELERY_BEAT_SCHEDULE["retention-purge"] = {
    "task": "retention.dispatch",
    "schedule": crontab(hour=3, minute=0),
}
# --- Celery: work that is never lost (issue 18) ---------------------------------------------
# A killed worker's task goes back to the queue (acks late + reject on worker lost); tasks are
# idempotent, so a second delivery does no harm. The longest task is a retention chunk, capped
# by its hard time limit (30 min, retention/services.py); retries wait at most 10 min
# (retry_backoff_max in perfony/celery.py). Redis hands an unacknowledged message to another
# worker after the visibility timeout, so it must be longer than both: 40 minutes, stated here
# on purpose (kombu's default of one hour was never chosen).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Time limits (issue 17): every task gets these unless its decorator says otherwise. The soft
# limit raises SoftTimeLimitExceeded inside the task, so it can roll back and record why; the
# hard one kills the process a minute later. Long by nature, and overridden where they are
# declared: a retention chunk (retention.purge_chunk, 25/30 min), building an export and
# running an erasure across every schema (privacy.export_build, privacy.erasure_run, 15/20 min).
# Email tasks retry a mail server outage with backoff (EMAIL_TASK_OPTIONS, perfony/celery.py).
CELERY_TASK_TIME_LIMIT = 6 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 40 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The outbox relay (core/outbox.py) sends what a commit could not, every minute.
CELERY_BEAT_SCHEDULE["core-outbox-relay"] = {"task": "core.outbox_relay", "schedule": 60}
CELERY_BEAT_SCHEDULE["core-outbox-purge"] = {
    "task": "core.outbox_sent_purge",
    "schedule": crontab(hour=4, minute=30),
}
# Retention periods per rule key, overriding the declarations in each app's privacy.py (and every
# text derived from them): {"audit_trail": {"years": 5}}
RETENTION_PERIODS: dict = {}

# --- Auth --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # staff back office (public schema)
    "allauth.account.auth_backends.AuthenticationBackend",  # extranet login by username or email
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # accounts are created by invitation to a known address
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_RATE_LIMITS = {
    # The key is (account, client IP) (accounts/adapter.py): a stranger's failures from their
    # addresses never lock the real user out of theirs; each address is limited on its own.
    "login_failed": "10/5m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (core.http.client_ip).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# One address per account: a change goes through the confirmed flow at /preferences/ only.
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
# A reset asked for an unknown address sends nothing (signup is closed, so the
# "no account" mail would only link to a dead page); the page answers the same either way.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False

# --- Staff authentication (back office on the public host) ---------------------------------
# The admin login goes through allauth (perfony/urls_public.py); staff enrol a second factor.
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # password again before email changes
MFA_ADAPTER = "accounts.adapter.MFAAdapter"  # secrets encrypted with FIELD_ENCRYPTION_KEYS
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Perfony"
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is a second factor here, not a password
MFA_REAUTHENTICATION_REQUIRED = True  # recent password before adding or removing a factor
# Staff without TOTP or a security key are sent to enrol before any admin page (on in production).
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
STAFF_SESSION_IDLE_SECONDS = 30 * 60
STAFF_SESSION_MAX_SECONDS = 12 * 3600

# --- Encryption at rest ------------------------------------------------------------------
# Comma-separated Fernet keys, primary first; older keys only decrypt (see rotate_field_keys).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])

# --- Suppression list keys (privacy) -----------------------------------------------------
# HMAC keys of the suppression list, primary first: writes use the first, lookups try every
# key, so a rotation keeps everyone who objected. Independent of SECRET_KEY on purpose: a
# SECRET_KEY rotation must never empty the list (Art. 21(3)).
SUPPRESSION_KEYS = env.list("SUPPRESSION_KEYS", default=[])

# --- Sessions and cookies ----------------------------------------------------------------
# Host-only cookies (no Domain attribute): a cookie set by one extranet is never sent to another.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 2 * 7 * 24 * 3600
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_AGE = 100 * 24 * 3600  # Django's default is a year; the policy caps cookies at 100 days
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 100 * 24 * 3600  # the policy caps every cookie at 100 days
# Validity of a cookie choice; consent/cookies.py caps it at 100 days whatever is set here.
CONSENT_MAX_AGE_DAYS = env.int("CONSENT_MAX_AGE_DAYS", default=100)
# Optional third-party scripts (consent-gated); left empty, they are never loaded.
CONSENT_GOOGLE_ANALYTICS_ID = env("CONSENT_GOOGLE_ANALYTICS_ID", default="")
CONSENT_LINKEDIN_PARTNER_ID = env("CONSENT_LINKEDIN_PARTNER_ID", default="")

# --- I18n --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# One date style per language (en-GB for English, 24-hour, the zone with a time)
# and the French "1er" in every template's `date` filter.
FORMAT_MODULE_PATH = ["perfony.formats"]
TEMPLATES[0]["OPTIONS"]["builtins"] = ["core.templatetags.dates"]

# --- Static and media --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / ".var" / "media")))
# CVs, unpublished logos and data exports: outside MEDIA_ROOT, never served by URL
# (see core/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(MEDIA_ROOT.parent / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Email -------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Perfony <no-reply@perfony.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAIL = env("STAFF_NOTIFICATION_EMAIL", default="dpo@perfony.com")

# --- Security ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent on every response by perfony.security_headers.SecurityHeadersMiddleware.
# No page uses a camera, a microphone, a location or payments; passkeys (WebAuthn) and
# fullscreen stay available to our own pages.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "autoplay=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "encrypted-media=()",
        "fullscreen=(self)",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "picture-in-picture=()",
        "publickey-credentials-create=(self)",
        "publickey-credentials-get=(self)",
        "screen-wake-lock=()",
        "serial=()",
        "usb=()",
        "xr-spatial-tracking=()",
    ]
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "pgserver": {"level": "WARNING"}},
}

# --- Public-form toolkit (core): where the captcha burns its nonces while Redis is down -----
# core.captcha imports no app; the table belongs to the public forms' app, as AUTH_USER_MODEL.
CAPTCHA_NONCE_MODEL = "prospects.UsedCaptchaNonce"
