import datetime
import hashlib
import hmac

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from privacy.models import DataExport, SubjectLegalHold, SubjectRequest, SuppressedEmail


def email_hmac(*, email: str) -> str:
    key = hashlib.sha256(("suppression:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def email_is_suppressed(*, email: str, reasons: list[str] | None = None) -> bool:
    """Marketing and partner-sharing code must call this before using an address."""
    qs = SuppressedEmail.objects.filter(email_hmac=email_hmac(email=email))
    if reasons is not None:
        qs = qs.filter(reason__in=reasons)
    return qs.exists()


def legal_hold_active_list() -> QuerySet[SubjectLegalHold]:
    return SubjectLegalHold.objects.filter(released_at__isnull=True)


def subject_has_legal_hold(*, email: str) -> bool:
    return legal_hold_active_list().filter(email__iexact=email.strip()).exists()


def request_open_list() -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.filter(status__in=SubjectRequest.OPEN_STATUSES)


def request_due_soon_list(*, today: datetime.date, days: int = 7) -> QuerySet[SubjectRequest]:
    """Open requests whose (extended) deadline is within `days`, overdue ones included."""
    limit = today + datetime.timedelta(days=days)
    return (
        request_open_list()
        .annotate(deadline=Coalesce("extended_due_date", "due_date"))
        .filter(deadline__lte=limit)
        .order_by("deadline")
    )


def request_list_for_user(*, schema_name: str, user_id: int) -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.filter(extranet_schema=schema_name, user_id=user_id)


def export_for_user(*, export_id: int, schema_name: str, user_id: int) -> DataExport | None:
    """Only the subject's own, unexpired export; None for anyone else's."""
    return (
        DataExport.objects.filter(
            pk=export_id,
            request__extranet_schema=schema_name,
            request__user_id=user_id,
            expires_at__gt=timezone.now(),
        )
        .select_related("request")
        .first()
    )


def export_for_token(*, export_id: int, email: str) -> DataExport | None:
    return (
        DataExport.objects.filter(
            pk=export_id, request__email__iexact=email, expires_at__gt=timezone.now()
        )
        .select_related("request")
        .first()
    )


def subject_data_find(*, subject_request: SubjectRequest, sample: int = 20) -> list[dict]:
    """Everything the registry finds for the subject, per schema (public and each extranet)."""
    from privacy.subjects import (
        entries_for,
        place_context,
        request_places,
        row_as_dict,
        row_export_fields,
    )

    found = []
    for place in request_places(subject_request=subject_request):
        models_found = []
        with place_context(place):
            for entry in entries_for(place):
                qs = entry.subject_queryset(place.subject)
                count = qs.count()
                if count:
                    fields = row_export_fields(entry)
                    rows = [row_as_dict(fields, obj) for obj in qs[:sample]]
                    models_found.append(
                        {"entry": entry, "count": count, "rows": rows, "columns": list(rows[0])}
                    )
        found.append({"source": place.source, "schema": place.schema_name, "models": models_found})
    return found


def my_data_summary(*, user, schema_name: str) -> list[dict]:
    """What this extranet holds about the signed-in user, per category (counts only).

    Runs in the user's own schema, so it can only ever see that extranet's rows.
    """
    from privacy.registry import Subject, registry

    subject = Subject(email=user.email, user_id=user.pk, schema_name=schema_name)
    summary: dict[str, dict] = {}
    for entry in registry.entries(scope="tenant"):
        count = entry.subject_queryset(subject).count()
        line = summary.setdefault(
            entry.category,
            {
                "category": entry.category,
                "description": entry.description,
                "purpose": entry.purpose,
                "retention": entry.retention,
                "count": 0,
            },
        )
        line["count"] += count
    return sorted(summary.values(), key=lambda line: line["category"])


DPO_FORM_LIMIT = 5  # per hour and IP: each filing emails a link to an address we cannot trust yet


def dpo_rate_limited(*, ip: str) -> bool:
    """Counts a filing; True once the IP went over the limit. Only a hash of the IP is stored."""
    from django.core.cache import cache

    key = "privacy:dpo:" + hashlib.sha256((settings.SECRET_KEY + ip).encode()).hexdigest()[:32]
    from perfony.cache import fallback_limit

    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > fallback_limit(DPO_FORM_LIMIT)  # a share of it without Redis


def request_for_verify_token(*, token: str) -> SubjectRequest | None:
    """The request a signed identity link (48 hours) points to, or None if invalid/expired."""
    from privacy.tokens import verify_token_read

    data = verify_token_read(token=token)
    if data is None:
        return None
    subject_request = SubjectRequest.objects.filter(pk=data["r"]).first()
    if subject_request is None or subject_request.email.lower() != data["e"]:
        return None
    return subject_request


def request_work_waiting(*, subject_request: SubjectRequest) -> bool:
    """True while the request's export or erasure task sits in the outbox, unsent (the broker
    was unreachable); the relay sends it once the broker is back."""
    from core.models import OutboxMessage

    return OutboxMessage.objects.filter(
        sent_at__isnull=True,
        task_name__in=["privacy.export_build", "privacy.erasure_run"],
        args__0=subject_request.pk,
    ).exists()
