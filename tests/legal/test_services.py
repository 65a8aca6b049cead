"""The policy-change notice (legal.services): fan-out, batches, and a mail server that fails."""

import smtplib
from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from core.models import OutboxMessage
from legal import services, tasks
from legal.models import PolicyNoticeDelivery, PolicyVersion
from tests.core.flaky_mail import FlakyMailBackend, flaky_mail
from tests.factories import UserFactory
from tests.support.tenants import in_schema


def published(version="2027.1"):
    return PolicyVersion.objects.create(
        kind="privacy",
        version=version,
        text_en="en",
        text_nl="nl",
        text_fr="fr",
        change="minor",
        effective_at=date(2027, 6, 1),
        published_at=timezone.now(),
    )


def test_the_fan_out_queues_one_notice_task_in_each_extranet(acme, globex):
    policy = published()
    assert services.policy_change_notify_extranets(policy_id=policy.pk) == 2
    queued = OutboxMessage.objects.filter(task_name=services.POLICY_CHANGE_NOTIFY_TENANT_TASK)
    assert sorted(queued.values_list("schema_name", flat=True)) == ["ext_acme", "ext_globex"]
    assert all(message.args == [policy.pk] for message in queued)


def test_the_tasks_are_registered_under_the_names_the_services_queue():
    from perfony.celery import app

    fan_out = app.tasks[services.POLICY_CHANGE_NOTIFY_TASK]
    assert fan_out.run is tasks.policy_change_notify.run
    per_extranet = app.tasks[services.POLICY_CHANGE_NOTIFY_TENANT_TASK]
    assert per_extranet.run is tasks.policy_change_notify_tenant.run


def test_a_failed_send_keeps_the_progress_before_it_and_raises(acme, settings):
    with in_schema(acme):
        for n in range(3):
            UserFactory(email=f"flaky{n}@acme.example")
    policy = published()
    flaky_mail(settings, fail_at={3})
    with in_schema(acme), pytest.raises(smtplib.SMTPServerDisconnected):
        services.policy_change_notify_batch(policy_id=policy.pk)
    delivery = PolicyNoticeDelivery.objects.get(policy=policy, schema_name="ext_acme")
    assert delivery.sent == len(mail.outbox) == 2
    assert delivery.finished_at is None
    with in_schema(acme):
        assert services.policy_change_notify_batch(policy_id=policy.pk) == 2  # the other two
    sent = [m.to[0] for m in mail.outbox]
    assert len(sent) == 4 == len(set(sent))


def test_the_task_retries_a_mail_server_outage_and_emails_nobody_twice(acme, settings):
    with in_schema(acme):
        for n in range(3):
            UserFactory(email=f"retry{n}@acme.example")
    policy = published()
    flaky_mail(settings, fail_at={2})
    with in_schema(acme):
        # Eager, without propagating the first failure: Celery runs the retry at once.
        result = tasks.policy_change_notify_tenant.apply(args=[policy.pk], throw=False)
    assert result.successful()
    assert FlakyMailBackend.attempts == 5  # four users, one send failed and was retried
    sent = [m.to[0] for m in mail.outbox]
    assert len(sent) == 4 == len(set(sent))
    delivery = PolicyNoticeDelivery.objects.get(policy=policy, schema_name="ext_acme")
    assert delivery.sent == 4 and delivery.finished_at is not None


def test_a_refused_recipient_is_not_retried(acme, settings):
    policy = published()
    flaky_mail(settings, fail_at={1}, error=smtplib.SMTPRecipientsRefused)
    with in_schema(acme):
        result = tasks.policy_change_notify_tenant.apply(args=[policy.pk], throw=False)
    assert result.failed() and isinstance(result.result, smtplib.SMTPRecipientsRefused)
    assert FlakyMailBackend.attempts == 1
