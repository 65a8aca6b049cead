import datetime
import hashlib
import hmac

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from privacy.models import DataExport, SubjectLegalHold, SubjectRequest, SuppressedEmail


def _hmac(key: str, email: str) -> str:
    digest = hashlib.sha256(("suppression:" + key).encode()).digest()
    return hmac.new(digest, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def email_hmac(*, email: str) -> str:
    """The address's HMAC under the primary suppression key: what a new entry stores."""
    return _hmac(settings.SUPPRESSION_KEYS[0], email)


def email_hmacs(*, email: str) -> list[str]:
    """The address's HMAC under every suppression key: entries written before a rotation
    still match, so rotating SUPPRESSION_KEYS (or SECRET_KEY) loses nobody."""
    return [_hmac(key, email) for key in settings.SUPPRESSION_KEYS]


def suppression_entries(*, email: str) -> QuerySet[SuppressedEmail]:
    return SuppressedEmail.objects.filter(email_hmac__in=email_hmacs(email=email))


def email_is_suppressed(*, email: str, reasons: list[str] | None = None) -> bool:
    """Marketing and partner-sharing code must call this before using an address."""
    qs = suppression_entries(email=email)
    if reasons is not None:
        qs = qs.filter(reason__in=reasons)
    return qs.exists()


def legal_hold_active_list() -> QuerySet[SubjectLegalHold]:
    return SubjectLegalHold.objects.filter(released_at__isnull=True)


def subject_has_legal_hold(*, email: str) -> bool:
    return legal_hold_active_list().filter(email__iexact=email.strip()).exists()


def request_open_list() -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.filter(status__in=SubjectRequest.OPEN_STATUSES)


def request_failed_list() -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.filter(status=SubjectRequest.Status.ERROR).order_by("pk")


def request_list_with_deadline(
    *, queryset: QuerySet[SubjectRequest] | None = None
) -> QuerySet[SubjectRequest]:
    """The requests with `deadline`: the extended due date if any, else the due date (None
    until the identity is proven). SubjectRequest.effective_due_date is the same for one row."""
    queryset = SubjectRequest.objects.all() if queryset is None else queryset
    return queryset.annotate(deadline=Coalesce("extended_due_date", "due_date"))


def request_due_soon_list(*, today: datetime.date, days: int = 7) -> QuerySet[SubjectRequest]:
    """Open requests whose (extended) deadline is within `days`, overdue ones included."""
    limit = today + datetime.timedelta(days=days)
    return (
        request_list_with_deadline(queryset=request_open_list())
        # `deadline` is annotated inside request_list_with_deadline, where mypy cannot see it.
        .filter(deadline__lte=limit)  # type: ignore[misc]
        .order_by("deadline")
    )


def request_list_for_extranet(*, schema_name: str) -> QuerySet[SubjectRequest]:
    """The requests that covered this extranet's data, for its admins (an unproven /dpo/
    filing names nobody, so it is not shown)."""
    return (
        SubjectRequest.objects.filter(extranet_schemas__contains=[schema_name])
        .exclude(status__in=[SubjectRequest.Status.UNVERIFIED, SubjectRequest.Status.EXPIRED])
        .order_by("-received_at")
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


def entry_notice(*, entry) -> dict:
    """What a person is told about one personal model (GDPR Art. 13-15), in the active
    language, from its declaration: /my-data/, export manifests, the policy, the register."""
    from privacy.recipients import RECIPIENTS
    from retention.selectors import entry_retention_basis, entry_retention_text

    return {
        "model": entry.model,
        "category": entry.category,
        "description": str(entry.description),
        "purpose": str(entry.purpose),
        "legal_basis": entry.legal_basis.describe(),
        "recipients": [str(RECIPIENTS[key].name) for key in entry.recipients],
        "retention": entry_retention_text(entry=entry),
        "retention_basis": entry_retention_basis(entry=entry),
        "sources": [source.label for source in entry.sources],
    }


def my_data_summary(*, user, schema_name: str) -> list[dict]:
    """What this extranet holds about the signed-in user, per model (counts only), each with
    its own purpose, legal basis, recipients, retention and source.

    Runs in the user's own schema, so it can only ever see that extranet's rows.
    """
    from privacy.registry import Subject, registry

    subject = Subject(email=user.email, user_id=user.pk, schema_name=schema_name)
    summary = [
        {**entry_notice(entry=entry), "count": entry.subject_queryset(subject).count()}
        for entry in registry.entries(scope="tenant")
    ]
    return sorted(summary, key=lambda line: (line["category"], line["model"]))


def my_data_cards(*, user, schema_name: str) -> list[dict]:
    """/my-data/ as a privacy center: one card per category, with its total and its lines."""
    from privacy.categories import category_label

    cards: dict[str, dict] = {}
    for line in my_data_summary(user=user, schema_name=schema_name):
        card = cards.setdefault(
            line["category"],
            {"key": line["category"], "label": category_label(line["category"]), "lines": []},
        )
        card["lines"].append(line)
    for card in cards.values():
        card["count"] = sum(line["count"] for line in card["lines"])
    # What is held comes first; empty categories still say what would be kept and why.
    return sorted(cards.values(), key=lambda c: (c["count"] == 0, c["label"].casefold()))


def _request_bound_to(data: dict | None) -> SubjectRequest | None:
    """The request a signed link names, while it still has the address the link went to."""
    if data is None:
        return None
    subject_request = SubjectRequest.objects.filter(pk=data["r"]).first()
    if subject_request is None or subject_request.email.lower() != data["e"]:
        return None
    return subject_request


def request_for_verify_token(*, token: str) -> SubjectRequest | None:
    """The request a signed identity link (48 hours) points to, or None if invalid/expired."""
    from privacy.tokens import verify_token_read

    return _request_bound_to(verify_token_read(token=token))


def _where(scope: str) -> str:
    from django.utils.translation import gettext as _

    return {
        "public": _("Public site"),
        "tenant": _("Extranets"),
        "both": _("Public site and extranets"),
    }[str(scope)]


THIRD_PARTY_RECIPIENTS_TEMPLATE = "consent/_recipients.html"


def _third_party_template() -> str:
    """The cookie register's third parties (consent app), when that template exists."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template(THIRD_PARTY_RECIPIENTS_TEMPLATE)
    except TemplateDoesNotExist:
        return ""
    return THIRD_PARTY_RECIPIENTS_TEMPLATE


def policy_sections() -> dict:
    """The generated sections of the privacy policy, in the active language: data held,
    purposes and legal bases, recipients and transfers, retention per model, the rights' data.

    Every line comes from a declaration (and the rules' periods, overrides included)."""
    from privacy.recipients import RECIPIENTS
    from privacy.registry import Row, Source, registry

    entries = registry.entries()
    notices = [{**entry_notice(entry=e), "where": _where(e.scope)} for e in entries]
    purposes: dict[tuple[str, str], dict] = {}
    for notice in notices:
        key = (notice["purpose"], notice["legal_basis"])
        line = purposes.setdefault(key, {"purpose": key[0], "legal_basis": key[1], "data": []})
        line["data"].append(notice["description"])
    recipients: list[dict] = []
    for recipient in RECIPIENTS.values():
        data = [
            n["description"]
            for e, n in zip(entries, notices, strict=True)
            if recipient.key in e.recipients
        ]
        if recipient.extra_data:
            data.append(str(recipient.extra_data))
        recipients.append({"recipient": recipient, "data": data})
    return {
        "data": notices,
        "purposes": list(purposes.values()),
        "recipients": recipients,
        "transfers": [r for r in recipients if r["recipient"].transfer],
        "third_party_template": _third_party_template(),
        "sources": [
            n for e, n in zip(entries, notices, strict=True) if set(e.sources) != {Source.YOU}
        ],
        "retained": [
            {"description": n["description"], "basis": str(e.retained.basis)}
            for e, n in zip(entries, notices, strict=True)
            if e.row is Row.RETAIN and e.retained is not None
        ],
        "legitimate_interests": sorted(
            {str(e.legal_basis.detail) for e in entries if e.legal_basis.letter == "f"}
        ),
    }


CONTROLLER = "Perfony SAS, 91 rue du Faubourg Saint Honoré, 75008 Paris, France"
DPO_CONTACT = "contact@perfony.com"
REGISTER_COLUMNS = (
    "model",
    "category",
    "description",
    "purpose",
    "legal_basis",
    "data_subjects",
    "personal_fields",
    "files",
    "where",
    "role",
    "recipients",
    "transfers",
    "retention",
    "retention_basis",
    "sources",
    "erasure",
    "export",
    "security",
)


def _register_line(entry) -> dict:
    from django.utils.translation import gettext as _

    from privacy.recipients import RECIPIENTS
    from privacy.registry import KEEP, Row, Scope

    meta = entry.model_class._meta
    personal = [name for name, rule in entry.fields.items() if rule is not KEEP]
    encrypted = [name for name in personal if getattr(meta.get_field(name), "encrypted", False)]
    recipients = [RECIPIENTS[key] for key in entry.recipients]
    transfers = [f"{r.name}: {r.transfer}" for r in recipients if r.transfer]
    erasure = {Row.DELETE: _("deleted"), Row.ANONYMISE: _("anonymised"), Row.RETAIN: _("retained")}
    erasure_text = str(erasure[entry.row])
    if entry.retained is not None:
        erasure_text += f" ({entry.retained.basis})"
    security = [_("TLS in transit; one database schema per extranet")]
    if encrypted:
        security.append(_("encrypted at rest: %(fields)s") % {"fields": ", ".join(encrypted)})
    notice = entry_notice(entry=entry)
    return {
        "model": entry.model,
        "category": entry.category,
        "description": notice["description"],
        "purpose": notice["purpose"],
        "legal_basis": notice["legal_basis"],
        "data_subjects": str(entry.data_subjects)
        or (
            _("Extranet users") if entry.scope == Scope.TENANT else _("Visitors of the public site")
        ),
        "personal_fields": ", ".join(personal),
        "files": ", ".join(entry.files),
        "where": _where(entry.scope),
        "role": _("processor for the customer company")
        if entry.scope == Scope.TENANT
        else _("controller"),
        "recipients": "; ".join(f"{r.name} ({r.role_label})" for r in recipients),
        "transfers": "; ".join(transfers) or _("none outside the EEA"),
        "retention": notice["retention"],
        "retention_basis": notice["retention_basis"],
        "sources": ", ".join(notice["sources"]),
        "erasure": erasure_text,
        "export": _("every field except %(fields)s") % {"fields": ", ".join(entry.export_exclude)}
        if entry.export_exclude
        else _("every field"),
        "security": "; ".join(security),
    }


def processing_register() -> dict:
    """The record of processing activities (GDPR Art. 30), one line per personal-data model,
    in the active language, from the declarations (periods with their overrides)."""
    from privacy.registry import registry

    return {
        "controller": CONTROLLER,
        "dpo": DPO_CONTACT,
        "columns": list(REGISTER_COLUMNS),
        "activities": [_register_line(entry) for entry in registry.entries()],
    }


def request_work_waiting(*, subject_request: SubjectRequest) -> bool:
    """True while the request's export or erasure task sits in the outbox, unsent (the broker
    was unreachable); the relay sends it once the broker is back."""
    from core.models import OutboxMessage

    return OutboxMessage.objects.filter(
        sent_at__isnull=True,
        task_name__in=["privacy.export_build", "privacy.erasure_run"],
        args__0=subject_request.pk,
    ).exists()


def request_for_cancel_token(*, token: str) -> SubjectRequest | None:
    """The request a signed cancel link points to, or None if invalid or expired."""
    from privacy.tokens import cancel_token_read

    return _request_bound_to(cancel_token_read(token=token))


def export_plaintext_chunks(*, export: DataExport):
    """The export's ZIP, decrypted chunk by chunk: only for streaming it to its owner."""
    from core.crypto import decrypt_file

    with export.file.open("rb") as sealed:
        yield from decrypt_file(sealed)


def request_sla_report(*, year: int, month: int, today: datetime.date | None = None) -> dict:
    """The DPO's monthly SLA figure: the requests whose clock started (identity proven) in the
    month, per type: received, closed on time, extended, overdue (closed late, or open past
    the deadline), still open within it. Unconfirmed and expired filings never started one."""
    from dateutil.relativedelta import relativedelta

    today = today or timezone.localdate()
    start = datetime.date(year, month, 1)
    qs = SubjectRequest.objects.filter(
        verified_at__isnull=False,
        verified_at__date__gte=start,
        verified_at__date__lt=start + relativedelta(months=1),
    )
    lines = {value: _sla_line(label) for value, label in SubjectRequest.Type.choices}
    total = _sla_line("")
    for subject_request in qs.only(
        "type", "status", "closed_at", "due_date", "extended_due_date", "verified_at"
    ):
        for line in (lines[subject_request.type], total):
            _sla_count(line, subject_request, today)
    return {
        "month": start,
        "lines": [line for line in lines.values() if line["received"]],
        "total": total,
    }


def _sla_line(label) -> dict:
    return {"type": label, "received": 0, "on_time": 0, "extended": 0, "overdue": 0, "open": 0}


def _sla_count(line: dict, subject_request: SubjectRequest, today: datetime.date) -> None:
    due = subject_request.effective_due_date
    line["received"] += 1
    if subject_request.extended_due_date is not None:
        line["extended"] += 1
    if subject_request.closed_at is not None:
        closed = timezone.localdate(subject_request.closed_at)
        line["on_time" if due is None or closed <= due else "overdue"] += 1
    elif due is not None and due < today:
        line["overdue"] += 1
    else:
        line["open"] += 1
