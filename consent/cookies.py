"""The cookie registry: every cookie and script the platform can set or load, declared in code.

The cookie policy page (/cookies/) is generated from this module, the banner offers one toggle
per category, the consent middleware strips any cookie of a category that was not consented, and
the test suite fails on any response that sets a cookie missing from here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NECESSARY = "necessary"
PREFERENCES = "preferences"
AUDIENCE = "audience"
ANALYTICS = "analytics"
ADVERTISING = "advertising"

# The consent cookie lives at most this long, whatever the settings say (privacy policy §2).
MAX_AGE_DAYS_CAP = 100


@dataclass(frozen=True)
class Category:
    key: str
    label: Promise
    description: Promise
    required: bool = False
    # Refused by default when the browser sends Global Privacy Control (Sec-GPC: 1).
    refused_by_gpc: bool = False


@dataclass(frozen=True)
class Cookie:
    name: str
    category: str
    purpose: Promise
    lifetime: Promise
    party: str  # "first" or "third"
    provider: str = "Perfony"
    # A name that ends with "*" covers a family, e.g. Google Analytics' "_ga_<container id>".

    def matches(self, name: str) -> bool:
        if self.name.endswith("*"):
            return name.startswith(self.name[:-1])
        return name == self.name


@dataclass(frozen=True)
class Script:
    key: str
    category: str
    purpose: Promise
    party: str
    provider: str
    setting: str  # the setting holding the account id; the script is only loaded when it is set
    url: str  # "{id}" is replaced by the setting's value
    # A tag that reports the page's real URL itself (we cannot hand it the route pattern) only
    # runs where that URL is no more than its pattern: no parameter, no query string.
    reads_page_url: bool = False

    def src(self) -> str:
        value = getattr(settings, self.setting, "")
        return self.url.format(id=value) if value else ""


@dataclass(frozen=True)
class Recipient:
    """A third party that receives visit data once one of its scripts is configured; the
    privacy and cookie policies list it (GDPR Art. 13(1)(e) and (f))."""

    provider: str  # the `provider` of its cookies and scripts
    name: Promise  # the legal entity we deal with
    purpose: Promise
    country: Promise
    transfer: Promise  # the safeguard for a transfer outside the EEA
    retention: Promise


CATEGORIES: tuple[Category, ...] = (
    Category(
        NECESSARY,
        _("Strictly necessary"),
        _(
            "Keep you signed in, protect forms against forgery and remember your cookie choice. "
            "The site cannot work without them, so they cannot be switched off."
        ),
        required=True,
    ),
    Category(
        PREFERENCES,
        _("Preferences"),
        _(
            "Remember your language and recognise a browser that has visited before, with a "
            "random id that contains no account data."
        ),
    ),
    Category(
        AUDIENCE,
        _("Audience measurement"),
        _("Count visits and pages seen, in our own anonymous statistics."),
    ),
    Category(
        ANALYTICS,
        _("Third-party analytics"),
        _("Let an analytics provider measure how the site is used; it receives your visit data."),
        refused_by_gpc=True,
    ),
    Category(
        ADVERTISING,
        _("Advertising"),
        _("Measure how our advertisements perform, with cookies of advertising networks."),
        refused_by_gpc=True,
    ),
)
CATEGORY_KEYS: tuple[str, ...] = tuple(c.key for c in CATEGORIES)
OPTIONAL_KEYS: tuple[str, ...] = tuple(c.key for c in CATEGORIES if not c.required)
GPC_REFUSED: tuple[str, ...] = tuple(c.key for c in CATEGORIES if c.refused_by_gpc)

_SESSION = _("Until the browser is closed")
_100_DAYS = _("100 days")

COOKIES: tuple[Cookie, ...] = (
    Cookie(
        "sessionid",
        NECESSARY,
        _("Keeps you signed in (an opaque key; the session itself is stored on our server)."),
        _("2 weeks"),
        "first",
    ),
    Cookie(
        "__Host-sessionid",
        NECESSARY,
        _("The production name of the session cookie, bound to one host."),
        _("2 weeks"),
        "first",
    ),
    Cookie(
        "csrftoken",
        NECESSARY,
        _("Protects forms against cross-site request forgery."),
        _100_DAYS,
        "first",
    ),
    Cookie(
        "__Host-csrftoken",
        NECESSARY,
        _("The production name of the anti-forgery cookie, bound to one host."),
        _100_DAYS,
        "first",
    ),
    Cookie(
        "messages",
        NECESSARY,
        _("Carries a one-time message to the next page, such as “your choices were saved”."),
        _("Until the message is shown"),
        "first",
    ),
    Cookie(
        "pf_consent",
        NECESSARY,
        _("Remembers your cookie choices (a signed consent id, policy version and choices)."),
        _100_DAYS,
        "first",
    ),
    Cookie(
        "pf_bid",
        PREFERENCES,
        _("Recognises a browser that has visited before, with a random id (no account data)."),
        _100_DAYS,
        "first",
    ),
    Cookie(
        "django_language",
        PREFERENCES,
        _(
            "Remembers the language you picked. Without consent it is only kept until the "
            "browser is closed."
        ),
        _100_DAYS,
        "first",
    ),
    Cookie(
        "_ga",
        ANALYTICS,
        _("Google Analytics: distinguishes visitors."),
        _100_DAYS,
        "third",
        provider="Google",
    ),
    Cookie(
        "_ga_*",
        ANALYTICS,
        _("Google Analytics: keeps the state of a visit."),
        _100_DAYS,
        "third",
        provider="Google",
    ),
    Cookie(
        "li_fat_id",
        ADVERTISING,
        _("LinkedIn Insight Tag: attributes visits to our LinkedIn advertisements."),
        _("30 days"),
        "third",
        provider="LinkedIn",
    ),
    Cookie(
        "_gcl_au",
        ADVERTISING,
        _("Google Ads: measures conversions from our advertisements."),
        _("90 days"),
        "third",
        provider="Google",
    ),
)

SCRIPTS: tuple[Script, ...] = (
    Script(
        "google-analytics",
        ANALYTICS,
        _("Google Analytics 4 (gtag.js): site usage statistics."),
        "third",
        "Google",
        "CONSENT_GOOGLE_ANALYTICS_ID",
        "https://www.googletagmanager.com/gtag/js?id={id}",
    ),
    Script(
        "google-analytics-config",
        ANALYTICS,
        _("Our settings for Google Analytics: its cookies expire after 100 days."),
        "first",
        "Perfony",
        "CONSENT_GOOGLE_ANALYTICS_ID",
        "/static/js/ga-config.js?id={id}",
    ),
    Script(
        "linkedin-insight",
        ADVERTISING,
        _("LinkedIn Insight Tag: advertisement performance."),
        "third",
        "LinkedIn",
        "CONSENT_LINKEDIN_PARTNER_ID",
        "https://snap.licdn.com/li.lms-analytics/insight.min.js?pid={id}",
        reads_page_url=True,
    ),
)


RECIPIENTS: tuple[Recipient, ...] = (
    Recipient(
        "Google",
        _("Google Ireland Limited"),
        _(
            "Site usage statistics (Google Analytics 4) on the public site only, told the page's "
            "pattern (such as /careers/:id/apply/), never its address, title or your details."
        ),
        _("Ireland; Google LLC in the United States processes the data for it"),
        _(
            "EU-US Data Privacy Framework (Google LLC is certified) and the European "
            "Commission's standard contractual clauses"
        ),
        _("Cookies: 100 days at most. Visit statistics: 2 months in Google Analytics."),
    ),
    Recipient(
        "LinkedIn",
        _("LinkedIn Ireland Unlimited Company"),
        _(
            "Measuring our LinkedIn advertisements (Insight Tag), only on public pages whose "
            "address carries nothing about you."
        ),
        _("Ireland; LinkedIn Corporation in the United States processes the data for it"),
        _(
            "EU-US Data Privacy Framework (LinkedIn Corporation is certified) and the European "
            "Commission's standard contractual clauses"
        ),
        _(
            "Cookie: 30 days. LinkedIn removes direct identifiers within 7 days and deletes the "
            "data after 180 days."
        ),
    ),
)


def scripts_configured() -> list[Script]:
    return [s for s in SCRIPTS if s.src()]


def recipients_configured() -> list[Recipient]:
    """Third parties with at least one configured script: the others receive nothing."""
    providers = {s.provider for s in scripts_configured() if s.party == "third"}
    return [r for r in RECIPIENTS if r.provider in providers]


def cookie_lookup(name: str) -> Cookie | None:
    return next((c for c in COOKIES if c.matches(name)), None)


def category_get(key: str) -> Category | None:
    return next((c for c in CATEGORIES if c.key == key), None)


def cookies_in(category: str) -> list[Cookie]:
    return [c for c in COOKIES if c.category == category]


@cache
def registry_fingerprint() -> str:
    """Changes when a category or a cookie is added, removed or moved: consent is asked again."""
    parts = [c.key for c in CATEGORIES] + [f"{c.name}:{c.category}" for c in COOKIES]
    parts += [f"{s.key}:{s.category}" for s in SCRIPTS]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:8]


def max_age_seconds() -> int:
    days = int(getattr(settings, "CONSENT_MAX_AGE_DAYS", MAX_AGE_DAYS_CAP))
    return max(1, min(days, MAX_AGE_DAYS_CAP)) * 24 * 3600
