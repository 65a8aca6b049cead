"""Signed tokens: the one way links in emails, the captcha and other signed values are made
and read.

A token is `django.core.signing.dumps(value, salt=salt)`, unchanged, so links already sent stay
valid. The salt names the purpose (a newsletter confirmation never opens an unsubscribe page)
and the value names everything the token is bound to: an id alone where the id is the whole
secret (a subscription, a testimonial), an id and the address it was sent to where the reader
must check both (a data-subject request). A `sealed` token is also encrypted under the field
keys, so whoever reads the mail learns nothing of what it names (an account, an extranet).
Single use is not the token's business: the service that honours it keeps what was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing

from core import crypto


class TokenInvalid(Exception):
    """The token was not made by us for this purpose (forged, altered, another salt)."""


class TokenExpired(TokenInvalid):
    """The token was ours, but is older than its kind allows."""


@dataclass(frozen=True)
class SignedToken:
    """One kind of token: its salt and how long it stays valid (None: until revoked)."""

    salt: str
    max_age: int | None = None
    sealed: bool = False
    compress: bool = False  # for values kept in a cookie, where bytes count

    def make(self, *, value: Any) -> str:
        signed = signing.dumps(value, salt=self.salt, compress=self.compress)
        return crypto.encrypt(signed) if self.sealed else signed

    def load(self, *, token: str) -> Any:
        """The value, or TokenExpired / TokenInvalid (for callers that say which to people)."""
        try:
            signed = crypto.decrypt(token, label="a signed link") if self.sealed else token
            return signing.loads(signed, salt=self.salt, max_age=self.max_age)
        except signing.SignatureExpired as exc:
            raise TokenExpired(self.salt) from exc
        except (signing.BadSignature, crypto.FieldDecryptionError, UnicodeError) as exc:
            raise TokenInvalid(self.salt) from exc

    def read(self, *, token: str) -> Any | None:
        """The value, or None for any token that is not a valid one of this kind."""
        try:
            return self.load(token=token)
        except TokenInvalid:
            return None

    def read_id(self, *, token: str) -> int | None:
        """For tokens that carry a row id: the id, or None."""
        value = self.read(token=token)
        try:
            return None if value is None else int(value)
        except (TypeError, ValueError):
            return None

    def read_dict(self, *, token: str, keys: tuple[str, ...]) -> dict | None:
        """For tokens that carry several bound values: the dict, or None unless every key in
        `keys` is present (a token of an older shape is refused, not half-read)."""
        value = self.read(token=token)
        if not isinstance(value, dict) or any(key not in value for key in keys):
            return None
        return value
