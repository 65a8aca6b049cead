"""Tests: the same real PostgreSQL and Redis as development, with fast hashing and eager tasks."""

from .local import *  # noqa: F403
from .local import env, redis_settings

# Separate Redis databases so tests never flush a running dev server's cache or queues.
_redis = env("REDIS_URL", default="") or devservices.embedded_redis()  # noqa: F405
vars().update(redis_settings(_redis + ("&" if "?" in _redis else "?") + "db=1"))
CELERY_BROKER_URL = CELERY_BROKER_URL.replace("db=1", "virtual_host=2")  # noqa: F405

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
SITE_SCHEME = "http"
SITE_PORT = ""
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; prod uses Argon2
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = devservices.VAR_DIR / "test-media"  # noqa: F405
# Tests never write into the developer's private files
PRIVATE_MEDIA_ROOT = devservices.VAR_DIR / "test-private"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
