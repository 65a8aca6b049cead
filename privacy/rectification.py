"""Rectification (GDPR Art. 16): what staff can correct for a request's subject, where.

Each target is one record the person can have corrected: their account in an extranet (the
profile fields of Preferences) and their prospect record on the public site. Writes go through
the owning app's services, so validation and audit are the same as when the person edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from accounts.models import User
from privacy.models import SubjectRequest
from privacy.subjects import Place, place_context, request_places
from prospects.models import Prospect

PROSPECT_FIELDS = ("name", "phone", "company")

# The form each kind of target is corrected with, named by the app that owns the record (in its
# privacy.py, next to the record's declaration): privacy imports no app's forms.
_FORMS: dict[str, type] = {}


def rectification_form_register(*, kind: str, form_class: type) -> None:
    """Staff correct a `kind` record ("user") with the form its owner uses, so a correction
    passes the same validation as the person's own edit."""
    _FORMS[kind] = form_class


def rectification_form(*, kind: str) -> type:
    try:
        return _FORMS[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No rectification form registered for {kind!r}.") from None


@dataclass(frozen=True)
class Target:
    key: str  # names the form's prefix: "user-<schema>" or "prospect"
    kind: str  # "user" or "prospect"
    place: Place
    fields: tuple[str, ...]

    @property
    def source(self) -> str:
        return self.place.source

    def record(self):
        """The record, read in its place's schema (call inside place_context)."""
        if self.kind == "user":
            return User._base_manager.get(pk=self.place.subject.user_id)
        return Prospect.objects.get(email__iexact=self.place.subject.email)


def rectification_targets(*, subject_request: SubjectRequest) -> list[Target]:
    from extranet.services import PROFILE_FIELDS

    targets = []
    for place in request_places(subject_request=subject_request):
        if place.extranet is not None and place.subject.user_id is not None:
            key = f"user-{place.schema_name}"
            targets.append(Target(key, "user", place, tuple(PROFILE_FIELDS)))
        elif place.extranet is None and place.subject.email:
            with place_context(place):
                if Prospect.objects.filter(email__iexact=place.subject.email).exists():
                    targets.append(Target("prospect", "prospect", place, PROSPECT_FIELDS))
    return targets


def target_initial(target: Target) -> dict:
    with place_context(target.place):
        record = target.record()
        return {name: getattr(record, name) for name in target.fields}


def target_rectify(target: Target, *, data: dict, actor_label: str) -> list[tuple[str, str]]:
    """Apply the corrected values through the owning service; (field label, new value) pairs."""
    from extranet.services import profile_update
    from prospects.services import prospect_update

    with place_context(target.place):
        record = target.record()
        meta = record._meta
        if target.kind == "user":
            current = {name: getattr(record, name) for name in target.fields}
            changed = profile_update(user=record, data={**current, **data}, actor=actor_label)
        else:
            changed = [n for n in target.fields if n in data and getattr(record, n) != data[n]]
            for name in changed:
                setattr(record, name, data[name])
            if changed:
                prospect_update(prospect=record, changed=changed, actor=actor_label)
        return [(str(meta.get_field(n).verbose_name), str(getattr(record, n))) for n in changed]
