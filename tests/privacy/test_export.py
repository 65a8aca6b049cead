import datetime
import json

import time_machine
from django.utils import timezone

from privacy.models import DataExport, SubjectRequest
from privacy.registry import registry
from privacy.services import exports_purge_expired
from tests.privacy.samples import builders_discover
from tests.support.privacy import export_zip, person_populate, request_through


def _export_for(person, staff, capture):
    with capture(execute=True):
        subject_request = request_through(
            email=person.email, type=SubjectRequest.Type.PORTABILITY, actor=staff
        )
    subject_request.refresh_from_db()
    assert subject_request.status == SubjectRequest.Status.COMPLETED
    return subject_request.exports.get()


def test_export_contains_every_registered_category(
    acme, globex, subject_person, other_person, staff, django_capture_on_commit_callbacks
):
    """The subject in public, in two extranets, in the admin log, with avatar and CV."""
    person_populate(subject_person, acme, globex)
    person_populate(other_person, acme, globex)
    export = _export_for(subject_person, staff, django_capture_on_commit_callbacks)
    builders = builders_discover()
    with export_zip(export) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("index.json"))
        assert manifest["subject"]["email"] == subject_person.email
        assert {c["category"] for c in manifest["categories"]} == set(registry.categories())
        for cat in manifest["categories"]:
            if cat["rows"]:
                assert {cat["json"], cat["csv"]} <= names
            else:
                folder = f"{cat['schema']}/{cat['category']}"
                assert cat["json"] is None and not [n for n in names if n.startswith(folder)]
            assert cat["source"]
            for model in cat["models"]:
                keys = ("purpose", "legal_basis", "recipients", "retention", "sources")
                assert all(model[k] for k in keys), model
        rows = {}
        for cat in manifest["categories"]:
            rows[cat["category"]] = rows.get(cat["category"], 0) + cat["rows"]
        for entry in registry.entries():
            if builders[entry.model.lower()].subject_rows:
                assert rows[entry.category] > 0, entry.category
        profile = json.loads(zf.read("acme/profile.json"))["accounts.User"]
        assert profile[0]["email"] == subject_person.email
        assert "password" not in profile[0]
        assert "password" not in zf.read("acme/profile.csv").decode().splitlines()[0]
        everything = b"".join(zf.read(n) for n in names)
        assert other_person.email.encode() not in everything
        assert any("/files/" in n for n in names), "registered files are exported"
        schemas = {c["schema"] for c in manifest["categories"]}
        assert schemas == {"public", "acme", "globex"}
        for place in ("acme", "globex"):
            avatar = [n for n in names if n.startswith(f"{place}/profile/files/")]
            assert avatar and subject_person.email.encode() in zf.read(avatar[0])
        assert any(n.startswith("public/job_applications/files/") for n in names)
        log = json.loads(zf.read("public/staff_admin_log.json"))["admin.LogEntry"]
        assert len(log) == 2 and any(subject_person.email in e["object_repr"] for e in log)


def test_export_download_link_is_emailed_and_expires(
    db, staff, public_client, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.privacy.samples import Person

    person = Person("A", "B", "visitor@example.org", "", "visitor")
    export = _export_for(person, staff, django_capture_on_commit_callbacks)
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/dpo/export/" in line)
    path = link.split("perfony.localhost", 1)[1]
    response = public_client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert public_client.get(path).status_code == 404
        assert exports_purge_expired() == 1
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert not export.file.storage.exists(export.file.name)


def test_tampered_download_link_fails(db, public_client):
    assert public_client.get("/dpo/export/not-a-token/").status_code == 404


def test_export_holds_no_session_or_confirmation_secrets(
    acme, subject_person, staff, django_capture_on_commit_callbacks
):
    """A session key signs its holder in, a confirmation key changes an address: neither may
    travel in a ZIP sent by email link (nor show on the staff's subject-data page)."""
    from allauth.account.models import EmailConfirmation
    from django.contrib.sessions.models import Session

    from tests.support.tenants import in_schema

    person_populate(subject_person, acme)
    with in_schema(acme):
        secrets = [s.session_key for s in Session.objects.all()]
        secrets += [c.key for c in EmailConfirmation.objects.all()]
    assert secrets
    export = _export_for(subject_person, staff, django_capture_on_commit_callbacks)
    with export_zip(export) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
    for secret in secrets:
        assert secret.encode() not in everything
