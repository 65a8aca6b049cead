import pytest
from django.apps import apps
from django.db import models

from privacy.registry import (
    CONSENT,
    KEEP,
    PERSONAL,
    LegalBasis,
    PersonalModel,
    Row,
    Scope,
    by_email,
    register,
    registry,
    registry_problems,
)


def test_every_installed_model_and_field_is_classified():
    assert registry_problems() == []


class Unclassified(models.Model):
    nickname = models.CharField(max_length=20)

    class Meta:
        app_label = "privacy_registry_probe"


class HalfClassified(models.Model):
    email = models.EmailField()
    phone = models.CharField(max_length=20)

    class Meta:
        app_label = "privacy_registry_probe"


@pytest.fixture
def probe_entry():
    entry = PersonalModel(
        model="privacy_registry_probe.HalfClassified",
        category="probe",
        description="probe",
        purpose="probe",
        legal_basis=CONSENT,
        scope=Scope.PUBLIC,
        subject=by_email("email"),
        fields={"id": KEEP, "email": PERSONAL},
    )
    register(entry)
    yield entry
    registry.personal.pop(entry.model.lower())


def test_an_unregistered_model_fails_the_check():
    assert registry_problems([Unclassified]) == [
        "privacy_registry_probe.Unclassified: not in the personal-data registry"
    ]


def test_an_unclassified_field_fails_the_check(probe_entry):
    assert registry_problems([HalfClassified]) == [
        "privacy_registry_probe.HalfClassified.phone: field not classified"
    ]


def test_a_retained_row_needs_a_legal_basis():
    from privacy.registry import _entry_problems

    entry = PersonalModel(
        model="x.y",
        category="c",
        description="d",
        purpose="p",
        legal_basis=CONSENT,
        scope=Scope.PUBLIC,
        subject=by_email("email"),
        row=Row.RETAIN,
        fields={"id": KEEP, "email": PERSONAL, "phone": PERSONAL},
    )
    assert "no legal basis" in _entry_problems(entry, HalfClassified)[0]


def test_registry_covers_real_apps():
    assert apps.get_model("accounts.User")._meta.label_lower in registry.personal


def _probe(**overrides) -> PersonalModel:
    values = {
        "model": "privacy_registry_probe.HalfClassified",
        "category": "probe",
        "description": "probe",
        "purpose": "probe",
        "legal_basis": CONSENT,
        "scope": Scope.PUBLIC,
        "subject": by_email("email"),
        "fields": {"id": KEEP, "email": PERSONAL, "phone": PERSONAL},
    }
    return PersonalModel(**{**values, **overrides})


def test_a_legitimate_interest_must_be_named():
    from privacy.registry import _entry_problems

    problems = _entry_problems(_probe(legal_basis=LegalBasis("f")), HalfClassified)
    assert problems == [
        "privacy_registry_probe.HalfClassified: "
        "name the legitimate interest or the legal obligation"
    ]


def test_recipients_links_and_files_must_exist():
    from privacy.registry import _entry_problems

    entry = _probe(recipients=("hosting", "nsa"), subject=by_email("mail"), files=("cv",))
    assert _entry_problems(entry, HalfClassified) == [
        "privacy_registry_probe.HalfClassified: subject link 'mail' is not a field",
        "privacy_registry_probe.HalfClassified: unknown recipient 'nsa'",
        "privacy_registry_probe.HalfClassified.cv: files= names no such field",
    ]


def test_a_public_model_without_a_retention_rule_fails(monkeypatch):
    """Only models living in extranet schemas alone may leave it out (they go with it)."""
    from retention.policies import policy_problems

    monkeypatch.setitem(registry.personal, "privacy_registry_probe.halfclassified", _probe())
    problems = policy_problems()
    assert "privacy_registry_probe.HalfClassified: no retention rule" in " ".join(problems)
    tenant_only = _probe(scope=Scope.TENANT)
    monkeypatch.setitem(registry.personal, "privacy_registry_probe.halfclassified", tenant_only)
    assert policy_problems() == []


def test_one_subject_link_selects_invitations_by_address_or_accepting_user():
    from privacy.registry import Subject

    entry = registry.personal["extranet.invitation"]
    q = entry.subject_filter(Subject("A@example.org", 7, "ext_acme"))
    assert str(q) == str(models.Q(email__iexact="A@example.org") | models.Q(accepted_user=7))


def test_the_system_check_reports_a_period_override_that_names_no_rule(settings):
    from privacy.checks import registry_complete

    assert registry_complete() == []
    settings.RETENTION_PERIODS = {"prospect": {"years": 4}}  # a typo: the rule is "prospects"
    assert [w.msg for w in registry_complete()] == ["RETENTION_PERIODS: no policy 'prospect'"]
