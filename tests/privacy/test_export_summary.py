"""The ZIP opens with summary.html, a page a person can read in their language; a category
with no data is listed there and ships no file."""

import html
import json
import re

import pytest

from privacy.models import SubjectRequest
from tests.privacy.test_report_language import _assert_all_in
from tests.prospects.factories import ProspectFactory
from tests.support.privacy import export_zip, request_through

FILE_NAME = re.compile(r"[\w/.-]+\.(json|csv)")


def _export(email, staff, capture, language="en"):
    ProspectFactory(email=email, name="Sam Summary")
    with capture(execute=True):
        subject_request = request_through(
            email=email, type=SubjectRequest.Type.ACCESS, actor=staff, language=language
        )
    return subject_request.exports.get()


def test_summary_first_no_empty_file_and_empty_categories_listed(
    db, staff, django_capture_on_commit_callbacks
):
    export = _export("sam@example.org", staff, django_capture_on_commit_callbacks)
    with export_zip(export) as zf:
        names = zf.namelist()
        assert names[0] == "summary.html"
        summary = zf.read("summary.html").decode()
        manifest = json.loads(zf.read("index.json"))
        for info in zf.infolist():
            assert info.file_size > 0, info.filename
        for name in names:
            if name.endswith(".json") and name != "index.json":
                rows = json.loads(zf.read(name))
                assert any(rows.values()), f"{name} holds no row"
            if name.endswith(".csv"):
                assert len(zf.read(name).decode().splitlines()) > 1, f"{name} holds no row"
    held = [c for c in manifest["categories"] if c["rows"]]
    empty = [c for c in manifest["categories"] if not c["rows"]]
    assert held and empty
    for category in held:
        assert f'href="{category["json"]}"' in summary and f'href="{category["csv"]}"' in summary
        assert category["json"] in names
    hold_nothing = summary.split("What we hold nothing of")[1]
    applications = next(c for c in empty if c["category"] == "job_applications")
    assert applications["models"][0]["description"] in hold_nothing
    prospect = next(c for c in held if c["category"] == "prospect")["models"][0]
    before = summary.split("What we hold nothing of")[0]
    for key in ("description", "purpose", "legal_basis", "retention"):
        assert prospect[key] in before, key
    assert "Partners of joint offers" in before  # shared with whom
    assert "Sam Summary" not in summary  # the data is in the files, not in the page


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_summary_is_in_the_requesters_language(
    db, staff, language, django_capture_on_commit_callbacks
):
    export = _export("sam@example.org", staff, django_capture_on_commit_callbacks, language)
    with export_zip(export) as zf:
        summary = zf.read("summary.html").decode()
    assert f'<html lang="{language}">' in summary
    text = html.unescape(re.sub(r"<[^>]+>", " ", summary.split("<body>")[1]))
    text = FILE_NAME.sub("", text).replace("sam@example.org", "")
    _assert_all_in(language, text)
