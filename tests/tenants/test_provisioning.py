import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_exists

from accounts.models import User
from core.models import AuditEvent
from tenants.models import Domain, Extranet
from tests.support.http import host_client
from tests.support.tenants import in_schema


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("www", "reserved"),
        ("admin", "reserved"),
        ("api", "reserved"),
        ("mail", "reserved"),
        ("public", "reserved"),
        ("static", "reserved"),
        ("acme", "already exists"),
        ("Acme2", "lowercase"),
        ("-acme", "cannot start or end with a hyphen"),
        ("acme-", "cannot start or end with a hyphen"),
        ("ac_me", "letters a-z, digits and hyphens"),
        ("ac.me", "letters a-z, digits and hyphens"),
        ("xn--acme", "IDN prefix"),
        ("a" * 60, "at most 59 characters"),
        ("", "required"),
    ],
)
def test_create_extranet_rejects_bad_slugs_with_their_message(acme, slug, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("create_extranet", "--admin-email=a@some.example", "--", slug, "Some Co")
    assert not Extranet.objects.filter(name="Some Co").exists()


def test_create_extranet_rejects_a_bad_email(db):
    with pytest.raises(CommandError, match="valid email"):
        call_command("create_extranet", "initech", "Initech", admin_email="not-an-email")
    assert not schema_exists("ext_initech")


def test_create_extranet_provisions_schema_domain_admin_and_one_time_link(
    db, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_extranet", "initech", "Initech", admin_email="Peter@Initech.example")
    out = capsys.readouterr().out
    extranet = Extranet.objects.get(slug="initech")
    assert extranet.schema_name == "ext_initech" and schema_exists("ext_initech")
    assert Domain.objects.get(tenant=extranet).domain == "initech.iperfony.localhost"
    assert extranet.provisioning_ms is not None
    with in_schema(extranet):
        admin = User.objects.get()
        assert admin.email == "peter@initech.example" and admin.is_extranet_admin
        assert not admin.has_usable_password()
        # Typed by whoever provisioned it: held, but not proved.
        assert not EmailAddress.objects.get(user=admin, primary=True).verified
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["peter@initech.example"]
    link = re.search(r"(http://initech\.iperfony\.localhost/\S+)", mail.outbox[0].body).group(1)
    assert "initech.iperfony.localhost/accounts" not in out, "only the mailbox gets the link"
    assert AuditEvent.objects.filter(action="extranet.created", object_id=str(extranet.pk)).exists()

    client = host_client("initech.iperfony.localhost")
    path = link.split("iperfony.localhost", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "a-long-new-password-42"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    with in_schema(extranet):
        # Following the emailed one-time link proved the address.
        assert EmailAddress.objects.get(user=admin, primary=True).verified
    assert (
        client.post("/accounts/login/", {"login": "peter", "password": new_password}).status_code
        == 302
    )
    # one-time: the same link no longer lets anyone set a password
    reused = host_client("initech.iperfony.localhost").get(path, follow=True)
    assert b"password1" not in reused.content


def test_staff_back_office_form_uses_the_same_service(db, django_capture_on_commit_callbacks):
    staff = User.objects.create_superuser("boss", "boss@perfony.com", "pw-for-boss-123")
    client = host_client("perfony.localhost")
    client.force_login(staff)
    bad = client.post(
        "/admin/tenants/extranet/add/",
        {"slug": "www", "name": "Bad", "admin_email": "x@bad.example"},
    )
    assert bad.status_code == 200 and "reserved" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ok = client.post(
            "/admin/tenants/extranet/add/",
            {"slug": "umbrella", "name": "Umbrella", "admin_email": "it@umbrella.example"},
        )
    assert ok.status_code == 302
    extranet = Extranet.objects.get(slug="umbrella")
    with in_schema(extranet):
        assert User.objects.get().email == "it@umbrella.example"
    assert mail.outbox[-1].to == ["it@umbrella.example"]


def test_demo_seed_is_idempotent_and_sends_no_setup_links(db, django_capture_on_commit_callbacks):
    from tenants.demo import demo_seed

    with django_capture_on_commit_callbacks(execute=True):
        demo_seed()
        counts = Extranet.objects.count(), User.objects.count()
        demo_seed()
    assert (Extranet.objects.count(), User.objects.count()) == counts
    assert not [m for m in mail.outbox if "is ready" in m.subject]
    with in_schema(Extranet.objects.get(slug="acme")):
        assert User.objects.get(username="bob").check_password("perfony-demo")


def test_staff_without_the_add_permission_cannot_create_an_extranet(db):
    staff = User.objects.create_user("intern", "intern@perfony.com", "pw", is_staff=True)
    client = host_client("perfony.localhost")
    client.force_login(staff)
    data = {"slug": "sneaky", "name": "Sneaky", "admin_email": "x@sneaky.example"}
    assert client.get("/admin/tenants/extranet/add/").status_code == 403
    assert client.post("/admin/tenants/extranet/add/", data).status_code == 403
    assert not Extranet.objects.filter(slug="sneaky").exists()
