"""Recording a cookie choice: one append-only proof row. Plain values in; the view writes the
signed cookie that carries the choice (consent/web.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone, translation
from django_tenants.utils import get_public_schema_name

from accounts.models import User
from consent import cookies
from consent.inputs import ConsentInput
from consent.models import ConsentRecord
from consent.selectors import ConsentState, banner_hash, ip_truncate

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


def _record_create(
    *,
    method: str,
    state: ConsentState,
    ip: str,
    user_agent: str,
    language: str,
    user: User | None,
) -> ConsentRecord:
    from core.audit import Actor, AuditAction
    from core.services import audit_log

    now = state.given_at
    assert now is not None and state.consent_id is not None  # a recorded state has both
    with transaction.atomic(), translation.override(language or None):
        record = ConsentRecord.objects.create(
            consent_id=state.consent_id,
            created_at=now,
            expires_at=now + timedelta(seconds=cookies.max_age_seconds()),
            choices={cookies.NECESSARY: True, **state.choices},
            policy_version=state.version,
            banner_hash=banner_hash(gpc=state.gpc, version=state.version),
            language=language[:8],
            method=method,
            gpc=state.gpc,
            ip_truncated=ip_truncate(ip=ip),
            user_agent=user_agent[:400],
            user=user,
        )
        if user is not None:
            # An anonymous visitor's record is its own trail (who: a consent id, when, what);
            # a member's record is linked to their account, so it goes in the audit trail too.
            audit_log(
                actor=Actor.user(user),
                action=AuditAction.CONSENT_RECORDED,
                obj=record,
                data={"method": method, "fields": ["ip_truncated", "user_agent", "user"]},
            )
    return record


def consent_record(
    *,
    data: ConsentInput,
    previous: ConsentState,
    version: str,
    gpc: bool,
    ip: str,
    user_agent: str,
    language: str,
    user: User | None = None,
) -> ConsentOutcome:
    """Store the proof in the current schema (PostgreSQL only, so it works while Redis is down)
    and return the new state, for the view to write to the response (consent/web.py).

    `previous` is the browser's choice so far, `version` the one consent is given for, `gpc`
    the browser's Global Privacy Control signal, and `language` the banner's. `user` is the
    signed-in member: linked only in an extranet, never on the public site (staff browsing it).
    """
    if connection.schema_name == get_public_schema_name():
        user = None
    resolved = choices_resolve(action=data.action, choices=data.choices, gpc=gpc)
    state = ConsentState(
        valid=True,
        consent_id=previous.consent_id or str(uuid.uuid4()),
        version=version,
        choices=resolved,
        given_at=timezone.now(),
        gpc=gpc,
    )
    method = _method(action=data.action, previous=previous, resolved=resolved)
    record = _record_create(
        method=method, state=state, ip=ip, user_agent=user_agent, language=language, user=user
    )
    withdrawn = [k for k in cookies.OPTIONAL_KEYS if previous.allows(k) and not resolved[k]]
    return ConsentOutcome(record=record, state=state, withdrawn=withdrawn)
