"""Erasure: the registry's strategy for every row of the subject, one transaction per schema."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation

from core.audit import Actor, AuditAction
from core.services import audit_log
from privacy.registry import Anonymise, PersonalModel, Row
from privacy.selectors import legal_hold_active_list, subject_has_legal_hold
from privacy.subjects import Place, entries_for, place_context, request_places
from retention.selectors import entry_retention_text

_ORDER = {Row.DELETE: 0, Row.ANONYMISE: 1, Row.RETAIN: 2}
CHUNK = 500


def erasure_blockers(*, places: list[Place], email: str) -> list[str]:
    """Legal holds that forbid the erasure, as reasons to show to staff."""
    reasons = []
    if subject_has_legal_hold(email=email):
        holds = legal_hold_active_list().filter(email__iexact=email.strip())
        reasons += [f"Legal hold on the person: {hold.reason}" for hold in holds]
    for place in places:
        if place.extranet is not None and place.extranet.legal_hold:
            reason = place.extranet.legal_hold_reason or "-"
            reasons.append(f"Legal hold on extranet {place.extranet.slug}: {reason}")
    return reasons


def _files_of(entry: PersonalModel, qs) -> list:
    if not entry.files:
        return []
    found = []
    for obj in qs.iterator(CHUNK):
        for name in entry.files:
            fieldfile = getattr(obj, name)
            if fieldfile:
                found.append((fieldfile.storage, fieldfile.name))
    return found


def _remove_files_after_commit(files: list) -> None:
    def remove():
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(remove)


def _anonymise(entry: PersonalModel, qs) -> int:
    rules = {n: r for n, r in entry.fields.items() if isinstance(r, Anonymise)}
    manager = entry.model_class._base_manager
    count = 0
    for obj in qs.iterator(CHUNK):
        values = {}
        for name, rule in rules.items():
            attname = entry.model_class._meta.get_field(name).attname
            values[attname] = rule.value_for(obj)
        manager.filter(pk=obj.pk).update(**values)
        count += 1
    return count


def _apply(entry: PersonalModel, place: Place, qs, count: int) -> dict | None:
    if not count:
        return None
    # "what" is the declaration's description, in the requester's language: what a person reads.
    line = {
        "source": place.source,
        "category": entry.category,
        "model": entry.model,
        "what": str(entry.description),
    }
    if entry.row is Row.RETAIN:
        return {
            **line,
            "outcome": "retained",
            "count": count,
            "basis": str(entry.retained.basis),
            # From the declared retention rule, with any RETENTION_PERIODS override.
            "until": entry_retention_text(entry=entry),
        }
    _remove_files_after_commit(_files_of(entry, qs))
    if entry.row is Row.DELETE:
        qs.delete()
        return {**line, "outcome": "deleted", "count": count}
    return {**line, "outcome": "anonymised", "count": _anonymise(entry, qs)}


def _erase_place(place: Place, actor_label: str, request_id: int) -> list[dict]:
    lines = []
    with place_context(place), transaction.atomic():
        entries = sorted(entries_for(place), key=lambda e: _ORDER[e.row])
        # Selected and counted first: deleting one model can cascade to another (addresses ->
        # confirmations), and the admin log finds its entries through rows about to go.
        selected = [entry.subject_queryset(place.subject) for entry in entries]
        counts = [qs.count() for qs in selected]
        for entry, qs, count in zip(entries, selected, counts, strict=True):
            line = _apply(entry, place, qs, count)
            if line is not None:
                lines.append(line)
        audit_log(
            actor=Actor.from_label(actor_label),
            action=AuditAction.ERASURE_EXECUTED,
            data={
                "request": request_id,
                "outcomes": {line["model"]: line["outcome"] for line in lines},
            },
        )
    return lines


def erasure_execute(*, subject_request, actor_label: str) -> list[dict]:
    """Erase everywhere the subject appears; return the report lines (one per model touched)."""
    report = []
    # The report's texts (what is retained until when) are in the requester's language.
    with translation.override(subject_request.language or settings.LANGUAGE_CODE):
        for place in request_places(subject_request=subject_request):
            report += _erase_place(place, actor_label, subject_request.pk)
    return report
