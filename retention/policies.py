"""Retention policies: what is purged, from which event, after how long, and what protects it.

This list is the single source of truth. The nightly engine executes it, and the privacy
policy's retention section is rendered from it (`retention.selectors.retention_policy_table`),
so the two cannot disagree. Periods can be overridden per deployment:

    RETENTION_PERIODS = {"security_log": {"months": 12}}

Adding data to the engine is a few declarative lines, for example:

    Policy(
        key="security_log", label=_("Security log"), anchor=_("Recording of the entry"),
        covers="security.SecurityEvent", scope=TENANT, action=Action.DELETE,
        period={"months": 12}, anchor_field="created_at",
        subject=subject_user("user_id"), exemptions=HOLDS,
    ),

Foreign keys. Django creates PostgreSQL foreign keys without ON DELETE CASCADE, so deleting
parent rows in SQL fails while child rows still point at them. A delete policy therefore names
every child table in `children` (deleted or nulled in the same transaction as each batch of
parents), or it covers a leaf table. `policy_problems()` refuses a delete policy whose model has
an undeclared reverse foreign key, and a test runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PUBLIC = "public"
TENANT = "tenant"
BOTH = "both"
Scope = Literal["public", "tenant", "both"]


class Action(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    DROP_TENANT = "drop_tenant"
    NONE = "none"  # enforced elsewhere (a cookie's expiry); listed for the policy text


class Exemption(StrEnum):
    TENANT_LEGAL_HOLD = "tenant_legal_hold"  # tenants.Extranet.legal_hold
    SUBJECT_LEGAL_HOLD = "subject_legal_hold"  # privacy.SubjectLegalHold, by email
    OPEN_SUBJECT_REQUEST = "open_subject_request"  # privacy.SubjectRequest with no closed_at


HOLDS = (Exemption.TENANT_LEGAL_HOLD, Exemption.SUBJECT_LEGAL_HOLD, Exemption.OPEN_SUBJECT_REQUEST)

EXEMPTION_LABELS = {
    Exemption.TENANT_LEGAL_HOLD: _("a legal hold on the customer"),
    Exemption.SUBJECT_LEGAL_HOLD: _("a legal hold on the person"),
    Exemption.OPEN_SUBJECT_REQUEST: _("an open request from the person"),
}


@dataclass(frozen=True)
class SubjectRef:
    """How to find the person a row is about, for the subject exemptions."""

    kind: Literal["email", "user"]
    column: str


def subject_email(column: str = "email") -> SubjectRef:
    """The subject's email address is a column of the row."""
    return SubjectRef("email", column)


def subject_user(fk_column: str = "user_id") -> SubjectRef:
    """The subject is a user of the same schema; `fk_column` holds the user's id."""
    return SubjectRef("user", fk_column)


@dataclass(frozen=True)
class Child:
    """A table whose foreign key points at the policy's model: handled before its parents go."""

    model: str  # "app.Model"
    fk: str  # the ForeignKey field on the child
    on_parent_delete: Literal["delete", "set_null"] = "delete"


@dataclass(frozen=True)
class Policy:
    key: str
    label: str  # what the data is, for people (translatable)
    anchor: str  # the event the period runs from (translatable)
    covers: str  # the model label, or what is covered when no model is stored
    scope: Scope
    action: Action
    period: Mapping[str, int] | None  # relativedelta kwargs; None: the anchor is the expiry
    anchor_field: str = ""  # a DateField or DateTimeField of the model
    where: str = ""  # extra SQL on the row alias `t`, e.g. "t.status <> 'hired'"
    subject: SubjectRef | None = None  # subject_email(...) or subject_user(...)
    exemptions: tuple[Exemption, ...] = ()
    children: tuple[Child, ...] = ()
    files: tuple[str, ...] = ()  # FileFields whose files are deleted with the rows
    anonymise: Mapping[str, object] = field(default_factory=dict)  # column -> new value
    note: str = ""  # shown in the policy table (translatable)
    # Replaces the anchor/period condition: (policy, now) -> (SQL on alias `t`, params).
    expired_sql: Callable[[Policy, datetime], tuple[str, list]] | None = None

    @property
    def model(self) -> type[models.Model] | None:
        if self.action in (Action.NONE,) or "." not in self.covers:
            return None
        return apps.get_model(self.covers)

    def delta(self) -> relativedelta | None:
        overrides = getattr(settings, "RETENTION_PERIODS", {}) or {}
        spec = overrides.get(self.key, self.period)
        return relativedelta(**spec) if spec else None

    def runs_in(self, schema_name: str) -> bool:
        if self.action is Action.NONE:
            return False
        is_public = schema_name == "public"
        return self.scope == BOTH or (self.scope == PUBLIC) == is_public


POLICIES: list[Policy] = [
    Policy(
        key="customers",
        label=_("Customers (the extranet and everything in it)"),
        anchor=_("End of the extranet's contract"),
        covers="tenants.Extranet",
        scope=PUBLIC,
        action=Action.DROP_TENANT,
        period={"years": 3},
        anchor_field="contract_end",
        exemptions=(Exemption.TENANT_LEGAL_HOLD,),
        note=_(
            "The whole extranet is deleted: its database, its domain, its files and its stored "
            "exports. A minimal archive is kept (company name, contract dates, deletion date). "
            "Perfony staff are warned 60 and 7 days before."
        ),
    ),
    Policy(
        key="audit_trail",
        label=_("Audit trail (who changed which record, and when)"),
        anchor=_("Recording of the change"),
        covers="core.AuditEvent",
        scope=BOTH,
        action=Action.DELETE,
        # 5 years: the limitation period for civil claims (French Civil Code art. 2224), and
        # as long as the closed subject requests whose handling the trail proves.
        period={"years": 5},
        anchor_field="at",
        subject=subject_user("actor_id"),
        exemptions=HOLDS,
    ),
    Policy(
        key="sessions",
        label=_("Login sessions"),
        anchor=_("Expiry of the session"),
        covers="sessions.Session",
        scope=BOTH,
        action=Action.DELETE,
        period=None,
        anchor_field="expire_date",
        note=_("Cleared every night in every extranet."),
    ),
    Policy(
        key="consent_cookie",
        label=_("The consent cookie in your browser"),
        anchor=_("Setting of the cookie"),
        covers="pf_consent cookie",
        scope=BOTH,
        action=Action.NONE,
        period={"days": 100},
        note=_("Enforced by the cookie's own expiry date; nothing to delete on our side."),
    ),
]

# Personal data with no retention policy of its own, and why. A test checks that every model
# of the personal-data registry has a policy or a line here.
NO_POLICY: dict[str, str] = {
    "accounts.User": "Lives in the extranet's schema: deleted with the extranet (customers).",
    "account.EmailAddress": "Lives in the extranet's schema: deleted with the extranet.",
    "account.EmailConfirmation": "Lives in the extranet's schema: deleted with the extranet.",
    "admin.LogEntry": "Staff accountability; kept with the staff account (registry: retained).",
    "privacy.SubjectLegalHold": "Kept until released; a hold is what stops the purges.",
}


def policy_get(key: str) -> Policy:
    for policy in POLICIES:
        if policy.key == key:
            return policy
    raise KeyError(key)


def _field_problems(policy: Policy, model: type[models.Model]) -> list[str]:
    problems = []
    if policy.expired_sql is None:
        try:
            anchor = model._meta.get_field(policy.anchor_field)
        except Exception:
            return [f"{policy.key}: {model._meta.label} has no field {policy.anchor_field!r}"]
        if not isinstance(anchor, models.DateField):  # DateTimeField is a DateField
            problems.append(f"{policy.key}: anchor {policy.anchor_field} is not a date")
    for name in policy.files:
        if not isinstance(model._meta.get_field(name), models.FileField):
            problems.append(f"{policy.key}: {name} is not a FileField")
    return problems


def _children_problems(policy: Policy, model: type[models.Model]) -> list[str]:
    declared = {(c.model.lower(), c.fk) for c in policy.children}
    problems = []
    for rel in model._meta.related_objects:
        if not rel.concrete and not getattr(rel, "field", None):
            continue
        child = (rel.related_model._meta.label_lower, rel.field.name)
        if rel.field.concrete and child not in declared:
            problems.append(
                f"{policy.key}: {rel.related_model._meta.label}.{rel.field.name} points at "
                f"{model._meta.label}; declare it in children= or the DELETE fails"
            )
    return problems


def policy_problems() -> list[str]:
    """Mistakes in the declarations; empty when the list is sound."""
    problems = []
    keys = [p.key for p in POLICIES]
    problems += [f"{k}: key used twice" for k in sorted({k for k in keys if keys.count(k) > 1})]
    overrides = getattr(settings, "RETENTION_PERIODS", {}) or {}
    problems += [f"RETENTION_PERIODS: no policy {k!r}" for k in overrides if k not in keys]
    for policy in POLICIES:
        subject_exemptions = {Exemption.SUBJECT_LEGAL_HOLD, Exemption.OPEN_SUBJECT_REQUEST}
        if subject_exemptions & set(policy.exemptions) and policy.subject is None:
            problems.append(f"{policy.key}: a subject exemption needs subject=")
        if policy.action is Action.ANONYMISE and not policy.anonymise:
            problems.append(f"{policy.key}: anonymise needs the columns to overwrite")
        model = policy.model
        if model is None:
            continue
        problems += _field_problems(policy, model)
        if policy.action is Action.DELETE:
            problems += _children_problems(policy, model)
    return problems
