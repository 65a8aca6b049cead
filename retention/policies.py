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
parents), or it covers a leaf table. A deleted child that is itself pointed at names its own
`children` (a grandchild, such as a newsletter delivery of a prospect's subscription): the whole
tree goes in one statement. `policy_problems()` refuses a delete policy whose model, or any
deleted child, has an undeclared reverse foreign key, and a test runs it.
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
    # Tables pointing at this child, deleted in the same statement (a deleted child only).
    children: tuple[Child, ...] = ()


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
    # Non-personal columns copied into one audit event per deleted row ("retention.purged"),
    # so that the trail still proves, for its own period, that the row existed and how it ended.
    proof: tuple[str, ...] = ()
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


def _quoted(model_label: str, *names: str) -> tuple[str, ...]:
    from django.db import connection

    meta = apps.get_model(model_label)._meta
    columns = [meta.get_field(name).column for name in names]
    return tuple(connection.ops.quote_name(n) for n in [meta.db_table, *columns])


def _invitation_expired(policy: Policy, now: datetime) -> tuple[str, list]:
    """Accepted or expired (whichever came first), then the period."""
    return "COALESCE(t.accepted_at, t.expires_at) < %s", [now - policy.delta()]


def _testimonial_expired(policy: Policy, now: datetime) -> tuple[str, list]:
    """No consent in force, and the period has run since the last withdrawal, or since the
    consent request went unanswered (or since creation, for a request never sent)."""
    table, fk, revoked = _quoted("testimonials.TestimonialConsent", "testimonial", "revoked_at")
    consents = f"FROM {table} c WHERE c.{fk} = t.id"
    return (
        f"NOT EXISTS (SELECT 1 {consents} AND c.{revoked} IS NULL) AND "
        f"COALESCE((SELECT max(c.{revoked}) {consents}), t.consent_requested_at, t.created_at)"
        " < %s",
        [now - policy.delta()],
    )


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
    Policy(
        key="security_log",
        label=_("Security log (logins, failed logins, password and address changes)"),
        anchor=_("Recording of the entry"),
        covers="security.SecurityEvent",
        scope=TENANT,
        action=Action.DELETE,
        period={"months": 12},
        anchor_field="created_at",
        subject=subject_user("user_id"),
        exemptions=HOLDS,
    ),
    Policy(
        key="consent_proof",
        label=_("Proof of your cookie choices"),
        anchor=_("End of the choice's validity"),
        covers="consent.ConsentRecord",
        scope=BOTH,
        action=Action.DELETE,
        # 5 years: the limitation period for civil claims (French Civil Code art. 2224),
        # during which we may have to prove that a cookie was set with consent.
        period={"years": 5},
        anchor_field="expires_at",
        # Public rows belong to anonymous visitors (no user): only a tenant's hold applies
        # to them; in an extranet, a hold on the logged-in user keeps their records too.
        subject=subject_user("user_id"),
        exemptions=HOLDS,
        note=_("Kept to prove that cookies were set with your consent."),
    ),
    Policy(
        key="prospects",
        label=_("Prospects: contact messages, newsletter subscription and opt-in proofs"),
        anchor=_("Your last contact with Perfony"),
        covers="prospects.Prospect",
        scope=PUBLIC,
        action=Action.DELETE,
        period={"years": 3},
        anchor_field="last_contact_at",
        subject=subject_email("email"),
        exemptions=HOLDS,
        children=(
            Child("prospects.ContactMessage", "prospect"),
            Child("prospects.OptInProof", "prospect"),
            Child(
                "prospects.NewsletterSubscription",
                "prospect",
                children=(Child("prospects.NewsletterDelivery", "subscription"),),
            ),
        ),
    ),
    Policy(
        key="job_applicants",
        label=_("Job applications (not hired), with the CV"),
        anchor=_("The application"),
        covers="careers.Application",
        scope=PUBLIC,
        action=Action.DELETE,
        period={"years": 2},
        anchor_field="created_at",
        where="t.status <> 'hired'",
        subject=subject_email("email"),
        exemptions=HOLDS,
        files=("cv",),
    ),
    Policy(
        key="hired_applicants",
        label=_("Applications of people we hired, with the CV"),
        anchor=_("End of the employment"),
        covers="careers.Application",
        scope=PUBLIC,
        action=Action.DELETE,
        period={"years": 3},
        # A hire with no end date yet never matches: NULL is not before any cutoff.
        anchor_field="employment_end",
        where="t.status = 'hired'",
        subject=subject_email("email"),
        exemptions=HOLDS,
        files=("cv",),
    ),
    Policy(
        key="subject_requests",
        label=_("Closed requests about your data (access, erasure, objection...)"),
        anchor=_("Closure of the request"),
        covers="privacy.SubjectRequest",
        scope=PUBLIC,
        action=Action.DELETE,
        period={"years": 5},
        anchor_field="closed_at",  # open requests have none, so they are never purged
        subject=subject_email("email"),
        exemptions=(Exemption.SUBJECT_LEGAL_HOLD,),
        # Exports are purged 7 days after creation (policy "exports"), long before their
        # request, so deleting them here never leaves a file behind.
        children=(
            Child("privacy.RequestEvent", "request"),
            Child("privacy.DataExport", "request"),
        ),
        proof=("type", "status", "received_at", "closed_at"),
        note=_(
            "The audit trail then keeps only the request's number, type, outcome and dates, "
            "without your address."
        ),
    ),
    Policy(
        key="exports",
        label=_("Copies of your data prepared for you (export files)"),
        anchor=_("Creation of the file"),
        covers="privacy.DataExport",
        scope=PUBLIC,
        action=Action.DELETE,
        period={"days": 7},  # privacy.DataExport.LIFETIME_DAYS; a test keeps them equal
        anchor_field="created_at",
        files=("file",),
        note=_("The download link stops working at the same time."),
    ),
    Policy(
        key="testimonials",
        label=_("Client testimonials and the consents to publish them"),
        anchor=_("Withdrawal of the consent, or a consent request left unanswered"),
        covers="testimonials.Testimonial",
        scope=PUBLIC,
        action=Action.DELETE,
        period={"years": 3},
        expired_sql=_testimonial_expired,
        subject=subject_email("client_email"),
        exemptions=HOLDS,
        children=(Child("testimonials.TestimonialConsent", "testimonial"),),
        files=("logo",),
        note=_("Withdrawing consent unpublishes the testimonial at once."),
    ),
    Policy(
        key="invitations",
        label=_("Invitations to join an extranet"),
        anchor=_("Acceptance or expiry of the invitation"),
        covers="extranet.Invitation",
        scope=TENANT,
        action=Action.DELETE,
        period={"days": 30},
        expired_sql=_invitation_expired,
        subject=subject_email("email"),
        exemptions=HOLDS,
    ),
]

# Personal data with no retention policy of its own, and why. A test checks that every model
# of the personal-data registry has a policy or a line here.
NO_POLICY: dict[str, str] = {
    "accounts.User": "Lives in the extranet's schema: deleted with the extranet (customers).",
    "account.EmailAddress": "Lives in the extranet's schema: deleted with the extranet.",
    "account.EmailConfirmation": "Lives in the extranet's schema: deleted with the extranet.",
    "admin.LogEntry": "Staff accountability; kept with the staff account (registry: retained).",
    "mfa.Authenticator": "Staff second factors: kept with the staff account (registry: retained).",
    "privacy.SubjectLegalHold": "Kept until released; a hold is what stops the purges.",
    "privacy.RequestEvent": "The request's trail: deleted with the request (subject_requests).",
    "prospects.ContactMessage": "Deleted with its prospect (prospects, children).",
    "prospects.OptInProof": "Deleted with its prospect (prospects, children).",
    "prospects.NewsletterSubscription": "Deleted with its prospect (prospects, children).",
    "prospects.NewsletterDelivery": "Deleted with its subscription's prospect (prospects).",
    "prospects.PartnerExport": (
        "Staff accountability log (who exported, when, how many; no contact data): kept with "
        "the staff account, like admin.LogEntry."
    ),
    "testimonials.TestimonialConsent": "Deleted with its testimonial (testimonials, children).",
    "meetings.Meeting": "Lives in the extranet's schema: deleted with the extranet (customers).",
    "meetings.ActionItem": (
        "Lives in the extranet's schema: deleted with the extranet (customers)."
    ),
    "surveys.SurveyResponse": (
        "Lives in the extranet's schema: survey answers are purged by retention when the "
        "extranet is deleted (customers), and deleted with the account (CASCADE) before that."
    ),
    "surveys.SurveyInvitation": (
        "Lives in the extranet's schema: deleted with the extranet (customers), and with the "
        "account (CASCADE) before that."
    ),
    "security.KnownBrowser": (
        "Lives in the extranet's schema: deleted with its user (CASCADE) and with the "
        "extranet (customers)."
    ),
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
            problems += _children_problems(policy.key, model, policy.children)
    return problems
