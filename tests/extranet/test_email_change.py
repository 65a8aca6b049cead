import base64

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from extranet import selectors, services
from security.models import SecurityEvent
from tests.factories import UserFactory
from tests.support.http import host_client, login_as
from tests.support.tenants import in_schema


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
    with in_schema(acme):
        EmailAddress.objects.create(
            user=acme_member, email="ben@acme.example", primary=True, verified=True
        )
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


# --- Issue 11: verified identity ---------------------------------------------------------------

SAME_PK = 900_002  # bob (acme) and daan (globex) share a user id, as in the demo (both id 2)


def _link_token(message) -> str:
    return _link_path(message).rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def bob(acme):
    with in_schema(acme):
        # As seeded before this fix: an account whose address nobody proved, and no row for it.
        return UserFactory(pk=SAME_PK, username="bob", email="bob@acme.example")


@pytest.fixture
def daan(globex):
    with in_schema(globex):
        daan = UserFactory(pk=SAME_PK, username="daan", email="daan@globex.example")
        EmailAddress.objects.create(user=daan, email=daan.email, primary=True, verified=True)
        return daan


def test_takeover_of_another_extranets_account_fails_step_by_step(
    acme, globex, bob, daan, django_capture_on_commit_callbacks
):
    """Issue 11, hole 1: bob (acme, id 2) tries to take over daan (globex, id 2)."""
    bob_client = login_as(host_client("acme.iperfony.localhost"), acme, bob)
    # 1. allauth's address management: remove his address, add daan's, make it primary.
    bob_client.post("/accounts/email/", {"action_remove": "", "email": "bob@acme.example"})
    bob_client.post("/accounts/email/", {"action_add": "", "email": daan.email})
    bob_client.post("/accounts/email/", {"action_primary": "", "email": daan.email})
    with in_schema(acme):
        assert User.objects.get(pk=bob.pk).email == "bob@acme.example"
        assert not EmailAddress.objects.filter(email__iexact=daan.email).exists()
    # 2. Even with daan's address on bob's account (say, typed by staff), a link bob asks for
    #    at acme does nothing for daan at globex.
    with in_schema(acme):
        User.objects.filter(pk=bob.pk).update(email=daan.email)
    with django_capture_on_commit_callbacks(execute=True):
        bob_client.post("/preferences/email/", {"email": "attacker@evil.example"})
    link = mail.outbox[-1]
    assert link.to == ["attacker@evil.example"]
    daan_client = login_as(host_client("globex.iperfony.localhost"), globex, daan)
    page = daan_client.get(_link_path(link), follow=True)
    assert "attacker@evil.example" not in page.content.decode()
    assert "invalid or has already been used" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        daan_client.post(_link_path(link))
    with in_schema(globex):
        assert User.objects.get(pk=daan.pk).email == "daan@globex.example"
        assert EmailAddress.objects.get(user=daan).email == "daan@globex.example"
        assert not SecurityEvent.objects.filter(kind="email_changed").exists()


def test_the_link_is_bound_to_its_extranet(
    acme, globex, acme_member, django_capture_on_commit_callbacks
):
    with in_schema(acme):
        with django_capture_on_commit_callbacks(execute=True):
            services.email_change_request(
                user=acme_member, new_email="b2@acme.example", extranet=acme
            )
        token = _link_token(mail.outbox[-1])
        user = User.objects.get(pk=acme_member.pk)
        with pytest.raises(ValidationError):
            selectors.email_change_read(user=user, token=token, schema_name="ext_globex")
        with pytest.raises(ValidationError):
            services.email_change_confirm(user=user, token=token, extranet=globex)
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"
        change = selectors.email_change_read(user=user, token=token, schema_name="ext_acme")
    assert (change.old_email, change.new_email) == ("ben@acme.example", "b2@acme.example")
    # Whoever reads the mail (a mistyped address) learns nothing of the account.
    readable = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b"ben@acme.example" not in readable and b"ext_acme" not in readable


def test_confirm_page_shows_the_old_and_the_new_address(
    acme, acme_member_client, acme_member, django_capture_on_commit_callbacks
):
    _request_change(acme_member_client, "ben.new@acme.example", django_capture_on_commit_callbacks)
    page = acme_member_client.get(_link_path(mail.outbox[-1])).content.decode()
    assert "ben@acme.example" in page and "ben.new@acme.example" in page
    assert '<button type="submit"' in page


def test_each_link_works_once_even_when_the_old_address_comes_back(
    acme, acme_member_client, acme_member, django_capture_on_commit_callbacks
):
    """A->B then B->A: the first link names the old address A again, but its nonce is spent."""
    capture = django_capture_on_commit_callbacks
    _request_change(acme_member_client, "ben.b@acme.example", capture)
    first = _link_path(mail.outbox[-1])
    with capture(execute=True):
        acme_member_client.post(first)
    _request_change(acme_member_client, "ben@acme.example", capture)
    with capture(execute=True):
        acme_member_client.post(_link_path(mail.outbox[-1]))
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"
    response = acme_member_client.post(first, follow=True)
    assert "invalid or has already been used" in response.content.decode()
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"


def test_a_newer_request_kills_the_older_link(
    acme, acme_member_client, acme_member, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _request_change(acme_member_client, "one@acme.example", capture)
    older = _link_path(mail.outbox[-1])
    _request_change(acme_member_client, "two@acme.example", capture)
    newer = _link_path(mail.outbox[-1])
    acme_member_client.post(older)
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"
    with capture(execute=True):
        acme_member_client.post(newer)
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "two@acme.example"


def test_confirmed_address_is_the_only_one_and_verified(
    acme, acme_member_client, acme_member, django_capture_on_commit_callbacks
):
    with in_schema(acme):
        EmailAddress.objects.create(user=acme_member, email="ben@acme.example", primary=True)
    _request_change(acme_member_client, "ben.new@acme.example", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        acme_member_client.post(_link_path(mail.outbox[-1]))
    with in_schema(acme):
        rows = list(EmailAddress.objects.filter(user=acme_member).values_list("email", "verified"))
    assert rows == [("ben.new@acme.example", True)]


def test_two_members_of_one_extranet_cannot_share_an_address(acme, acme_member, acme_admin):
    """The database refuses it, whatever the case, verified or not."""
    with in_schema(acme):
        EmailAddress.objects.create(user=acme_member, email="ben@acme.example", primary=True)
        with pytest.raises(IntegrityError), transaction.atomic():
            EmailAddress.objects.create(user=acme_admin, email="BEN@acme.example", primary=True)


def test_address_taken_meanwhile_gives_a_clear_message_not_a_500(
    acme, acme_member_client, acme_member, acme_admin, django_capture_on_commit_callbacks
):
    _request_change(acme_member_client, "shared@acme.example", django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[-1])
    with in_schema(acme):
        EmailAddress.objects.create(user=acme_admin, email="shared@acme.example")
    response = acme_member_client.post(path, follow=True)
    assert response.status_code == 200
    assert "Another member of this extranet already uses this address." in (
        response.content.decode()
    )
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"
    # ...and the form refuses it up front too, held as a row or as a login.
    response = _request_change(
        acme_member_client, "SHARED@acme.example", django_capture_on_commit_callbacks
    )
    assert response.status_code == 400


def test_allauth_address_pages_are_not_served(acme, acme_member_client, acme_member):
    response = acme_member_client.get("/accounts/email/")
    assert response.status_code == 302 and response.url == "/preferences/"
    for path in ("/accounts/confirm-email/", "/accounts/confirm-email/MQ:abc:def/"):
        assert acme_member_client.get(path).status_code == 404
        assert acme_member_client.post(path).status_code == 404
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).email == "ben@acme.example"
        assert not EmailAddress.objects.filter(user=acme_member).exists()


@pytest.mark.parametrize(
    ("language", "old_label", "new_label"),
    [("nl", "Huidig adres", "Nieuw adres"), ("fr", "Adresse actuelle", "Nouvelle adresse")],
)
def test_confirm_page_is_translated(
    acme,
    acme_member_client,
    acme_member,
    django_capture_on_commit_callbacks,
    language,
    old_label,
    new_label,
):
    _request_change(acme_member_client, "ben.new@acme.example", django_capture_on_commit_callbacks)
    page = acme_member_client.get(
        _link_path(mail.outbox[-1]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert old_label in page and new_label in page and "ben.new@acme.example" in page


def test_an_unverified_address_is_proved_by_a_link_to_itself(
    acme, acme_member_client, acme_member, django_capture_on_commit_callbacks
):
    page = acme_member_client.get("/preferences/").content.decode()
    assert "This address is not verified yet." in page
    _request_change(acme_member_client, "BEN@acme.example", django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["ben@acme.example"]
    path = _link_path(mail.outbox[-1])
    assert "Confirm your email address" in acme_member_client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        acme_member_client.post(path)
    assert len(mail.outbox) == 1, "no 'your address was changed' notice: nothing moved"
    with in_schema(acme):
        assert EmailAddress.objects.get(user=acme_member).verified
        assert not SecurityEvent.objects.filter(kind="email_changed").exists()
    page = acme_member_client.get("/preferences/").content.decode()
    assert "This address is not verified yet." not in page
    assert "You proved that it is yours." in page
