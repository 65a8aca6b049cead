"""Reading a visitor's consent: from the signed pf_consent cookie, checked on every request."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django_tenants.utils import get_public_schema_name

from consent import cookies
from consent.cookies import Category, Script
from consent.models import ConsentRecord
from core.http import ip_truncate  # noqa: F401  (re-exported: consent code imports it here)
from core.tokens import SignedToken

COOKIE_NAME = "pf_consent"
BROWSER_ID_COOKIE = "pf_bid"
SIGNING_SALT = "perfony.consent"


@dataclass(frozen=True)
class ConsentState:
    """What the visitor chose. `valid` is False when there is no usable choice: no cookie, a
    tampered or expired one, or one given for an older cookie policy (the banner asks again)."""

    valid: bool = False
    consent_id: str | None = None
    version: str = ""
    choices: dict[str, bool] = field(default_factory=dict)
    given_at: datetime | None = None
    gpc: bool = False

    def allows(self, category: str) -> bool:
        if category == cookies.NECESSARY:
            return True
        return self.valid and bool(self.choices.get(category))

    @property
    def consented(self) -> list[str]:
        return [key for key in cookies.CATEGORY_KEYS if self.allows(key)]


NO_CONSENT = ConsentState()


# The current cookie policy, per process, for a short while: every page and every consent
# post needs it, and it only changes at a publication or on an effective date (part of the key).
VERSION_TTL_SECONDS = 30
_version_cache: dict[str, tuple[float, str]] = {}


def consent_version_cache_clear() -> None:
    _version_cache.clear()


def _cookie_policy_version() -> str:
    from legal.selectors import policy_current

    key = timezone.localdate().isoformat()
    hit = _version_cache.get(key)
    if hit and hit[0] > time.monotonic():
        return hit[1]
    policy = policy_current(kind="cookies")
    version = policy.version if policy else "0"
    _version_cache.clear()
    _version_cache[key] = (time.monotonic() + VERSION_TTL_SECONDS, version)
    return version


def consent_version(*, request: HttpRequest | None = None) -> str:
    """The version consent is given for: the current cookie policy plus the registry's shape."""
    cached = getattr(request, "_pf_consent_version", None)
    if cached:
        return cached
    version = f"{_cookie_policy_version()}+{cookies.registry_fingerprint()}"
    if request is not None:
        request._pf_consent_version = version  # type: ignore[attr-defined]
    return version


def _cookie_token() -> SignedToken:
    # The lifetime is read each time: it is a setting, capped by the policy's 100 days.
    return SignedToken(salt=SIGNING_SALT, max_age=cookies.max_age_seconds(), compress=True)


def cookie_decode(*, value: str) -> dict | None:
    data = _cookie_token().read(token=value)
    return data if isinstance(data, dict) else None


def cookie_encode(*, state: ConsentState) -> str:
    """The signed pf_consent value of a state; cookie_decode reads it back."""
    assert state.given_at is not None  # only a given consent is written to the cookie
    payload = {
        "i": state.consent_id,
        "v": state.version,
        "c": {k: int(v) for k, v in state.choices.items()},
        "t": int(state.given_at.timestamp()),
        "g": int(state.gpc),
    }
    return _cookie_token().make(value=payload)


def consent_state_from_cookie(*, value: str | None, version: str) -> ConsentState:
    data = cookie_decode(value=value) if value else None
    if data is None:
        return NO_CONSENT
    raw = choices if isinstance(choices := data.get("c"), dict) else {}
    given = datetime.fromtimestamp(int(data.get("t", 0)), tz=UTC)
    return ConsentState(
        valid=data.get("v") == version,
        consent_id=str(data.get("i") or "") or None,
        version=str(data.get("v", "")),
        choices={key: bool(raw.get(key)) for key in cookies.OPTIONAL_KEYS},
        given_at=given,
        gpc=bool(data.get("g")),
    )


def consent_state(*, request: HttpRequest) -> ConsentState:
    """The consent of this request, decoded once and kept on the request."""
    state = getattr(request, "_pf_consent", None)
    if state is None:
        state = consent_state_from_cookie(
            value=request.COOKIES.get(COOKIE_NAME), version=consent_version(request=request)
        )
        request._pf_consent = state  # type: ignore[attr-defined]
    return state


def category_consented(*, request: HttpRequest, category: str) -> bool:
    """Templates and views ask this before setting a cookie or loading a script."""
    if cookies.category_get(category) is None:
        raise ValueError(f"unknown consent category {category!r}")
    return consent_state(request=request).allows(category)


def refused_cookie_names(*, cookie_names: Iterable[str], state: ConsentState) -> list[str]:
    """Of the browser's cookies, the non-essential ones whose category is not (or no longer)
    consented."""
    return sorted(
        name
        for name in cookie_names
        if (entry := cookies.cookie_lookup(name)) is not None and not state.allows(entry.category)
    )


def gpc_signal(*, request: HttpRequest) -> bool:
    return request.headers.get("Sec-GPC", "").strip() == "1"


def banner_needed(*, request: HttpRequest) -> bool:
    return not consent_state(request=request).valid


def banner_texts(*, gpc: bool) -> dict:
    """Every sentence of the banner, in the active language; the banner renders these and the
    proof stores their hash, so the hash is of the text that was shown."""
    from django.utils.translation import gettext as _

    return {
        "title": _("Cookies on this site"),
        "body": _(
            "We use strictly necessary cookies to run the site. With your consent we also use "
            "cookies to remember your preferences, measure the audience, analyse use with a "
            "third party and measure our advertising. Nothing optional runs until you choose. "
            "You can change your mind at any time with the “Cookie settings” link at the "
            "bottom of every page."
        ),
        "gpc": _(
            "Your browser sends the Global Privacy Control signal: third-party analytics and "
            "advertising stay refused unless you switch them on yourself."
        )
        if gpc
        else "",
        "accept": _("Accept all"),
        "reject": _("Reject all"),
        "customize": _("Customise"),
        "save": _("Save my choices"),
        "close": _("Close and refuse optional cookies"),
        "categories": [f"{c.label}: {c.description}" for c in cookies.CATEGORIES],
    }


def banner_hash(*, gpc: bool, version: str) -> str:
    texts = banner_texts(gpc=gpc)
    flat = "\n".join(
        [translation.get_language() or "", version]
        + [v for k, v in texts.items() if k != "categories"]
        + texts["categories"]
    )
    return hashlib.sha256(flat.encode()).hexdigest()


def consent_record_list(*, consent_id: str | None = None) -> QuerySet[ConsentRecord]:
    """Records of the current schema (an extranet's own, or the public site's)."""
    qs = ConsentRecord.objects.select_related("user")
    if consent_id:
        qs = qs.filter(consent_id=consent_id)
    return qs


def consent_record_current(*, request: HttpRequest) -> ConsentRecord | None:
    """The record behind this browser's current choice (in this schema), if it has one."""
    state = consent_state(request=request)
    if not state.valid or not state.consent_id:
        return None
    return consent_record_list(consent_id=state.consent_id).order_by("-id").first()


def consent_record_find_everywhere(*, consent_id: str) -> list[tuple[str, ConsentRecord]]:
    """Staff lookup of one consent id in every extranet schema (members' records live there)."""
    from django_tenants.utils import tenant_context

    from tenants.selectors import extranet_list

    found = []
    for extranet in extranet_list():
        with tenant_context(extranet):
            found += [(extranet.name, r) for r in consent_record_list(consent_id=consent_id)]
    return found


@dataclass(frozen=True)
class RecipientRow:
    recipient: cookies.Recipient
    cookies: list[cookies.Cookie]
    # Names, not cookies.X: in this class body `cookies` is the field above (for mypy).
    scripts: list[Script]
    categories: list[Category]


def third_party_recipients() -> list[RecipientRow]:
    """The configured third parties, with their cookies, scripts and consent categories, for
    the privacy and cookie policies (template consent/_recipients.html)."""
    rows = []
    for recipient in cookies.recipients_configured():
        own_cookies = [c for c in cookies.COOKIES if c.provider == recipient.provider]
        scripts = [s for s in cookies.scripts_configured() if s.provider == recipient.provider]
        keys = {c.category for c in own_cookies} | {s.category for s in scripts}
        categories = [c for c in cookies.CATEGORIES if c.key in keys]
        rows.append(RecipientRow(recipient, own_cookies, scripts, categories))
    return rows


def configured_scripts() -> list[tuple[cookies.Script, cookies.Category | None]]:
    """The scripts that can load on this installation, each with its category."""
    return [(s, cookies.category_get(s.category)) for s in cookies.scripts_configured()]


# --- Integrity: the hash chain of each schema -----------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    schema: str
    record_id: int
    reason: str


def _schemas() -> list[str]:
    from tenants.selectors import extranet_list

    return [get_public_schema_name(), *extranet_list().values_list("schema_name", flat=True)]


def consent_chain_breaks(*, schema: str) -> tuple[int, list[ChainBreak]]:
    """Checks every record of one schema in id order: its own hash, and its link to the one
    before. The oldest remaining record is the anchor (retention deletes from the start)."""
    from django_tenants.utils import schema_context

    breaks: list[ChainBreak] = []
    count, previous = 0, None
    with schema_context(schema):
        for record in ConsentRecord.objects.order_by("id").iterator(chunk_size=2000):
            count += 1
            if record.record_hash != record.content_hash():
                breaks.append(ChainBreak(schema, record.pk, "content changed"))
            if previous is not None and record.prev_hash != previous:
                breaks.append(ChainBreak(schema, record.pk, "link to the previous record broken"))
            previous = record.record_hash
    return count, breaks


def consent_chain_verify_all() -> list[tuple[str, int, list[ChainBreak]]]:
    return [(schema, *consent_chain_breaks(schema=schema)) for schema in _schemas()]


# --- Consent analytics for staff (aggregates only; no IP, no id, no small group) -------------

MIN_GROUP = 10
PUBLIC_SITE = "public"
EXTRANETS = "extranets"


@dataclass
class AnalyticsRow:
    site: str  # PUBLIC_SITE or EXTRANETS
    policy_version: str
    week: datetime
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def choices(self) -> int:
        return sum(
            n for method, n in self.counts.items() if method != ConsentRecord.Method.WITHDRAWAL
        )

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rate(self, *methods: str) -> float:
        return sum(self.counts.get(m, 0) for m in methods) / self.choices if self.choices else 0.0

    @property
    def accept_rate(self) -> float:
        return self.rate(ConsentRecord.Method.ACCEPT_ALL)

    @property
    def reject_rate(self) -> float:
        return self.rate(ConsentRecord.Method.REJECT_ALL, ConsentRecord.Method.CLOSED)

    @property
    def custom_rate(self) -> float:
        return self.rate(ConsentRecord.Method.CUSTOM)

    @property
    def withdrawals(self) -> int:
        return self.counts.get(ConsentRecord.Method.WITHDRAWAL, 0)


@dataclass(frozen=True)
class ConsentAnalytics:
    rows: list[AnalyticsRow]
    hidden_groups: int


def consent_analytics(*, min_group: int = MIN_GROUP) -> ConsentAnalytics:
    """Choices per site (the public site against all extranets together), cookie policy version
    and week, counted from the records of every schema. Groups under `min_group` records are
    left out, so no row can point at a handful of people."""
    from django.db.models import Count
    from django.db.models.functions import TruncWeek
    from django_tenants.utils import schema_context

    groups: dict[tuple[str, str, datetime], AnalyticsRow] = {}
    for schema in _schemas():
        site = PUBLIC_SITE if schema == get_public_schema_name() else EXTRANETS
        with schema_context(schema):
            counted = (
                ConsentRecord.objects.order_by()
                .annotate(week=TruncWeek("created_at"))
                .values("policy_version", "week", "method")
                .annotate(n=Count("id"))
            )
            for row in counted:
                key = (site, row["policy_version"], row["week"])
                group = groups.setdefault(
                    key, AnalyticsRow(site, row["policy_version"], row["week"])
                )
                group.counts[row["method"]] = group.counts.get(row["method"], 0) + row["n"]
    shown = [g for g in groups.values() if g.total >= min_group]
    shown.sort(key=lambda g: (g.week, g.policy_version, g.site), reverse=True)
    return ConsentAnalytics(rows=shown, hidden_groups=len(groups) - len(shown))
