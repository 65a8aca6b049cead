import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from privacy.selectors import email_is_suppressed
from privacy.services import suppression_add
from prospects import services
from prospects.models import NewsletterDelivery, NewsletterSubscription, OptInProof
from prospects.tasks import newsletter_issue_send
from tests.prospects.factories import IssueFactory, SubscriptionFactory
from tests.support.captcha import solved_captcha
from tests.support.http import PUBLIC_HOST

pytestmark = pytest.mark.django_db


def subscribe(client, email="nina@example.com", **extra):
    data = {"email": email, "name": "Nina", "consent": "on", **solved_captcha(), **extra}
    return client.post("/newsletter/", data, REMOTE_ADDR="192.0.2.10")


def link_in(message, part: str) -> str:
    return re.search(rf"https?://\S+({part}\S+/)", message.body).group(1)


def test_double_opt_in(public_client):
    assert subscribe(public_client).status_code == 302
    subscription = NewsletterSubscription.objects.get()
    assert subscription.confirmed_at is None
    proof = OptInProof.objects.get()
    assert proof.purpose == "newsletter" and proof.ip_truncated == "192.0.2.0/24"
    confirm = link_in(mail.outbox[0], "/newsletter/confirm/")
    assert public_client.get(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_unconfirmed_subscriber_receives_no_issue(public_client):
    subscribe(public_client)
    mail.outbox.clear()
    issue = IssueFactory()
    services.newsletter_issue_send_batch(issue_id=issue.pk)
    assert mail.outbox == []


def test_unchecked_box_subscribes_nobody(public_client):
    response = subscribe(public_client, consent="")
    assert response.status_code == 400
    assert "Tick the box to subscribe." in response.content.decode()
    assert not NewsletterSubscription.objects.exists()
    assert mail.outbox == []


def test_expired_confirmation_link_is_refused(public_client):
    with time_machine.travel("2026-02-01 09:00:00+00:00", tick=False):
        subscribe(public_client)
    confirm = link_in(mail.outbox[0], "/newsletter/confirm/")
    with time_machine.travel("2026-02-09 09:00:00+00:00", tick=False):
        assert public_client.get(confirm).status_code == 400
    assert NewsletterSubscription.objects.get().confirmed_at is None


def test_issue_goes_in_batches_only_to_confirmed_unsuppressed_subscribers(
    monkeypatch, django_capture_on_commit_callbacks
):
    confirmed = SubscriptionFactory.create_batch(5)
    SubscriptionFactory(confirmed_at=None)  # never confirmed
    gone = SubscriptionFactory()
    services.newsletter_unsubscribe(subscription=gone)
    objected = SubscriptionFactory()
    suppression_add(email=objected.prospect.email, reason="objection_prospecting")
    monkeypatch.setattr(services, "NEWSLETTER_BATCH_SIZE", 2)
    calls = []
    real = services.newsletter_issue_send_batch
    monkeypatch.setattr(
        services,
        "newsletter_issue_send_batch",
        lambda **kw: calls.append(kw) or real(issue_id=kw["issue_id"], batch_size=2),
    )
    issue = IssueFactory()
    # Each batch queues the next through the outbox, relayed when its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_issue_send.delay(issue.pk)
    assert len(calls) >= 3  # 6 candidates, 2 per batch
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(s.prospect.email for s in confirmed)
    assert objected.prospect.email not in recipients
    issue.refresh_from_db()
    assert issue.finished_at is not None


def test_every_issue_has_one_click_unsubscribe():
    subscription = SubscriptionFactory()
    issue = IssueFactory()
    services.newsletter_issue_send_batch(issue_id=issue.pk)
    message = mail.outbox[0]
    url = link_in(message, "/newsletter/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{url}>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # RFC 8058: the mail client POSTs, with no cookie and no CSRF token.
    client = Client(HTTP_HOST=PUBLIC_HOST, enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None  # opening the link alone does nothing
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert email_is_suppressed(email=subscription.prospect.email)
    mail.outbox.clear()
    services.newsletter_issue_send_batch(issue_id=IssueFactory().pk)
    assert mail.outbox == []


def test_sending_is_idempotent_and_resumable():
    SubscriptionFactory.create_batch(3)
    issue = IssueFactory()
    assert services.newsletter_issue_send_batch(issue_id=issue.pk, batch_size=2) is True
    assert len(mail.outbox) == 2
    assert services.newsletter_issue_send_batch(issue_id=issue.pk, batch_size=2) is False
    assert services.newsletter_issue_send_batch(issue_id=issue.pk, batch_size=2) is False
    assert len(mail.outbox) == 3
    assert NewsletterDelivery.objects.filter(issue=issue).count() == 3


def test_staff_send_an_issue_through_celery(staff_client, django_capture_on_commit_callbacks):
    SubscriptionFactory.create_batch(2)
    issue = IssueFactory()
    url = "/admin/prospects/newsletterissue/"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(url, {"action": "send_issue", "_selected_action": [issue.pk]})
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"action": "send_issue", "_selected_action": [issue.pk]})
    assert len(mail.outbox) == 2  # a second click does not send twice


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_newsletter_form_in_three_languages(public_client, language):
    response = public_client.get("/newsletter/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
