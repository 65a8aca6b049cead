"""The persistent browser id (`pf_bid`): recognises a returning browser to flag new ones."""

import hashlib
import secrets

from django.http import HttpRequest

from consent import selectors as consent_selectors

BROWSER_COOKIE = "pf_bid"
BROWSER_COOKIE_MAX_AGE = 100 * 24 * 3600  # the policy caps every cookie at 100 days


def browser_hash(browser_id: str) -> str:
    return hashlib.sha256(browser_id.encode()).hexdigest()


def browser_id_for_login(*, request: HttpRequest) -> str | None:
    """The browser's id, creating one if needed; None without consent to preferences."""
    if not consent_selectors.category_consented(request=request, category="preferences"):
        return None
    browser_id = request.COOKIES.get(BROWSER_COOKIE, "")
    if not (20 <= len(browser_id) <= 64 and browser_id.replace("-", "").replace("_", "").isalnum()):
        browser_id = secrets.token_urlsafe(24)
    # Renewed at each login, so the 100 days run from the last use.
    request.pf_bid_to_set = browser_id
    return browser_id
