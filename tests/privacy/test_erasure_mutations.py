"""Each way erasure has left (or could leave) personal data behind, and the proof that sees it.

Every test applies one mutation of the erasure, runs the full proof of
tests/privacy/erasure_proof.py on a subject present in public, in two extranets and in the
admin log, with an avatar, a CV and security-log entries, and requires the proof to fail.
If a change to the proof (or to the samples) stops it from seeing one of these, the
corresponding test fails. The unmutated run is test_erasure.py's main test.

Failed-login text is not a mutation here: the security log never stores what was typed as a
login (tests/security/test_security_log.py proves it), so there is nothing left to erase.
"""

from dataclasses import replace

import pytest

from privacy import erasure
from privacy.registry import KEEP, Retained, Row, registry
from tests.privacy.erasure_proof import assert_nothing_left, erase_everywhere


@pytest.fixture
def run_mutated(
    acme, globex, subject_person, other_person, staff, django_capture_on_commit_callbacks
):
    def run(seen_in: str):
        """The proof fails, and says where it saw the subject."""
        erased = erase_everywhere(
            person=subject_person,
            other=other_person,
            acme=acme,
            globex=globex,
            staff=staff,
            capture=django_capture_on_commit_callbacks,
        )
        with pytest.raises(AssertionError, match=seen_in):
            assert_nothing_left(erased)

    return run


def _mutate(monkeypatch, label: str, **changes) -> None:
    entry = registry.personal[label]
    monkeypatch.setitem(registry.personal, label, replace(entry, **changes))


def _keep_fields(monkeypatch, label: str, *names: str) -> None:
    entry = registry.personal[label]
    _mutate(monkeypatch, label, fields={**entry.fields, **dict.fromkeys(names, KEEP)})


def test_mutation_kept_names(monkeypatch, run_mutated):
    """The encrypted first and last names stay: only a decrypting scan can see them."""
    _keep_fields(monkeypatch, "accounts.user", "first_name", "last_name")
    run_mutated(r"ext_acme: \['accounts_user'\]")


def test_mutation_kept_phone(monkeypatch, run_mutated):
    _keep_fields(monkeypatch, "accounts.user", "phone")
    run_mutated(r"accounts_user")


def test_mutation_kept_security_log_ip(monkeypatch, run_mutated):
    """The IP is an inet column: a scan of text columns only never reads it."""
    _keep_fields(monkeypatch, "security.securityevent", "ip")
    run_mutated(r"security_securityevent")


def test_mutation_kept_avatar_file(monkeypatch, run_mutated):
    """The row forgets the avatar, the file stays on disk."""
    _mutate(monkeypatch, "accounts.user", files=())
    run_mutated(r"avatars")


def test_mutation_only_first_extranet_erased(monkeypatch, run_mutated):
    places = erasure.request_places
    monkeypatch.setattr(
        erasure,
        "request_places",
        lambda *, subject_request: places(subject_request=subject_request)[:2],
    )
    run_mutated(r"ext_globex")


def test_mutation_log_entry_object_repr_kept(monkeypatch, run_mutated):
    """admin.LogEntry.object_repr keeps an erased prospect's address."""
    _keep_fields(monkeypatch, "admin.logentry", "object_repr")
    run_mutated(r"django_admin_log")


def test_mutation_log_entries_not_looked_for(monkeypatch, run_mutated):
    _mutate(monkeypatch, "admin.logentry", subject_rows=lambda subject: _none_of("admin.LogEntry"))
    run_mutated(r"django_admin_log")


def test_mutation_released_hold_kept(monkeypatch, run_mutated):
    """A released hold reported as retained "until release", which already happened."""
    _mutate(
        monkeypatch, "privacy.subjectlegalhold", row=Row.RETAIN, retained=Retained(basis="hold")
    )
    run_mutated(r"released hold")


def test_mutation_kept_cv_file(monkeypatch, run_mutated):
    _mutate(monkeypatch, "careers.application", files=())
    run_mutated(r"careers/cv")


def test_mutation_kept_encrypted_address(monkeypatch, run_mutated):
    """The postal address is encrypted too; the proof reads it decrypted."""
    _keep_fields(monkeypatch, "accounts.user", "postal_address")
    run_mutated(r"accounts_user")


def _none_of(label: str):
    from django.apps import apps

    return apps.get_model(label)._base_manager.none()
