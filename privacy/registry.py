"""The personal-data registry: one declaration per model says everything about its personal
data, and everything else is derived from it.

Each app declares its models in its own `privacy.py` (autodiscovered). A model is either
`not_personal(...)` with a reason, or `register(PersonalModel(...))` with: category, purpose,
legal basis (Art. 6, the legitimate interest named), scope (public/tenant/both), subject links
(one meaning for export, erasure and the purge's hold check), every concrete field classified,
files, export exclusions, the erasure strategy, the retention rule (`Retention`, compiled by
retention/policies.py; none for extranet-only models, which go with the extranet), recipients
(privacy/recipients.py) and sources (Art. 14). Export, erasure, the retention SQL, /my-data/,
index.json, the privacy policy's generated sections and the Art. 30 register read it.
`registry_problems()` lists what is missing; a test and a system check use it.

Design inspired by pretix's data shredders (design only; no code taken).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from retention.policies import HOLDS, Action, Child, Exemption, Expiry, FieldIs

if TYPE_CHECKING:
    # Text for people: declared with gettext_lazy, so a str or a lazy translation.
    from django_stubs_ext import StrOrPromise as Text


class Row(StrEnum):
    """What erasure does with a subject's row."""

    DELETE = "delete"
    ANONYMISE = "anonymise"
    RETAIN = "retain"


@dataclass(frozen=True)
class Keep:
    """Not personal (ids, flags, counters, timestamps of no consequence): left as is."""

    def describe(self) -> str:
        return "keep"


@dataclass(frozen=True)
class Personal:
    """Personal; follows the row (deleted with it, or kept under the row's legal basis)."""

    def describe(self) -> str:
        return "personal"


@dataclass(frozen=True)
class Anonymise:
    """Personal; on erasure the value is replaced and the row stays (e.g. for the company)."""

    replacement: Any = ""  # a constant, or a callable(instance) -> value

    def value_for(self, instance: models.Model) -> Any:
        return self.replacement(instance) if callable(self.replacement) else self.replacement

    def describe(self) -> str:
        return "anonymise"


KEEP = Keep()
PERSONAL = Personal()
FieldRule = Keep | Personal | Anonymise


class Scope(StrEnum):
    """Where a model's rows live: the public schema, every extranet schema, or both."""

    PUBLIC = "public"
    TENANT = "tenant"
    BOTH = "both"


@dataclass(frozen=True)
class LegalBasis:
    """A lawful basis of GDPR Art. 6(1), with what is relied on named where the law asks."""

    letter: Literal["a", "b", "c", "f"]
    detail: Text = ""  # the legitimate interest (f) or the legal obligation (c), named

    def describe(self) -> str:
        names = {
            "a": _("Consent (GDPR Art. 6(1)(a))"),
            "b": _("Performance of a contract (GDPR Art. 6(1)(b))"),
            "c": _("Legal obligation (GDPR Art. 6(1)(c))"),
            "f": _("Legitimate interest (GDPR Art. 6(1)(f))"),
        }
        name = str(names[self.letter])
        return f"{name}: {self.detail}" if self.detail else name


CONSENT = LegalBasis("a")
CONTRACT = LegalBasis("b")


def legal_obligation(obligation: Text) -> LegalBasis:
    return LegalBasis("c", obligation)


def legitimate_interest(interest: Text) -> LegalBasis:
    return LegalBasis("f", interest)


class Source(StrEnum):
    """Where the data comes from (GDPR Art. 14 when it is not the person)."""

    YOU = "you"
    OBSERVED = "observed"  # recorded by our servers while the person uses the service
    EXTRANET_ADMIN = "extranet_admin"
    COLLEAGUES = "colleagues"  # other members of the person's extranet
    STAFF = "staff"  # Perfony staff, in the back office

    @property
    def label(self) -> str:
        return str(
            {
                Source.YOU: _("you"),
                Source.OBSERVED: _("recorded by our servers when you use the service"),
                Source.EXTRANET_ADMIN: _("an administrator of your company's extranet"),
                Source.COLLEAGUES: _("other members of your company's extranet"),
                Source.STAFF: _("Perfony staff, in the back office"),
            }[self]
        )


@dataclass(frozen=True)
class Link:
    """How a row points at its subject: a path to an email address, or to the user (same schema).

    One meaning for export, erasure and the retention holds: the purge engine's hold check is
    compiled from the same links (direct columns only; deeper paths go with their parent).
    """

    kind: Literal["email", "user"]
    path: str


def by_email(path: str = "email") -> Link:
    return Link("email", path)


def by_user(path: str = "user") -> Link:
    return Link("user", path)


@dataclass(frozen=True)
class Retained:
    """A legal reason to keep a row through erasure; until when comes from its retention."""

    basis: Text


@dataclass(frozen=True)
class Retention:
    """A rule the nightly purge executes (compiled by retention/policies.py into a Policy).

    `key` names it in RETENTION_PERIODS, the run log and the policy texts; `period` is
    relativedelta arguments (None: the anchor is the expiry); `basis` says why this long.
    """

    key: str
    label: Text  # what the rule covers, for people
    anchor: Text  # the event the period runs from, as a phrase: "your last contact with Perfony"
    period: Mapping[str, int] | None
    basis: Text
    action: Action = Action.DELETE
    anchor_field: str = ""
    where: FieldIs | tuple[FieldIs, ...] = ()  # field_is(...) / field_is_not(...)
    exemptions: tuple[Exemption, ...] = HOLDS
    children: tuple[Child, ...] = ()
    proof: tuple[str, ...] = ()
    note: Text = ""
    expiry: Expiry | None = None  # instead of anchor_field: FirstOf(...), WhileConsented(...)
    scope: Scope | None = None  # the model's scope unless set


@dataclass(frozen=True)
class KeptWhile:
    """No purge of its own: kept while something else lasts (stated, with its basis)."""

    condition: Text  # a full sentence for people
    basis: Text


RetentionRule = Retention | tuple[Retention, ...] | KeptWhile | None


@dataclass(frozen=True)
class Subject:
    """Who a request is about: a user in one extranet schema, and/or an email address."""

    email: str
    user_id: int | None = None
    schema_name: str | None = None


@dataclass(frozen=True)
class PersonalModel:
    """Everything about one model's personal data; export, erasure, retention and every text
    a person or the DPO reads are derived from it."""

    model: str  # "app_label.ModelName"
    category: str  # a short key: export file name, line of the erasure report
    description: Text  # what the rows are, for people (may be a lazy translation)
    purpose: Text
    legal_basis: LegalBasis
    scope: Scope | str
    subject: Link | tuple[Link, ...]
    fields: Mapping[str, FieldRule]
    # None: a model living only in extranet schemas goes with the extranet (customers policy);
    # a model deleted as a child of another policy is covered by that policy.
    retention: RetentionRule = None
    recipients: tuple[str, ...] = ("hosting",)  # keys of privacy.recipients.RECIPIENTS
    sources: tuple[Source, ...] = (Source.YOU,)
    data_subjects: Text = ""  # whose data, for the Art. 30 register (default from the scope)
    row: Row = Row.DELETE
    retained: Retained | None = None
    files: tuple[str, ...] = ()  # FileFields whose files are removed when the row goes
    export_exclude: tuple[str, ...] = ()  # secrets never exported (password hashes...)
    subject_q: Callable[[Subject], models.Q | None] | None = None  # overrides `subject` if set
    # Overrides both when rows cannot be matched by a Q (sessions hide the user id in their data).
    subject_rows: Callable[[Subject], models.QuerySet] | None = None

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def links(self) -> tuple[Link, ...]:
        return self.subject if isinstance(self.subject, tuple) else (self.subject,)

    @property
    def retentions(self) -> tuple[Retention, ...]:
        if isinstance(self.retention, Retention):
            return (self.retention,)
        return self.retention if isinstance(self.retention, tuple) else ()

    def subject_filter(self, subject: Subject) -> models.Q | None:
        """The Q that selects this subject's rows, or None when the subject cannot be here."""
        if self.subject_q is not None:
            return self.subject_q(subject)
        q = None
        for link in self.links:
            if link.kind == "email":
                part = models.Q(**{f"{link.path}__iexact": subject.email})
            elif subject.user_id is not None:
                part = models.Q(**{link.path: subject.user_id})
            else:
                continue
            q = part if q is None else q | part
        return q

    def applies_to(self, schema_name: str) -> bool:
        if self.scope == Scope.BOTH:
            return True
        return (self.scope == Scope.PUBLIC) == (schema_name == get_public_schema_name())

    def subject_queryset(self, subject: Subject) -> models.QuerySet:
        """This subject's rows in the current schema (empty when they cannot be here).

        Uses the base manager so append-only managers (audit trails) can still be redacted.
        """
        manager = self.model_class._base_manager
        if self.subject_rows is not None:
            return self.subject_rows(subject)
        q = self.subject_filter(subject)
        return manager.none() if q is None else manager.filter(q)


@dataclass
class Registry:
    personal: dict[str, PersonalModel] = field(default_factory=dict)
    not_personal: dict[str, str] = field(default_factory=dict)
    # Rules over what is not a personal model but carries personal data with it (an extranet
    # and everything in it, a cookie): (what is covered, scope, rule).
    standalone: list[tuple[str, Scope, Retention]] = field(default_factory=list)

    def register(self, entry: PersonalModel) -> PersonalModel:
        label = entry.model.lower()
        if label in self.personal or label in self.not_personal:
            raise ValueError(f"{entry.model} is registered twice")
        self.personal[label] = entry
        return entry

    def mark_not_personal(self, model: str, reason: str) -> None:
        label = model.lower()
        if label in self.personal or label in self.not_personal:
            raise ValueError(f"{model} is registered twice")
        self.not_personal[label] = reason

    def register_retention(self, *, covers: str, scope: Scope, retention: Retention) -> None:
        self.standalone.append((covers, scope, retention))

    def entries(self, scope: str | None = None) -> list[PersonalModel]:
        """Entries whose rows can be in `scope` ("public" or "tenant"; BOTH is in either)."""
        return [
            e
            for e in self.personal.values()
            if scope is None or e.scope == scope or e.scope == Scope.BOTH
        ]

    def categories(self) -> list[str]:
        return sorted({e.category for e in self.personal.values()})


registry = Registry()
register = registry.register
not_personal = registry.mark_not_personal
register_retention = registry.register_retention


def _link_problems(entry: PersonalModel, model: type[models.Model]) -> list[str]:
    if not entry.links and entry.subject_rows is None and entry.subject_q is None:
        return [f"{model._meta.label}: no subject link"]
    problems = []
    for link in entry.links:
        if link.path == "pk":
            continue
        try:
            model._meta.get_field(link.path.split("__")[0])
        except Exception:
            problems.append(f"{model._meta.label}: subject link {link.path!r} is not a field")
    return problems


def _entry_problems(entry: PersonalModel, model: type[models.Model]) -> list[str]:
    label = model._meta.label
    names = {f.name for f in model._meta.concrete_fields}
    problems = [f"{label}.{n}: field not classified" for n in sorted(names - set(entry.fields))]
    problems += [f"{label}.{n}: no such field" for n in sorted(set(entry.fields) - names)]
    if entry.row is Row.RETAIN and entry.retained is None:
        problems.append(f"{label}: row is retained but no legal basis is named")
    if entry.legal_basis.letter in ("c", "f") and not entry.legal_basis.detail:
        problems.append(f"{label}: name the legitimate interest or the legal obligation")
    problems += _link_problems(entry, model)
    from privacy.recipients import RECIPIENTS

    problems += [
        f"{label}: unknown recipient {r!r}" for r in entry.recipients if r not in RECIPIENTS
    ]
    missing = [n for n in entry.files if n not in names]
    problems += [f"{label}.{n}: files= names no such field" for n in missing]
    if entry.row is Row.ANONYMISE:
        problems += [
            f"{label}.{n}: row is anonymised, so a personal field needs Anonymise(...)"
            for n, rule in entry.fields.items()
            if isinstance(rule, Personal)
        ]
    return problems


def registry_problems(models_to_check=None) -> list[str]:
    """Every installed model must be classified, and every field of a personal model too."""
    problems = []
    for model in models_to_check or apps.get_models():
        label = model._meta.label_lower
        if label in registry.not_personal:
            continue
        entry = registry.personal.get(label)
        if entry is None:
            problems.append(f"{model._meta.label}: not in the personal-data registry")
            continue
        problems += _entry_problems(entry, model)
    return problems
