"""A signed-in user's export holds the receipts of their consent records (consent/receipts.py)."""

import json

from consent.models import ConsentRecord
from privacy.models import SubjectRequest
from tests.consent.test_receipts import VALIDATOR
from tests.support.privacy import export_zip, person_populate, request_through
from tests.support.tenants import in_schema


def test_receipts_are_part_of_a_signed_in_users_export(
    acme, subject_person, other_person, staff, django_capture_on_commit_callbacks
):
    person_populate(subject_person, acme)
    person_populate(other_person, acme)
    with in_schema(acme):
        mine = list(ConsentRecord.objects.filter(user__email=subject_person.email))
    assert mine
    with django_capture_on_commit_callbacks(execute=True):
        subject_request = request_through(
            email=subject_person.email, type=SubjectRequest.Type.PORTABILITY, actor=staff
        )
    export = subject_request.exports.get()
    with export_zip(export) as zf:
        receipts = json.loads(zf.read("acme/cookie_consent/receipts.json"))
        manifest = json.loads(zf.read("index.json"))
    assert [r["perfony:recordHash"] for r in receipts] == [r.record_hash for r in mine]
    for receipt in receipts:
        VALIDATOR.validate(receipt)
    consent = next(
        c
        for c in manifest["categories"]
        if c["category"] == "cookie_consent" and c["schema"] == "acme"
    )
    assert "acme/cookie_consent/receipts.json" in consent["files"]
