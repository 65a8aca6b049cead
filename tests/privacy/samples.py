"""Sample rows of one person in every registered model, for the erasure and export tests.

Mechanism (other apps use it to be covered): put builders in `tests/<app>/privacy_samples.py`:

    from tests.privacy.samples import sample_builder

    @sample_builder("app.Model")
    def build(person):
        Model.objects.create(owner=person.user, email=person.email, phone=person.phone, ...)

A builder runs in the schema its registry entry applies to (public for scope="public", the
acme extranet for scope="tenant", with `person.user` already created there) and must store the
person's email, name and/or phone wherever the model holds them. `subject_rows=False` marks a
model the person can never own rows in (e.g. staff-only tables): the builder still adds rows
there, which must survive untouched. `test_every_registered_model_has_a_sample_builder` fails
when a registered personal model has no builder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Builder:
    model: str
    build: Callable
    subject_rows: bool


BUILDERS: dict[str, Builder] = {}


def sample_builder(model: str, *, subject_rows: bool = True):
    def register(build):
        BUILDERS[model.lower()] = Builder(model, build, subject_rows)
        return build

    return register


def builders_discover() -> dict[str, Builder]:
    tests_dir = Path(__file__).resolve().parent.parent
    for module in sorted(tests_dir.glob("*/privacy_samples.py")):
        importlib.import_module(f"tests.{module.parent.name}.privacy_samples")
    return BUILDERS


@dataclass
class Person:
    first_name: str
    last_name: str
    email: str
    phone: str
    username: str
    ip: str = "203.0.113.7"  # the address the security log sees them at
    address: str = ""  # postal address (an encrypted column)
    user: object = None
    extra: dict = field(default_factory=dict)

    @property
    def needles(self) -> list[str]:
        values = [self.email, self.first_name, self.last_name, self.phone, self.username]
        return [*values, self.ip, self.address]
