"""Every path that sets an address leaves `user.email` verified by its owner, or unchanged."""

import re

from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from accounts.selectors import email_is_verified
from tests.factories import PASSWORD, UserFactory
from tests.support.http import host_client, login_as
from tests.support.tenants import in_schema


def _path_in(message, marker: str) -> str:
    url = re.search(rf"(http://\S+{re.escape(marker)}\S*)", message.body).group(1)
    return url.split("iperfony.localhost", 1)[1]


def test_invitation_acceptance_marks_the_invited_address_verified(
    acme, acme_admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        acme_admin_client.post("/members/", {"email": "joiner@acme.example"})
    client = host_client("acme.iperfony.localhost")
    path = _path_in(mail.outbox[-1], "/invitation/")
    password = "a-long-new-pass-42"
    client.post(path, {"username": "joiner", "password1": password, "password2": password})
    with in_schema(acme):
        user = User.objects.get(username="joiner")
        assert email_is_verified(user=user)
        assert list(EmailAddress.objects.filter(user=user).values_list("email", "primary")) == [
            ("joiner@acme.example", True)
        ]


def test_password_reset_link_proves_the_address_but_a_password_change_does_not(
    acme, django_capture_on_commit_callbacks
):
    with in_schema(acme):
        user = UserFactory(username="rita", email="rita@acme.example")
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    client = login_as(host_client("acme.iperfony.localhost"), acme, user)
    new = "another-long-pass-43"
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    with in_schema(acme):
        user.refresh_from_db()
        assert user.check_password(new), "the change itself went through"
        assert not email_is_verified(user=user), "knowing the password proves no mailbox"
    anonymous = host_client("acme.iperfony.localhost")
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post("/accounts/password/reset/", {"email": "rita@acme.example"})
    assert mail.outbox[-1].to == ["rita@acme.example"]
    form = anonymous.get(_path_in(mail.outbox[-1], "/accounts/password/reset/key/"), follow=True)
    third = "a-third-long-pass-44"
    anonymous.post(form.redirect_chain[-1][0], {"password1": third, "password2": third})
    with in_schema(acme):
        assert email_is_verified(user=User.objects.get(pk=user.pk))


def test_staff_cannot_type_an_address_in_the_back_office(staff_client, staff_user):
    other = User.objects.create_user("clerk", "clerk@perfony.com", "pw", is_staff=True)
    url = f"/admin/accounts/user/{other.pk}/change/"
    page = staff_client.get(url).content.decode()
    assert 'name="email"' not in page and "clerk@perfony.com" in page
    response = staff_client.post(
        url,
        {
            "username": "clerk",
            "email": "typed-by-staff@evil.example",
            "first_name": "",
            "last_name": "",
            "is_active": "on",
            "is_staff": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, "the rest of the form still saves"
    assert User.objects.get(pk=other.pk).email == "clerk@perfony.com"


def test_staff_cannot_add_or_verify_addresses_in_allauths_admin(staff_client, staff_user):
    address = EmailAddress.objects.create(user=staff_user, email=staff_user.email)
    assert staff_client.get("/admin/account/emailaddress/add/").status_code == 403
    staff_client.post(
        "/admin/account/emailaddress/",
        {"action": "make_verified", "_selected_action": [address.pk]},
    )
    staff_client.post(
        f"/admin/account/emailaddress/{address.pk}/change/",
        {"user": staff_user.pk, "email": "x@evil.example", "verified": "on", "primary": "on"},
    )
    address.refresh_from_db()
    assert (address.email, address.verified) == (staff_user.email, False)
