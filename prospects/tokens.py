"""Signed links in emails: confirmation (expires) and unsubscribe (does not)."""

from django.core import signing

CONFIRM_SALT = "prospects.newsletter.confirm"
UNSUBSCRIBE_SALT = "prospects.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(*, subscription_id: int) -> str:
    return signing.dumps(subscription_id, salt=CONFIRM_SALT)


def confirm_token_read(*, token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def unsubscribe_token(*, subscription_id: int) -> str:
    return signing.dumps(subscription_id, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(*, token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
