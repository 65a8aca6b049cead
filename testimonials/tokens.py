from django.core import signing

CONSENT_SALT = "testimonials.consent"
REVOKE_SALT = "testimonials.revoke"
CONSENT_MAX_AGE = 30 * 24 * 3600


def consent_token(*, testimonial_id: int) -> str:
    return signing.dumps(testimonial_id, salt=CONSENT_SALT)


def consent_token_read(*, token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def revoke_token(*, consent_id: int) -> str:
    return signing.dumps(consent_id, salt=REVOKE_SALT)


def revoke_token_read(*, token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=REVOKE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
