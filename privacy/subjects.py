"""Where a request's subject appears: the public schema and their extranet schema(s)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import FileField
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from accounts.models import User
from privacy.models import SubjectRequest
from privacy.registry import PersonalModel, Subject, registry
from tenants.models import Extranet
from tenants.selectors import extranet_list


@dataclass(frozen=True)
class Place:
    """The subject as seen in one schema."""

    extranet: Extranet | None  # None for the public schema
    subject: Subject

    @property
    def schema_name(self) -> str:
        return self.extranet.schema_name if self.extranet else get_public_schema_name()

    @property
    def label(self) -> str:
        return self.extranet.slug if self.extranet else "public"

    @property
    def source(self) -> str:
        return f"{self.extranet.name} ({self.extranet.slug})" if self.extranet else "Perfony"


@contextmanager
def place_context(place: Place) -> Iterator[None]:
    if place.extranet is None:
        with schema_context(get_public_schema_name()):
            yield
    else:
        with tenant_context(place.extranet):
            yield


def _subject_in(extranet: Extranet, email: str) -> Subject | None:
    """The subject in this extranet: their account, or rows that name the address without one
    (a pending invitation)."""
    with tenant_context(extranet):
        # Only an account whose owner proved this address is theirs (see request_places).
        user_id = User._base_manager.filter(
            email__iexact=email,
            emailaddress__email__iexact=email,
            emailaddress__verified=True,
        ).values_list("pk", flat=True)
        subject = Subject(email, user_id.first(), extranet.schema_name)
        if subject.user_id is not None:
            return subject
        entries = registry.entries(scope="tenant")
        found = any(e.subject_queryset(subject).exists() for e in entries)
        return subject if found else None


def request_places(*, subject_request: SubjectRequest) -> list[Place]:
    """A request filed from an extranet covers that account, and the public schema by email
    only when the owner proved the address; one filed by email covers every extranet where the
    verified address has a proved account or is named (a pending invitation).

    An address nobody proved may be anyone's (a typo by staff, or set to a stranger's on
    purpose), so it never reaches rows that only the address links to the requester.
    """
    email = subject_request.email
    if subject_request.extranet_schema:
        proved = subject_request.email_verified
        places = [Place(None, Subject(email=email))] if proved else []
        extranet = Extranet.objects.filter(schema_name=subject_request.extranet_schema).first()
        if extranet is not None:
            schema = extranet.schema_name
            subject = Subject(email if proved else "", subject_request.user_id, schema)
            places.append(Place(extranet, subject))
        return places
    places = [Place(None, Subject(email=email))]
    for extranet in extranet_list():
        subject = _subject_in(extranet, email)
        if subject is not None:
            places.append(Place(extranet, subject))
    return places


def entries_for(place: Place) -> list[PersonalModel]:
    return [e for e in registry.entries() if e.applies_to(place.schema_name)]


def row_export_fields(entry: PersonalModel) -> list:
    return [
        f for f in entry.model_class._meta.concrete_fields if f.name not in entry.export_exclude
    ]


def row_as_dict(fields, obj) -> dict:
    row = {}
    for f in fields:
        value = f.value_from_object(obj)
        if isinstance(f, FileField):
            value = value.name if value else ""
        row[f.attname if f.is_relation else f.name] = value
    return row
