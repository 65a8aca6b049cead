"""The persistent browser id (`pf_bid`): recognises a returning browser to flag new ones."""

import hashlib
import secrets

BROWSER_COOKIE = "pf_bid"
BROWSER_COOKIE_MAX_AGE = 100 * 24 * 3600  # the policy caps every cookie at 100 days


def browser_hash(browser_id: str) -> str:
    return hashlib.sha256(browser_id.encode()).hexdigest()


def browser_id_or_new(*, browser_id: str) -> str:
    """The browser's id when it is one we could have set, else a fresh one."""
    if 20 <= len(browser_id) <= 64 and browser_id.replace("-", "").replace("_", "").isalnum():
        return browser_id
    return secrets.token_urlsafe(24)
