"""Development: embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set."""

from perfony import devservices

from .base import *  # noqa: F403
from .base import database_config, env, redis_settings

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
SITE_SCHEME = env("SITE_SCHEME", default="http")
SITE_PORT = env("SITE_PORT", default=env("PORT", default="8000"))
# A fixed dev-only key so local data stays readable between runs; production requires its own.
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE="]
)
# A dev-only suppression key, fixed (not from SECRET_KEY) so a dev's list survives key changes.
SUPPRESSION_KEYS = env.list(
    "SUPPRESSION_KEYS", default=["dev-only-suppression-key-not-for-production"]
)
# The demo stays one command: staff may use the back office before enrolling a second factor.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=False)
# WebAuthn over plain http://perfony.localhost during development only.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "localhost", "127.0.0.1"]  # noqa: F405

if env("DATABASE_URL", default=""):
    DATABASES = {"default": database_config(env("DATABASE_URL"))}
else:
    DATABASES = {
        "default": {
            **devservices.embedded_postgres(),
            "ENGINE": "tenants.postgresql_backend",
            "CONN_MAX_AGE": 0,
        }
    }

vars().update(redis_settings(env("REDIS_URL", default="") or devservices.embedded_redis()))
# runserver and tests serve static files through WhiteNoise's finders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Runserver hands /static/ to WhiteNoise too (not to its own handler, which skips every
# middleware), so static files carry the same security headers as in production.
INSTALLED_APPS = [*INSTALLED_APPS]  # noqa: F405
INSTALLED_APPS.insert(
    INSTALLED_APPS.index("django.contrib.staticfiles"), "whitenoise.runserver_nostatic"
)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
CELERY_BEAT_SCHEDULE_FILENAME = str(devservices.VAR_DIR / "celerybeat-schedule")
