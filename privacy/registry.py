"""The personal-data registry: one place that says, for every model, what personal data it holds
and what happens to it on export and erasure.

Each app declares its models in its own `privacy.py` (autodiscovered). A model is either
`not_personal(...)` with a reason, or `register(PersonalModel(...))` with every concrete field
classified. `registry_problems()` lists what is missing; a test and a system check use it.

Design inspired by pretix's data shredders (design only; no code taken).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from django.apps import apps
from django.db import models


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


@dataclass(frozen=True)
class Retained:
    """A legal reason to keep a row through erasure, and when that reason ends."""

    basis: str
    until: str


@dataclass(frozen=True)
class Subject:
    """Who a request is about: a user in one extranet schema, and/or an email address."""

    email: str
    user_id: int | None = None
    schema_name: str | None = None


@dataclass(frozen=True)
class PersonalModel:
    model: str  # "app_label.ModelName"
    category: str  # export file name and line of the erasure report, e.g. "security_log"
    description: str  # what the rows are, for people (may be a lazy translation)
    purpose: str
    retention: str  # human summary; the rule itself lives in retention/policies.py
    scope: Literal["tenant", "public"]
    # Lookup from this model to the subject: in a tenant schema, a path to the user
    # ("pk" for the user model itself, "owner", "respondent"); in public, a path to an email.
    subject: str
    fields: Mapping[str, FieldRule]
    row: Row = Row.DELETE
    retained: Retained | None = None
    files: tuple[str, ...] = ()  # FileFields whose files are removed when the row goes
    export_exclude: tuple[str, ...] = ()  # secrets never exported (password hashes...)
    subject_q: Callable[[Subject], models.Q] | None = None  # overrides `subject` if set
    # Overrides both when rows cannot be matched by a Q (sessions hide the user id in their data).
    subject_rows: Callable[[Subject], models.QuerySet] | None = None

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def subject_filter(self, subject: Subject) -> models.Q | None:
        """The Q that selects this subject's rows, or None when the subject cannot be here."""
        if self.subject_q is not None:
            return self.subject_q(subject)
        if self.scope == "tenant":
            if subject.user_id is None:
                return None
            return models.Q(**{self.subject: subject.user_id})
        return models.Q(**{f"{self.subject}__iexact": subject.email})

    def applies_to(self, schema_name: str) -> bool:
        return (self.scope == "public") == (schema_name == "public")

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

    def entries(self, scope: str | None = None) -> list[PersonalModel]:
        return [e for e in self.personal.values() if scope is None or e.scope == scope]

    def categories(self) -> list[str]:
        return sorted({e.category for e in self.personal.values()})


registry = Registry()
register = registry.register
not_personal = registry.mark_not_personal


def _entry_problems(entry: PersonalModel, model: type[models.Model]) -> list[str]:
    label = model._meta.label
    names = {f.name for f in model._meta.concrete_fields}
    problems = [f"{label}.{n}: field not classified" for n in sorted(names - set(entry.fields))]
    problems += [f"{label}.{n}: no such field" for n in sorted(set(entry.fields) - names)]
    if entry.row is Row.RETAIN and entry.retained is None:
        problems.append(f"{label}: row is retained but no legal basis is named")
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
