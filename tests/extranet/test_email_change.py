from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from security.models import SecurityEvent
from tests.conftest import in_schema


def _request_change(client, email, capture):
    with capture(execute=True):
        return client.post("/preferences/email/", {"email": email})


def _link_path(message) -> str:
    url = next(line for line in message.body.splitlines() if "/preferences/email/" in line)
    return url[url.index("/preferences/email/") :]


def test_email_changes_only_after_the_link_is_confirmed(
    acme, acme_member_client, acme_member, django_capture_on_commit_callbacks
):
    response = _request_change(
        acme_member_client, "ben.new@acme.example", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["ben.new@acme.example"]
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"
    path = _link_path(mail.outbox[-1])
    assert acme_member_client.get(path).status_code == 200  # a confirm button, no change on GET
    with django_capture_on_commit_callbacks(execute=True):
        assert acme_member_client.post(path).status_code == 302
    assert mail.outbox[-1].to == ["ben@acme.example"], "the old address is told"
    assert "ben.new@acme.example" in mail.outbox[-1].body
    with in_schema(acme):
        user = User.objects.get(pk=acme_member.pk)
        assert user.email == "ben.new@acme.example"
        assert EmailAddress.objects.get(user=user, primary=True).email == "ben.new@acme.example"
        assert SecurityEvent.objects.filter(user=user, kind="email_changed").count() == 1
    # one time: the same link does nothing the second time
    acme_member_client.post(path)
    with in_schema(acme):
        assert SecurityEvent.objects.filter(user=user, kind="email_changed").count() == 1


def test_tampered_link_changes_nothing(acme, acme_member_client, acme_member):
    response = acme_member_client.post("/preferences/email/garbage:token/", follow=True)
    assert "invalid or has expired" in response.content.decode()
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"


def test_invalid_or_taken_address_is_refused(
    acme, acme_member_client, acme_member, acme_admin, django_capture_on_commit_callbacks
):
    for email, message in [
        ("not-an-email", "Enter a valid email address."),
        ("ann@acme.example", "Another member of this extranet already uses this address."),
        ("BEN@acme.example", "This is already your email address."),
    ]:
        response = _request_change(acme_member_client, email, django_capture_on_commit_callbacks)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert mail.outbox == []


def test_allauth_email_page_cannot_add_an_unconfirmed_address(
    acme, acme_member_client, acme_member
):
    with in_schema(acme):
        EmailAddress.objects.create(
            user=acme_member, email="ben@acme.example", primary=True, verified=True
        )
    acme_member_client.post("/accounts/email/", {"action_add": "", "email": "sneaky@evil.example"})
    with in_schema(acme):
        assert not EmailAddress.objects.filter(email="sneaky@evil.example").exists()
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"
