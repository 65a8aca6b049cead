"""The erasure report and every request email are entirely in the requester's language, with
what a person reads (the declarations' descriptions), never model labels or category keys."""

import re
from pathlib import Path

import polib
import pytest

from privacy import services
from privacy.registry import registry
from tests.support.privacy import person_populate, request_through

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(
    r"\b(the|and|until|deleted|kept|retained|anonymised|records?|years?|Why|How long|your)\b"
)


def _english_msgids(language: str) -> list[str]:
    """Every source text (two words or more) our catalogs translate into `language`."""
    found = set()
    for path in [*ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po")]:
        for entry in polib.pofile(str(path)):
            if entry.msgstr and entry.msgstr != entry.msgid and " " in entry.msgid.strip():
                found.add(entry.msgid.split("%(")[0].strip())
    return sorted(m for m in found if len(m) > 8)


def _assert_all_in(language: str, text: str) -> None:
    leftovers = [m for m in _english_msgids(language) if m in text]
    assert leftovers == [], leftovers
    assert ENGLISH.findall(text) == [], ENGLISH.findall(text)
    for entry in registry.entries():
        assert entry.model not in text
        if "_" in entry.category:
            assert entry.category not in text
    assert "&#x27;" not in text and "&quot;" not in text


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_erasure_report_is_all_in_the_requesters_language(
    acme, subject_person, staff, mailoutbox, language, django_capture_on_commit_callbacks
):
    person_populate(subject_person, acme)
    with django_capture_on_commit_callbacks(execute=True):
        request_through(email=subject_person.email, type="erasure", actor=staff, language=language)
    to_them = [m for m in mailoutbox if m.to == [subject_person.email]]
    assert [m for m in to_them if "CNIL" in m.body and "Perfony ·" in m.body], "no report"
    for mail in to_them:
        _assert_all_in(language, mail.subject + "\n" + mail.body.split("http")[0])
        _assert_all_in(language, re.sub(r"https?://\S+", "", mail.body))


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_other_request_email_is_in_the_requesters_language(
    db, staff, mailoutbox, language, django_capture_on_commit_callbacks
):
    email = "lang@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        request_through(email=email, type="access", actor=staff, language=language)
    second = services.request_file_public(type="question", email=email, language=language)
    services.request_verify(subject_request=second, actor=staff)
    services.request_extend(subject_request=second, actor=staff, months=1, reason="x")
    services.request_reject(subject_request=second, actor=staff, reason="x")
    third = services.request_file_public(type="erasure", email=email, language=language)
    services.request_cancel(subject_request=third, actor="requester")
    kinds = {m.subject for m in mailoutbox if m.to == [email]}
    assert len(kinds) >= 6, kinds
    for mail in mailoutbox:
        if mail.to == [email]:
            _assert_all_in(language, mail.subject + "\n" + re.sub(r"https?://\S+", "", mail.body))
