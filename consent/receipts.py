"""Consent receipts: a ConsentRecord rendered after ISO/IEC TS 27560 (consent record information
structure) with the W3C Data Privacy Vocabulary (DPV), as JSON-LD.

The shape is pinned by consent/schemas/consent-receipt.schema.json; tests validate receipts
against it. A receipt carries the record's chain hash, so anyone holding one can ask us to show
that the record is still in the chain (`manage.py consent_chain_verify`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from consent import cookies
from consent.models import ConsentRecord

SCHEMA_VERSION = "perfony-consent-receipt/1"
CONTEXT = {
    "dpv": "https://w3id.org/dpv#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "perfony": "https://www.perfony.com/ns/consent#",
}
CONTROLLER = {
    "@type": ["dpv:DataController", "dpv:LegalEntity"],
    "dpv:hasName": "Perfony SAS",
    "dpv:hasAddress": "91 rue du Faubourg Saint Honoré, 75008 Paris, France",
    "dpv:hasContact": "mailto:contact@perfony.com",
}
# The DPV purpose each cookie category serves.
PURPOSES = {
    cookies.NECESSARY: "dpv:ServiceProvision",
    cookies.PREFERENCES: "dpv:ServicePersonalisation",
    cookies.AUDIENCE: "dpv:ServiceUsageAnalytics",
    cookies.ANALYTICS: "dpv:ServiceUsageAnalytics",
    cookies.ADVERTISING: "dpv:Advertising",
}
METHODS = {
    ConsentRecord.Method.ACCEPT_ALL: "cookie banner: “accept all” button",
    ConsentRecord.Method.REJECT_ALL: "cookie banner: “reject all” button",
    ConsentRecord.Method.CUSTOM: "cookie banner or settings: one switch per category, then “save”",
    ConsentRecord.Method.CLOSED: "cookie banner closed (counted as a refusal)",
    ConsentRecord.Method.WITHDRAWAL: "cookie settings: withdrawal",
}


def _time(value) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def policy_text_hash(*, version: str, language: str) -> str | None:
    """SHA-256 of the cookie policy text the record was given on, in its language."""
    from legal.models import PolicyVersion

    policy = PolicyVersion.objects.filter(
        kind=PolicyVersion.Kind.COOKIES, version=version.split("+", 1)[0]
    ).first()
    if policy is None:
        return None
    return hashlib.sha256(policy.text(language or "en").encode()).hexdigest()


def _status(*, record: ConsentRecord, key: str) -> str:
    if record.method == ConsentRecord.Method.WITHDRAWAL:
        return "dpv:ConsentWithdrawn"
    return "dpv:ConsentGiven" if record.choices.get(key) else "dpv:ConsentRefused"


def _purpose(*, record: ConsentRecord, category: cookies.Category) -> dict:
    part = {
        "@type": "dpv:Purpose",
        "dct:identifier": category.key,
        "dct:title": str(category.label),
        "dpv:isSubTypeOf": PURPOSES[category.key],
    }
    if category.required:
        # Strictly necessary cookies need no consent (ePrivacy Art. 5(3)); listed for completeness.
        return {**part, "dpv:hasLegalBasis": "dpv:LegitimateInterest"}
    return {
        **part,
        "dpv:hasLegalBasis": "dpv:Consent",
        "dpv:hasConsentStatus": _status(record=record, key=category.key),
    }


def consent_receipt(*, record: ConsentRecord) -> dict:
    """The receipt of one record: who holds it, what was chosen, when, on which text, how."""
    subject = {"@type": "dpv:DataSubject", "dpv:hasIdentifier": f"urn:uuid:{record.consent_id}"}
    return {
        "@context": CONTEXT,
        "@id": f"urn:perfony:consent-record:{record.record_hash}",
        "@type": "dpv:ConsentRecord",
        "dct:conformsTo": "ISO/IEC TS 27560:2023",
        "dct:hasVersion": SCHEMA_VERSION,
        "dpv:hasIdentifier": str(record.consent_id),
        "dpv:hasDataController": CONTROLLER,
        "dpv:hasDataSubject": subject,
        "dpv:hasNotice": {
            "@type": "dpv:ConsentNotice",
            "dct:identifier": "cookie-policy",
            "dct:hasVersion": record.policy_version,
            "dct:language": record.language,
            "perfony:policyTextSha256": policy_text_hash(
                version=record.policy_version, language=record.language
            ),
            "perfony:bannerTextSha256": record.banner_hash,
        },
        "dpv:hasPurpose": [_purpose(record=record, category=c) for c in cookies.CATEGORIES],
        "dpv:isIndicatedAtTime": _time(record.created_at),
        "dpv:isIndicatedBy": subject,
        "dpv:hasIndicationMethod": METHODS[record.method],
        "perfony:method": record.method,
        "perfony:globalPrivacyControl": record.gpc,
        "dct:valid": _time(record.expires_at),
        "perfony:recordHash": record.record_hash,
        "perfony:previousRecordHash": record.prev_hash,
    }


RECEIPT_MODEL = "consent.ConsentRecord"


def receipts_write(*, zf, folder: str, entries, subject) -> list[str]:
    """For the access export (privacy/export.py): the receipts of the subject's consent records
    in this place, as `<folder>/receipts.json`; nothing when the category holds no record."""
    entry = next((e for e in entries if e.model == RECEIPT_MODEL), None)
    if entry is None:
        return []
    records = entry.subject_queryset(subject).order_by("id").iterator(chunk_size=500)
    path = f"{folder}/receipts.json"
    receipts = [consent_receipt(record=record) for record in records]
    zf.writestr(path, json.dumps(receipts, indent=2, ensure_ascii=False))
    return [path]
