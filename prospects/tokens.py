"""Signed links in emails: confirmation (expires) and unsubscribe (does not).

Each carries the subscription's id only; the salts are those of the links already sent."""

from core.tokens import SignedToken

NEWSLETTER_CONFIRM = SignedToken(salt="prospects.newsletter.confirm", max_age=7 * 24 * 3600)
NEWSLETTER_UNSUBSCRIBE = SignedToken(salt="prospects.newsletter.unsubscribe")
