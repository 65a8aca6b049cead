"""Production: every secret and service URL must come from the environment; nothing is embedded."""

from django.core.exceptions import ImproperlyConfigured

from core.crypto import validate_keys

from .base import *  # noqa: F403
from .base import database_config, env, redis_settings

_REQUIRED = [
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "PUBLIC_HOST",
    "EXTRANET_DOMAIN",
    "EMAIL_URL",
    "FIELD_ENCRYPTION_KEYS",
    "SUPPRESSION_KEYS",
]
_missing = [name for name in _REQUIRED if not env(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )
_key = env("SECRET_KEY")
if len(_key) < 50 or len(set(_key)) < 5 or _key.startswith(("dev-only", "django-insecure-")):
    raise ImproperlyConfigured("SECRET_KEY must be a random value of at least 50 characters.")

FIELD_ENCRYPTION_KEYS = validate_keys(env.list("FIELD_ENCRYPTION_KEYS"))
SUPPRESSION_KEYS = [k.strip() for k in env.list("SUPPRESSION_KEYS") if k.strip()]
if not SUPPRESSION_KEYS or any(
    len(k) < 32 or len(set(k)) < 5 or k.startswith("dev-only") for k in SUPPRESSION_KEYS
):
    raise ImproperlyConfigured(
        "SUPPRESSION_KEYS must be comma-separated random keys of at least 32 characters each, "
        "primary first; keep the old ones after a rotation (lookups try every key)."
    )

DEBUG = False
STAFF_MFA_REQUIRED = True  # not from the environment: production staff always use a second factor
SITE_SCHEME = "https"
SITE_PORT = ""
DATABASES = {"default": database_config(env("DATABASE_URL"))}
vars().update(redis_settings(env("REDIS_URL")))

# --- TLS and browser hardening -------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# The __Host- prefix makes the browser refuse any Domain attribute: the cookie stays on one host.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = [f"https://{PUBLIC_HOST}", f"https://*.{EXTRANET_DOMAIN}"]  # noqa: F405

# No inline script anywhere; styles and scripts come from our own origin only.
# Third-party hosts are allowed only when their consent-gated script is configured.
_THIRD_PARTY = {
    "CONSENT_GOOGLE_ANALYTICS_ID": (
        "https://www.googletagmanager.com",
        "https://*.google-analytics.com https://*.analytics.google.com",
    ),
    "CONSENT_LINKEDIN_PARTNER_ID": ("https://snap.licdn.com", "https://px.ads.linkedin.com"),
}
_enabled = [hosts for key, hosts in _THIRD_PARTY.items() if env(key, default="")]
_scripts = "".join(f" {script}" for script, _connect in _enabled)
_connect = "".join(f" {connect}" for _script, connect in _enabled)
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; script-src 'self'{_scripts}; style-src 'self'; "
    f"img-src 'self' data:{_connect}; connect-src 'self'{_connect}; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(  # just before SecurityMiddleware, wherever other layers put it
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
    "perfony.middleware.ContentSecurityPolicyMiddleware",
)

LOGGING = {
    **LOGGING,  # noqa: F405
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
