from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from legal import services, tasks
from legal.models import PolicyNoticeDelivery, PolicyVersion
from legal.selectors import earliest_effective_date, policy_current, policy_upcoming
from legal.services import policy_effective_date_validate, policy_version_publish
from tests.factories import UserFactory
from tests.support.tenants import in_schema

PARIS_NOON = "T12:00:00+01:00"


def draft(kind="privacy", version="2027.1", effective_at=date(2027, 6, 1), change="material"):
    return PolicyVersion.objects.create(
        kind=kind,
        version=version,
        text_en="## 1. Intro\n\nNew English text.",
        text_nl="## 1. Inleiding\n\nNieuwe Nederlandse tekst.",
        text_fr="## 1. Introduction\n\nNouveau texte français.",
        change=change,
        effective_at=effective_at,
    )


def test_thirty_working_days_skip_weekends_and_french_holidays():
    # Published Friday 18 Dec 2026: Christmas and New Year's Day do not count.
    assert earliest_effective_date(published_on=date(2026, 12, 18)) == date(2027, 2, 2)
    # Published Wed 1 Apr 2026: Easter Monday, 1 May, 8 May and Ascension (14 May) skipped.
    assert earliest_effective_date(published_on=date(2026, 4, 1)) == date(2026, 5, 19)


def test_a_material_version_effective_too_early_is_refused_with_a_clear_error():
    with pytest.raises(ValidationError) as error:
        policy_effective_date_validate(
            change="material", effective_at=date(2027, 2, 1), published_on=date(2026, 12, 18)
        )
    message = " ".join(error.value.message_dict["effective_at"])
    assert "30 French working days" in message
    assert "2 February 2027" in message
    policy_effective_date_validate(
        change="material", effective_at=date(2027, 2, 2), published_on=date(2026, 12, 18)
    )


def test_a_minor_version_may_apply_at_once_but_not_before_publication():
    policy_effective_date_validate(
        change="minor", effective_at=date(2026, 12, 18), published_on=date(2026, 12, 18)
    )
    with pytest.raises(ValidationError):
        policy_effective_date_validate(
            change="minor", effective_at=date(2026, 12, 17), published_on=date(2026, 12, 18)
        )


def test_seeded_versions_are_current(db):
    assert policy_current(kind="privacy").version == "2026.1"
    assert policy_current(kind="cookies").version == "2026.1"
    assert policy_upcoming(kind="privacy") is None


@time_machine.travel(datetime.fromisoformat("2026-12-18" + PARIS_NOON))
def test_publishing_too_early_is_refused_and_nothing_is_published(db):
    policy = draft(effective_at=date(2027, 1, 29))
    with pytest.raises(ValidationError):
        policy_version_publish(policy=policy, actor="staff")
    policy.refresh_from_db()
    assert policy.published_at is None
    assert policy_upcoming(kind="privacy") is None
    assert not mail.outbox


@time_machine.travel(datetime.fromisoformat("2026-12-18" + PARIS_NOON))
def test_publication_announces_and_emails_every_extranet_user(
    acme, globex, public_client, acme_client, django_capture_on_commit_callbacks
):
    with in_schema(acme):
        UserFactory(email="dana@acme.example")
    with in_schema(globex):
        UserFactory(email="erin@globex.example")
    policy = draft(effective_at=date(2027, 2, 2))
    with django_capture_on_commit_callbacks(execute=True):
        policy_version_publish(policy=policy, actor="staff")
    recipients = {m.to[0] for m in mail.outbox}
    assert {"dana@acme.example", "erin@globex.example", "alice@acme.example"} <= recipients
    assert "carol@globex.example" in recipients
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees another's address
    assert "Our privacy policy changes on 2 February 2027" in mail.outbox[0].body
    assert "Notre politique de confidentialité change le 2 février 2027" in mail.outbox[0].body
    for client, path in ((public_client, "/"), (acme_client, "/accounts/login/")):
        html = client.get(path).content.decode()
        assert "Our privacy policy changes on 2 February 2027." in html
    page = public_client.get("/privacy/").content.decode()
    assert "Current version 2026.1" in page and "New version 2027.1" in page
    assert "New English text." in page
    assert page.count('<h3 class="policy-section">1.') == 2  # both versions, side by side
    assert policy_current(kind="privacy").version == "2026.1"


def test_new_version_becomes_current_on_its_date_by_itself(db):
    today = timezone.localdate()
    policy = draft(effective_at=today + timedelta(days=40), change="minor")
    PolicyVersion.objects.filter(pk=policy.pk).update(published_at=timezone.now())
    assert policy_current(kind="privacy").version == "2026.1"
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        assert policy_current(kind="privacy").version == "2027.1"
        assert policy_upcoming(kind="privacy") is None


def test_drafts_are_never_shown(public_client):
    draft(effective_at=timezone.localdate())
    assert policy_current(kind="privacy").version == "2026.1"
    assert "New English text." not in public_client.get("/privacy/").content.decode()


def test_emails_go_in_batches_resume_and_are_never_sent_twice(
    acme, globex, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "POLICY_NOTICE_BATCH_SIZE", 2)
    with in_schema(acme):
        for n in range(3):
            UserFactory(email=f"batch{n}@acme.example")
        expected = 4  # alice + the three above
    policy = draft()
    PolicyVersion.objects.filter(pk=policy.pk).update(published_at=timezone.now())
    with in_schema(acme), django_capture_on_commit_callbacks(execute=True):
        tasks.policy_change_notify_tenant(policy.pk)
    sent = [m.to[0] for m in mail.outbox]
    assert len(sent) == expected == len(set(sent))
    with in_schema(acme):
        tasks.policy_change_notify_tenant(policy.pk)  # a repeated task sends nothing more
    assert len(mail.outbox) == expected
    delivery = PolicyNoticeDelivery.objects.get(policy=policy, schema_name="ext_acme")
    assert delivery.sent == expected and delivery.finished_at is not None


def test_erased_and_inactive_users_get_no_email(acme):
    with in_schema(acme):
        UserFactory(email="gone@acme.example", is_active=False)
        UserFactory(username="former-user-99", email="former@erased.invalid")
    policy = draft()
    PolicyVersion.objects.filter(pk=policy.pk).update(published_at=timezone.now())
    with in_schema(acme):
        tasks.policy_change_notify_tenant(policy.pk)
    sent = {m.to[0] for m in mail.outbox}
    assert "gone@acme.example" not in sent and "former@erased.invalid" not in sent


def test_admin_refuses_a_material_version_too_early_with_a_field_error(public_client):
    from accounts.models import User

    staff = User.objects.create_superuser("policy-staff", "ps@perfony.test", "x")
    public_client.force_login(staff)
    today = timezone.localdate()
    response = public_client.post(
        "/admin/legal/policyversion/add/",
        {
            "kind": "privacy",
            "version": "2099.1",
            "change": "material",
            "effective_at": (today + timedelta(days=10)).isoformat(),
            "text_nl": "nl",
            "text_fr": "fr",
            "text_en": "en",
        },
    )
    assert response.status_code == 200
    assert "30 French working days" in response.content.decode()
    assert not PolicyVersion.objects.filter(version="2099.1").exists()


def test_admin_publish_action_publishes_a_valid_draft(public_client):
    from accounts.models import User

    staff = User.objects.create_superuser("policy-staff2", "ps2@perfony.test", "x")
    public_client.force_login(staff)
    policy = draft(effective_at=earliest_effective_date(published_on=timezone.localdate()))
    response = public_client.post(
        "/admin/legal/policyversion/",
        {"action": "publish", "_selected_action": [policy.pk]},
        follow=True,
    )
    assert response.status_code == 200
    policy.refresh_from_db()
    assert policy.published_at is not None
    assert policy_upcoming(kind="privacy") == policy


def test_staff_who_may_only_view_policies_cannot_publish_one(public_client):
    from django.contrib.auth.models import Permission

    from accounts.models import User

    staff = User.objects.create_user("policy-viewer", "pv@perfony.test", "x", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_policyversion"))
    public_client.force_login(staff)
    policy = draft(effective_at=earliest_effective_date(published_on=timezone.localdate()))
    public_client.post(
        "/admin/legal/policyversion/", {"action": "publish", "_selected_action": [policy.pk]}
    )
    policy.refresh_from_db()
    assert policy.published_at is None
    assert mail.outbox == []
