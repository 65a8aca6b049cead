"""The subject of the erasure proof, and the check itself (shared by the proof and by the
mutation tests, which show that each known way of leaving data behind makes it fail)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps

from privacy.models import SubjectLegalHold, SubjectRequest
from tests.privacy.proof import file_hits, files_snapshot, table_hits
from tests.support.privacy import person_populate, request_through

ERASURE = SubjectRequest.Type.ERASURE
SCHEMAS = ("public", "ext_acme", "ext_globex")


@dataclass
class Erased:
    request: SubjectRequest
    person: object
    files_before: set[Path]

    @property
    def report(self) -> list[dict]:
        return self.request.outcome["report"]

    def retained_tables(self) -> set[str]:
        return {
            apps.get_model(line["model"])._meta.db_table
            for line in self.report
            if line["outcome"] == "retained"
        }


def erase_everywhere(*, person, other, acme, globex, staff, capture) -> Erased:
    """The subject in public, in two extranets (an account in each, with an avatar and
    security-log entries), in the admin log and with a CV; another person beside them."""
    before = files_snapshot()
    person_populate(person, acme, globex)
    person_populate(other, acme, globex)
    with capture(execute=True):
        subject_request = request_through(email=person.email, type=ERASURE, actor=staff)
    subject_request.refresh_from_db()
    return Erased(subject_request, person, before)


def assert_nothing_left(erased: Erased) -> None:
    """The subject's email, names, phone, username and IP are found only in tables the report
    lists as retained (each with its legal basis), and in no file; no released hold remains."""
    assert erased.request.status == SubjectRequest.Status.COMPLETED
    retained = erased.retained_tables()
    for line in erased.report:
        if line["outcome"] == "retained":
            assert line["basis"] and line["until"], line
    needles = erased.person.needles
    for schema in SCHEMAS:
        found = set(table_hits(schema, needles))
        assert found <= retained, f"{schema}: {sorted(found - retained)} still hold the subject"
    left = file_hits(needles, before=erased.files_before)
    assert not left, f"files still name the subject: {[str(p) for p in left]}"
    for name in erased.person.extra.get("files", []):
        assert not Path(name).exists(), f"{name}: the subject's file is still on disk"
    # A released hold is over: nothing justifies keeping the address it names.
    held = SubjectLegalHold.objects.filter(email__iexact=erased.person.email)
    assert not held.exists(), "a released hold still names the subject"
