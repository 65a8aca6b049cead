"""Recording a cookie choice: one append-only proof row, and the signed cookie that carries it."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from consent import cookies
from consent.inputs import ConsentInput
from consent.models import ConsentRecord
from consent.selectors import (
    BROWSER_ID_COOKIE,
    COOKIE_NAME,
    SIGNING_SALT,
    ConsentState,
    banner_hash,
    consent_state,
    consent_version,
    gpc_signal,
    ip_truncate,
)
from core import http

Method = ConsentRecord.Method


@dataclass(frozen=True)
class ConsentOutcome:
    record: ConsentRecord
    state: ConsentState
    withdrawn: list[str]  # categories that were consented before and are not any more


def choices_resolve(*, action: str, choices: dict[str, bool], gpc: bool) -> dict[str, bool]:
    """The final choice per optional category. GPC refuses its categories on "accept all"; an
    explicit switch in the custom panel is the visitor's own decision and is kept."""
    if action == "accept_all":
        return {k: not (gpc and k in cookies.GPC_REFUSED) for k in cookies.OPTIONAL_KEYS}
    if action == "custom":
        return {k: bool(choices.get(k)) for k in cookies.OPTIONAL_KEYS}
    return dict.fromkeys(cookies.OPTIONAL_KEYS, False)


def _method(*, action: str, previous: ConsentState, resolved: dict[str, bool]) -> str:
    had_any = previous.valid and any(previous.choices.values())
    if action == "withdraw" or (had_any and not any(resolved.values())):
        return Method.WITHDRAWAL
    return {
        "accept_all": Method.ACCEPT_ALL,
        "reject_all": Method.REJECT_ALL,
        "close": Method.CLOSED,
    }.get(action, Method.CUSTOM)


def _extranet_user(request: HttpRequest):
    user = getattr(request, "user", None)
    if connection.schema_name == "public" or user is None or not user.is_authenticated:
        return None
    return user


def _record_create(*, request: HttpRequest, method: str, state: ConsentState) -> ConsentRecord:
    from core.services import audit_log

    now = state.given_at
    assert now is not None and state.consent_id is not None  # a recorded state has both
    user = _extranet_user(request)
    with transaction.atomic():
        record = ConsentRecord.objects.create(
            consent_id=state.consent_id,
            created_at=now,
            expires_at=now + timedelta(seconds=cookies.max_age_seconds()),
            choices={cookies.NECESSARY: True, **state.choices},
            policy_version=state.version,
            banner_hash=banner_hash(gpc=state.gpc, version=state.version),
            language=(translation.get_language() or "")[:8],
            method=method,
            gpc=state.gpc,
            ip_truncated=ip_truncate(ip=http.client_ip(request)),
            user_agent=request.headers.get("User-Agent", "")[:400],
            user=user,
        )
        if user is not None:
            # An anonymous visitor's record is its own trail (who: a consent id, when, what);
            # a member's record is linked to their account, so it goes in the audit trail too.
            audit_log(
                actor=user,
                action="consent.recorded",
                obj=record,
                data={"method": method, "fields": ["ip_truncated", "user_agent", "user"]},
            )
    return record


def consent_record(*, request: HttpRequest, data: ConsentInput) -> ConsentOutcome:
    """Store the proof in the current schema (PostgreSQL only, so it works while Redis is down)
    and return the new state; `consent_cookies_apply` then writes it to the response."""
    previous = consent_state(request=request)
    gpc = gpc_signal(request=request)
    resolved = choices_resolve(action=data.action, choices=data.choices, gpc=gpc)
    state = ConsentState(
        valid=True,
        consent_id=previous.consent_id or str(uuid.uuid4()),
        version=consent_version(request=request),
        choices=resolved,
        given_at=timezone.now(),
        gpc=gpc,
    )
    method = _method(action=data.action, previous=previous, resolved=resolved)
    record = _record_create(request=request, method=method, state=state)
    withdrawn = [k for k in cookies.OPTIONAL_KEYS if previous.allows(k) and not resolved[k]]
    # the rest of this request follows the new choice
    request._pf_consent = state  # type: ignore[attr-defined]
    return ConsentOutcome(record=record, state=state, withdrawn=withdrawn)


def cookie_encode(*, state: ConsentState) -> str:
    assert state.given_at is not None  # only a given consent is written to the cookie
    payload = {
        "i": state.consent_id,
        "v": state.version,
        "c": {k: int(v) for k, v in state.choices.items()},
        "t": int(state.given_at.timestamp()),
        "g": int(state.gpc),
    }
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def refused_cookie_names(*, request: HttpRequest, state: ConsentState) -> list[str]:
    """The browser's non-essential cookies whose category is not (or no longer) consented."""
    return sorted(
        name
        for name in request.COOKIES
        if (entry := cookies.cookie_lookup(name)) is not None and not state.allows(entry.category)
    )


def _expire_refused(*, request: HttpRequest, response: HttpResponse, state: ConsentState) -> None:
    """Withdrawal is as easy as giving: every non-essential cookie now refused is expired."""
    for name in refused_cookie_names(request=request, state=state):
        response.delete_cookie(name, samesite="Lax")


def consent_cookies_apply(
    *, request: HttpRequest, response: HttpResponse, state: ConsentState
) -> None:
    max_age = cookies.max_age_seconds()
    response.set_cookie(
        COOKIE_NAME,
        cookie_encode(state=state),
        max_age=max_age,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    _expire_refused(request=request, response=response, state=state)
    if state.allows(cookies.PREFERENCES) and BROWSER_ID_COOKIE not in request.COOKIES:
        response.set_cookie(
            BROWSER_ID_COOKIE,
            secrets.token_urlsafe(18),
            max_age=max_age,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
