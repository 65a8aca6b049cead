"""Signed links for people without an account: identity check (48 h) and export download."""

from django.core import signing

VERIFY_SALT = "privacy.request.verify"
DOWNLOAD_SALT = "privacy.export.download"
VERIFY_MAX_AGE = 48 * 3600
DOWNLOAD_MAX_AGE = 7 * 24 * 3600
CANCEL_SALT = "privacy.request.cancel"
CANCEL_MAX_AGE = 90 * 24 * 3600  # longer than any deadline (3 months at most)


def verify_token_make(*, request_id: int, email: str) -> str:
    return signing.dumps({"r": request_id, "e": email.lower()}, salt=VERIFY_SALT)


def verify_token_read(*, token: str) -> dict | None:
    try:
        return signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None


def download_token_make(*, export_id: int, email: str) -> str:
    return signing.dumps({"x": export_id, "e": email.lower()}, salt=DOWNLOAD_SALT)


def download_token_read(*, token: str) -> dict | None:
    try:
        return signing.loads(token, salt=DOWNLOAD_SALT, max_age=DOWNLOAD_MAX_AGE)
    except signing.BadSignature:
        return None


def cancel_token_make(*, request_id: int, email: str) -> str:
    return signing.dumps({"r": request_id, "e": email.lower()}, salt=CANCEL_SALT)


def cancel_token_read(*, token: str) -> dict | None:
    try:
        return signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    except signing.BadSignature:
        return None
