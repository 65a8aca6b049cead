"""A math captcha without cookies or third parties ("8 + 14 = ?").

The form carries a signed token holding a random nonce and an HMAC of the answer (never the answer
itself). The server checks the signature and age, then burns the nonce in the cache so a token
works once, right or wrong: a bot cannot replay it or try every answer on one question. While
Redis is down, the nonce is burnt in the database instead, in the model named by the setting
CAPTCHA_NONCE_MODEL ("app_label.Model" with a unique `nonce` and an indexed `used_at`, as
AUTH_USER_MODEL names the user model): the toolkit imports no app.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tokens import SignedToken, TokenExpired, TokenInvalid
from perfony.cache import shared_add, warn_once_a_minute

SALT = "prospects.captcha"  # the salt of the questions already on screens when this moved
MAX_AGE_SECONDS = 20 * 60
TOKEN = SignedToken(salt=SALT, max_age=MAX_AGE_SECONDS)


class CaptchaError(Exception):
    pass


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _answer_mac(nonce: str, answer: int) -> str:
    key = (SALT + settings.SECRET_KEY).encode()
    return hmac.new(key, f"{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()


def challenge_new() -> Challenge:
    a, b = secrets.randbelow(15) + 2, secrets.randbelow(15) + 2
    nonce = secrets.token_urlsafe(16)
    token = TOKEN.make(value={"n": nonce, "h": _answer_mac(nonce, a + b)})
    return Challenge(question=f"{a} + {b}", token=token)


def _burn(nonce: str) -> bool:
    """True the first time a nonce is used: in Redis, or in the database while Redis is down.

    A nonce burnt in the database during an outage stays refused once Redis is back.
    """
    used = apps.get_model(settings.CAPTCHA_NONCE_MODEL).objects
    fresh = shared_add(f"captcha:used:{nonce}", 1, timeout=MAX_AGE_SECONDS + 60)
    if fresh is not None:
        return fresh and not used.filter(nonce=nonce).exists()
    warn_once_a_minute("captcha", "Redis unreachable: captcha single-use check in the database")
    cutoff = timezone.now() - timedelta(seconds=MAX_AGE_SECONDS + 60)
    try:
        with transaction.atomic():
            used.filter(used_at__lt=cutoff).delete()
            used.create(nonce=nonce)
    except IntegrityError:
        return False
    return True


def challenge_verify(*, token: str, answer: int | None) -> None:
    """Raise CaptchaError with a message for the visitor unless the answer is right."""
    try:
        payload = TOKEN.load(token=token)
    except TokenExpired as exc:
        raise CaptchaError(_("The question has expired. Please answer the new one.")) from exc
    except TokenInvalid as exc:
        raise CaptchaError(
            _("The question could not be checked. Please answer the new one.")
        ) from exc
    if not _burn(payload["n"]):
        raise CaptchaError(_("This question was already used. Please answer the new one."))
    if answer is None or not hmac.compare_digest(payload["h"], _answer_mac(payload["n"], answer)):
        raise CaptchaError(_("Wrong answer. Please try the new question."))
