"""Retention policies, compiled from the personal-data declarations.

There is no list here: each app's `privacy.py` declares, with its model, the retention rule
(`privacy.registry.Retention`: key, anchor, period, action, the legal basis for keeping). The
nightly engine executes `policy_list()`, and every text a person reads (the privacy policy,
/my-data/, each export's index.json, the Art. 30 register) is derived from the same rules, so
none can disagree. Periods can be overridden per deployment, and the override flows everywhere:

    RETENTION_PERIODS = {"security_log": {"months": 6}}

A model that lives only in extranet schemas and declares no rule goes with the extranet (the
`customers` rule drops the whole schema). A model deleted as a child of another rule is
covered by that rule. `policy_problems()` lists any other personal model left without one.

Foreign keys. Django creates PostgreSQL foreign keys without ON DELETE CASCADE, so deleting
parent rows in SQL fails while child rows still point at them. A delete policy therefore names
every child table in `children` (deleted or nulled in the same transaction as each batch of
parents), or it covers a leaf table. A deleted child that is itself pointed at names its own
`children` (a grandchild, such as a newsletter delivery of a prospect's subscription): the whole
tree goes in one statement. `policy_problems()` refuses a delete policy whose model, or any
deleted child, has an undeclared reverse foreign key, and a test runs it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

PUBLIC = "public"
TENANT = "tenant"
BOTH = "both"
Scope = Literal["public", "tenant", "both"]


class Action(StrEnum):
    DELETE = "delete"
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
    # Further columns that also name the subject (an invitation: its address or its user).
    also: tuple[SubjectRef, ...] = ()

    def refs(self) -> tuple[SubjectRef, ...]:
        return (self, *self.also)


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
    # Tables pointing at this child, deleted in the same statement (a deleted child only).
    children: tuple[Child, ...] = ()


@dataclass(frozen=True)
class FieldIs:
    """A condition on the row's own field: equal to `value`, or with `negate`, different."""

    field: str
    value: object
    negate: bool = False


def field_is(name: str, value: object) -> FieldIs:
    return FieldIs(name, value)


def field_is_not(name: str, value: object) -> FieldIs:
    return FieldIs(name, value, negate=True)


@dataclass(frozen=True)
class FirstOf:
    """The anchor is the first of these fields that is set (an invitation: its acceptance,
    else its expiry). The fields are tried in order; a row with none set never expires."""

    fields: tuple[str, ...]


@dataclass(frozen=True)
class WhileConsented:
    """Kept while a consent in force points at the row; then the period runs from the last
    withdrawal, or, when no consent was ever given, from the first set of `otherwise`."""

    consents: str  # the consent model, "app.Model"
    fk: str  # its ForeignKey to the policy's model
    revoked: str  # its withdrawal time, empty while the consent is in force
    otherwise: tuple[str, ...]  # fields of the row itself, tried in order


Expiry = FirstOf | WhileConsented


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
    # Only the rows that also meet these, e.g. (field_is_not("status", "hired"),).
    where: tuple[FieldIs, ...] = ()
    subject: SubjectRef | None = None  # subject_email(...) or subject_user(...)
    exemptions: tuple[Exemption, ...] = ()
    children: tuple[Child, ...] = ()
    files: tuple[str, ...] = ()  # FileFields whose files are deleted with the rows
    # Non-personal columns copied into one audit event per deleted row ("retention.purged"),
    # so that the trail still proves, for its own period, that the row existed and how it ended.
    proof: tuple[str, ...] = ()
    note: str = ""  # shown in the policy table (translatable)
    # Replaces the plain `anchor_field`: an anchor of several fields, or of related rows.
    # retention/sql.py turns each kind into SQL; the declarations name fields only.
    expiry: Expiry | None = None

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
        is_public = schema_name == get_public_schema_name()
        return self.scope == BOTH or (self.scope == PUBLIC) == is_public


def subject_ref_for(entry) -> SubjectRef | None:
    """The hold check's view of a declaration's subject links (direct columns only)."""
    meta = entry.model_class._meta
    refs = []
    for link in entry.links:
        if "__" in link.path:
            continue  # through a parent: the parent's own rule checks the holds
        column = meta.pk.column if link.path == "pk" else meta.get_field(link.path).column
        refs.append(subject_email(column) if link.kind == "email" else subject_user(column))
    return replace(refs[0], also=tuple(refs[1:])) if refs else None


def _compile(rule, *, covers: str, scope: str, subject, files: tuple[str, ...]) -> Policy:
    return Policy(
        key=rule.key,
        label=rule.label,
        anchor=rule.anchor,
        covers=covers,
        scope=rule.scope or scope,
        action=rule.action,
        period=rule.period,
        anchor_field=rule.anchor_field,
        where=rule.where if isinstance(rule.where, tuple) else (rule.where,),
        subject=subject,
        exemptions=rule.exemptions,
        children=rule.children,
        files=files if rule.action is Action.DELETE else (),
        proof=rule.proof,
        note=rule.note,
        expiry=rule.expiry,
    )


def policy_list() -> list[Policy]:
    """Every rule of the declarations: the standalone ones (an extranet, a cookie), then per
    personal model in registration order."""
    from privacy.registry import registry

    policies = [
        _compile(rule, covers=covers, scope=scope, subject=None, files=())
        for covers, scope, rule in registry.standalone
    ]
    for entry in registry.personal.values():
        for rule in entry.retentions:
            subject = subject_ref_for(entry) if rule.exemptions else None
            policies.append(
                _compile(
                    rule, covers=entry.model, scope=entry.scope, subject=subject, files=entry.files
                )
            )
    return policies


def policy_basis(key: str) -> str:
    """The legal basis for keeping, as declared with the rule."""
    from privacy.registry import registry

    rules = [rule for _c, _s, rule in registry.standalone]
    rules += [rule for entry in registry.personal.values() for rule in entry.retentions]
    return next(str(rule.basis) for rule in rules if rule.key == key)


def _walk(children: tuple[Child, ...]) -> Iterator[Child]:
    for child in children:
        yield child
        yield from _walk(child.children)


def parent_policy_of(model_label: str) -> Policy | None:
    """The rule that deletes this model as a child of another (a prospect's messages...)."""
    label = model_label.lower()
    for policy in policy_list():
        if any(c.model.lower() == label for c in _walk(policy.children)):
            return policy
    return None


def policy_get(key: str) -> Policy:
    for policy in policy_list():
        if policy.key == key:
            return policy
    raise KeyError(key)


def _date_problems(key: str, model: type[models.Model], names, role: str) -> list[str]:
    problems = []
    for name in names:
        try:
            found = model._meta.get_field(name)
        except Exception:
            problems.append(f"{key}: {model._meta.label} has no field {name!r}")
            continue
        if not isinstance(found, models.DateField):  # DateTimeField is a DateField
            problems.append(f"{key}: {role} {name} is not a date")
    return problems


def _expiry_problems(policy: Policy, model: type[models.Model]) -> list[str]:
    expiry = policy.expiry
    if expiry is None:
        return _date_problems(policy.key, model, [policy.anchor_field], "anchor")
    if isinstance(expiry, FirstOf):
        return _date_problems(policy.key, model, expiry.fields, "anchor")
    problems = _date_problems(policy.key, model, expiry.otherwise, "anchor")
    try:
        consents = apps.get_model(expiry.consents)
    except LookupError:
        return [*problems, f"{policy.key}: no model {expiry.consents}"]
    problems += _date_problems(policy.key, consents, [expiry.revoked], "withdrawal")
    fk = next((f for f in consents._meta.concrete_fields if f.name == expiry.fk), None)
    if fk is None or fk.related_model is not model:
        problems.append(f"{policy.key}: {expiry.consents}.{expiry.fk} does not point at the row")
    return problems


def _where_problems(policy: Policy, model: type[models.Model]) -> list[str]:
    names = {f.name for f in model._meta.concrete_fields}
    return [
        f"{policy.key}: where= names no field {c.field!r} of {model._meta.label}"
        for c in policy.where
        if c.field not in names
    ]


def _field_problems(policy: Policy, model: type[models.Model]) -> list[str]:
    problems = _expiry_problems(policy, model) + _where_problems(policy, model)
    for name in policy.files:
        if not isinstance(model._meta.get_field(name), models.FileField):
            problems.append(f"{policy.key}: {name} is not a FileField")
    return problems


def _children_problems(key: str, model: type[models.Model], children: tuple[Child, ...]):
    declared = {(c.model.lower(), c.fk): c for c in children}
    problems = []
    for rel in model._meta.related_objects:
        if not rel.concrete and not getattr(rel, "field", None):
            continue
        child = (rel.related_model._meta.label_lower, rel.field.name)
        if rel.field.concrete and child not in declared:
            problems.append(
                f"{key}: {rel.related_model._meta.label}.{rel.field.name} points at "
                f"{model._meta.label}; declare it in children= or the DELETE fails"
            )
    for child in children:
        if child.on_parent_delete == "delete":
            problems += _children_problems(key, apps.get_model(child.model), child.children)
        elif child.children:
            problems.append(f"{key}: {child.model} is nulled, not deleted; it needs no children")
    return problems


def _coverage_problems() -> list[str]:
    """A personal model needs a rule, a KeptWhile, a parent rule, or to live only in extranets."""
    from privacy.registry import KeptWhile, Scope, registry

    problems = []
    for entry in registry.personal.values():
        if entry.retentions or isinstance(entry.retention, KeptWhile):
            continue
        if entry.scope == Scope.TENANT or parent_policy_of(entry.model) is not None:
            continue
        problems.append(f"{entry.model}: no retention rule (declare retention= in its privacy.py)")
    return problems


def policy_problems() -> list[str]:
    """Mistakes in the declarations; empty when the list is sound."""
    problems = []
    policies = policy_list()
    keys = [p.key for p in policies]
    problems += [f"{k}: key used twice" for k in sorted({k for k in keys if keys.count(k) > 1})]
    overrides = getattr(settings, "RETENTION_PERIODS", {}) or {}
    problems += [f"RETENTION_PERIODS: no policy {k!r}" for k in overrides if k not in keys]
    if "exports" in overrides:
        # The download link's expiry (DataExport.LIFETIME_DAYS) and the emails follow the rule's
        # declared period; an override would make them disagree.
        problems.append("RETENTION_PERIODS: 'exports' is DataExport.LIFETIME_DAYS; change both")
    problems += _coverage_problems()
    for policy in policies:
        subject_exemptions = {Exemption.SUBJECT_LEGAL_HOLD, Exemption.OPEN_SUBJECT_REQUEST}
        if subject_exemptions & set(policy.exemptions) and policy.subject is None:
            problems.append(f"{policy.key}: a subject exemption needs subject=")
        model = policy.model
        if model is None:
            continue
        problems += _field_problems(policy, model)
        if policy.action is Action.DELETE:
            problems += _children_problems(policy.key, model, policy.children)
    return problems
