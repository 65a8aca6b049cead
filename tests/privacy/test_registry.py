import pytest
from django.apps import apps
from django.db import models

from privacy.registry import (
    KEEP,
    PERSONAL,
    PersonalModel,
    Row,
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
        retention="probe",
        scope="public",
        subject="email",
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
        retention="r",
        scope="public",
        subject="email",
        row=Row.RETAIN,
        fields={"id": KEEP, "email": PERSONAL, "phone": PERSONAL},
    )
    assert "no legal basis" in _entry_problems(entry, HalfClassified)[0]


def test_registry_covers_real_apps():
    assert apps.get_model("accounts.User")._meta.label_lower in registry.personal
