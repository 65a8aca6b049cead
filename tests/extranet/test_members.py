"""Members: invitations (one-time, 7 days), the member list, deactivation and the admin role."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from accounts.models import User
from extranet.models import Invitation
from tests.factories import PASSWORD, UserFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


def _invite(client, email, capture):
    with capture(execute=True):
        return client.post("/members/", {"email": email})


def _invitation_path(message) -> str:
    line = next(line for line in message.body.splitlines() if "/invitation/" in line)
    return line[line.index("/invitation/") :]


def _accept(client, path, username="newbie"):
    return client.post(
        path,
        {
            "username": username,
            "password1": "a-long-new-pass-42",
            "password2": "a-long-new-pass-42",
        },
    )


def test_member_list_shows_members_and_is_admin_only(
    acme, acme_admin_client, acme_member_client, acme_member
):
    body = acme_admin_client.get("/members/").content.decode()
    assert "Ben Stone" in body and "ben@acme.example" in body
    assert acme_member_client.get("/members/").status_code == 403


def test_invitation_creates_a_member_once(
    acme, acme_admin_client, acme_client, django_capture_on_commit_callbacks
):
    response = _invite(acme_admin_client, "new@acme.example", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["new@acme.example"]
    path = _invitation_path(message)
    with in_schema(acme):
        invitation = Invitation.objects.get(email="new@acme.example")
        assert path.split("/")[2] not in invitation.token_hash, "only a hash of the token is stored"
    assert acme_client.get(path).status_code == 200
    assert _accept(acme_client, path).status_code == 302
    with in_schema(acme):
        user = User.objects.get(username="newbie")
        assert user.email == "new@acme.example" and not user.is_extranet_admin
    assert (
        acme_client.post(
            "/accounts/login/", {"login": "newbie", "password": "a-long-new-pass-42"}
        ).status_code
        == 302
    )
    # one-time: the link is dead now
    fresh = acme_client.__class__(HTTP_HOST="acme.iperfony.localhost")
    assert fresh.get(path).status_code == 404
    assert _accept(fresh, path, username="other").status_code == 404
    with in_schema(acme):
        assert not User.objects.filter(username="other").exists()


def test_invitation_expires_after_7_days(
    acme, acme_admin_client, acme_client, django_capture_on_commit_callbacks
):
    _invite(acme_admin_client, "late@acme.example", django_capture_on_commit_callbacks)
    path = _invitation_path(mail.outbox[-1])
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert acme_client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = _accept(acme_client, path)
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
    with in_schema(acme):
        assert not User.objects.filter(email="late@acme.example").exists()


def test_invitation_link_of_acme_is_useless_on_globex(
    acme, acme_admin_client, globex_client, django_capture_on_commit_callbacks
):
    _invite(acme_admin_client, "x@acme.example", django_capture_on_commit_callbacks)
    path = _invitation_path(mail.outbox[-1])
    assert globex_client.get(path).status_code == 404


def test_invitation_form_errors(
    acme, acme_admin_client, acme_member, django_capture_on_commit_callbacks
):
    for email, message in [
        ("nope", "Enter a valid email address."),
        ("BEN@acme.example", "already a member of this extranet"),
    ]:
        response = _invite(acme_admin_client, email, django_capture_on_commit_callbacks)
        assert response.status_code == 400 and message in response.content.decode()
    assert mail.outbox == []


def test_accept_form_errors_keep_the_invitation_usable(
    acme, acme_admin_client, acme_client, acme_member, django_capture_on_commit_callbacks
):
    _invite(acme_admin_client, "z@acme.example", django_capture_on_commit_callbacks)
    path = _invitation_path(mail.outbox[-1])
    for data, message in [
        (
            {
                "username": "ben",
                "password1": "a-long-new-pass-42",
                "password2": "a-long-new-pass-42",
            },
            "already taken",
        ),
        (
            {
                "username": "zed",
                "password1": "a-long-new-pass-42",
                "password2": "different-pass-42",
            },
            "do not match",
        ),
        ({"username": "zed", "password1": "short", "password2": "short"}, "too short"),
        (
            {
                "username": "bad name!",
                "password1": "a-long-new-pass-42",
                "password2": "a-long-new-pass-42",
            },
            "Enter a valid username",
        ),
    ]:
        response = acme_client.post(path, data)
        assert response.status_code == 400 and message in response.content.decode()
    assert acme_client.get(path).status_code == 200


def test_deactivated_member_cannot_log_in_and_keeps_data(
    acme, acme_admin_client, acme_client, acme_member
):
    with in_schema(acme):
        member_session = acme_client.__class__(HTTP_HOST="acme.iperfony.localhost")
        member_session.force_login(acme_member)
    assert (
        acme_admin_client.post(f"/members/{acme_member.pk}/", {"action": "deactivate"}).status_code
        == 302
    )
    with in_schema(acme):
        user = User.objects.get(pk=acme_member.pk)
        assert not user.is_active and user.last_name == "Stone"
    fresh = acme_client.__class__(HTTP_HOST="acme.iperfony.localhost")
    response = fresh.post("/accounts/login/", {"login": "ben", "password": PASSWORD})
    assert "_auth_user_id" not in fresh.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "inactive" in response["Location"]
    # an open session stops working too
    assert member_session.get("/").status_code == 302


def test_admin_cannot_deactivate_themselves(acme, acme_admin_client, acme_admin):
    response = acme_admin_client.post(
        f"/members/{acme_admin.pk}/", {"action": "deactivate"}, follow=True
    )
    assert "cannot deactivate your own account" in response.content.decode()
    with in_schema(acme):
        assert User.objects.get(pk=acme_admin.pk).is_active


def test_grant_and_remove_admin_role(acme, acme_admin_client, acme_member, acme_client):
    acme_admin_client.post(f"/members/{acme_member.pk}/", {"action": "grant_admin"})
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).is_extranet_admin
    acme_admin_client.post(f"/members/{acme_member.pk}/", {"action": "remove_admin"})
    with in_schema(acme):
        assert not User.objects.get(pk=acme_member.pk).is_extranet_admin


def test_last_admin_cannot_remove_their_own_role(acme, acme_client):
    with in_schema(acme):
        User.objects.filter(is_extranet_admin=True).update(is_extranet_admin=False)
        solo = UserFactory(username="solo", is_extranet_admin=True)
    login_as(acme_client, acme, solo)
    response = acme_client.post(f"/members/{solo.pk}/", {"action": "remove_admin"}, follow=True)
    assert "at least one active admin" in response.content.decode()
    with in_schema(acme):
        assert User.objects.get(pk=solo.pk).is_extranet_admin


def test_globex_admin_cannot_act_on_acme_members(acme, globex, globex_client, acme_member):
    with in_schema(globex):
        boss = UserFactory(username="boss", is_extranet_admin=True)
    login_as(globex_client, globex, boss)
    globex_client.post(f"/members/{acme_member.pk}/", {"action": "deactivate"})
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).is_active


def test_invitation_for_an_address_that_joined_meanwhile_is_refused(
    acme, acme_admin_client, acme_client, django_capture_on_commit_callbacks
):
    _invite(acme_admin_client, "twice@acme.example", django_capture_on_commit_callbacks)
    path = _invitation_path(mail.outbox[-1])
    with in_schema(acme):
        UserFactory(username="twice", email="twice@acme.example")
    assert _accept(acme_client, path).status_code == 404


def test_a_username_taken_between_the_check_and_the_save_is_a_form_error(
    acme, acme_admin_client, django_capture_on_commit_callbacks
):
    """Two people accepting at once with one name: the second gets the form's error, no 500."""
    from django.core.exceptions import ValidationError

    from extranet.services import invitation_accept

    _invite(acme_admin_client, "late@acme.example", django_capture_on_commit_callbacks)
    with in_schema(acme):
        UserFactory(username="samename", email="first@acme.example")
        invitation = Invitation.objects.get(email="late@acme.example")
        try:
            invitation_accept(invitation=invitation, username="samename", password="x-long-pass-42")
        except ValidationError as exc:
            assert list(exc.message_dict) == ["username"]
        else:
            raise AssertionError("the second account was created")
        invitation.refresh_from_db()
        assert invitation.accepted_at is None  # the link stays usable with another name
        assert not User.objects.filter(email="late@acme.example").exists()
