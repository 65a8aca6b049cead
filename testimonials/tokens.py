"""Signed links in emails: the consent request (expires) and its revocation (does not).

The consent link carries the testimonial's id, the revocation link the consent's id."""

from core.tokens import SignedToken

CONSENT = SignedToken(salt="testimonials.consent", max_age=30 * 24 * 3600)
REVOKE = SignedToken(salt="testimonials.revoke")
