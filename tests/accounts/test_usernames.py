"""Usernames: NFKC before any check, and no look-alike of another name, wherever one is chosen."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.usernames import username_normalise, username_validate
from extranet.models import Invitation
from tenants.models import Extranet
from tenants.services import _admin_username, extranet_create
from tests.support.http import PUBLIC_HOST, host_client
from tests.support.tenants import in_schema

FULLWIDTH_ALICE = "\uff41\uff4c\uff49\uff43\uff45"  # "alice" in fullwidth letters
CYRILLIC_A_LICE = "\u0430lice"  # Cyrillic a, then Latin "lice"
CYRILLIC_ASE = "\u0430\u0455\u0435"  # reads "ase", all Cyrillic
IVAN = "\u0438\u0432\u0430\u043d"  # a real Russian name: Cyrillic, nothing to mistake it for
PAVLOS = "\u03c0\u03b1\u03cd\u03bb\u03bf\u03c2"  # Greek


def test_normalise_folds_fullwidth_and_case():
    assert username_normalise(f"  {FULLWIDTH_ALICE.upper()} ") == "alice"


@pytest.mark.parametrize("name", ["alice", "jean-luc.dupont", "ann_2", "zoë", IVAN, PAVLOS])
def test_ordinary_usernames_are_accepted(name):
    username_validate(name)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        (CYRILLIC_A_LICE, "mixed_script"),
        ("p\u0430ypal", "mixed_script"),
        ("\u03b1lpha", "mixed_script"),  # Greek alpha + Latin
        (CYRILLIC_ASE, "confusable"),
        ("\u0441\u043e\u0441\u043e", "confusable"),  # "coco" in Cyrillic
        ("bad name!", "invalid"),
        ("zero\u200bwidth", "invalid"),
    ],
)
def test_look_alike_and_invalid_usernames_are_refused(name, code):
    with pytest.raises(ValidationError) as info:
        username_validate(username_normalise(name))
    assert info.value.error_list[0].code == code


# --- Invitation acceptance (extranet) --------------------------------------------------------


@pytest.fixture
def invitation_path(acme, acme_admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        acme_admin_client.post("/members/", {"email": "newcomer@acme.example"})
    line = next(line for line in mail.outbox[-1].body.splitlines() if "/invitation/" in line)
    return line[line.index("/invitation/") :]


def _accept(client, path, username):
    data = {
        "username": username,
        "password1": "a-long-new-pass-42",
        "password2": "a-long-new-pass-42",
    }
    return client.post(path, data)


def test_fullwidth_copy_of_an_existing_username_is_a_form_error_not_a_crash(
    acme, acme_client, invitation_path
):
    with in_schema(acme):
        assert User.objects.filter(username="alice").exists()  # the provisioned admin
    response = _accept(acme_client, invitation_path, FULLWIDTH_ALICE)
    assert response.status_code == 400
    assert "This username is already taken." in response.content.decode()
    with in_schema(acme):
        assert not User.objects.filter(email="newcomer@acme.example").exists()
        assert Invitation.objects.get(email="newcomer@acme.example").accepted_at is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (CYRILLIC_A_LICE, "Use the letters of one alphabet only"),
        (CYRILLIC_ASE, "looks like one written in Latin letters"),
    ],
)
def test_look_alike_username_is_refused_at_invitation(
    acme, acme_client, invitation_path, typed, message
):
    response = _accept(acme_client, invitation_path, typed)
    assert response.status_code == 400
    assert message in response.content.decode()
    with in_schema(acme):
        assert not User.objects.filter(email="newcomer@acme.example").exists()


def test_fullwidth_username_is_stored_normalised(acme, acme_client, invitation_path):
    response = _accept(acme_client, invitation_path, "\uff4e\uff45\uff57\uff42\uff49\uff45")
    assert response.status_code == 302
    with in_schema(acme):
        assert User.objects.get(email="newcomer@acme.example").username == "newbie"


def test_errors_are_translated(acme, acme_client, invitation_path):
    acme_client.cookies["django_language"] = "fr"
    response = _accept(acme_client, invitation_path, CYRILLIC_A_LICE)
    assert response.status_code == 400
    assert "un seul alphabet" in response.content.decode()


# --- Staff user admin (public schema) ---------------------------------------------------------


def _admin_add(staff_client, username):
    return staff_client.post(
        "/admin/accounts/user/add/",
        {
            "username": username,
            "usable_password": "true",
            "password1": "a-long-new-pass-42",
            "password2": "a-long-new-pass-42",
        },
    )


def test_staff_admin_refuses_a_fullwidth_duplicate_and_a_look_alike(staff_client, staff_user):
    fullwidth_staffer = "".join(chr(ord(c) + 0xFEE0) for c in staff_user.username)
    response = _admin_add(staff_client, fullwidth_staffer)
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    response = _admin_add(staff_client, "st\u0430ffer2")
    assert response.status_code == 200
    assert "Use the letters of one alphabet only" in response.content.decode()
    assert User.objects.count() == 1


def test_staff_admin_stores_the_normal_form(staff_client):
    response = _admin_add(staff_client, "\uff2e\uff45\uff57-Staff")
    assert response.status_code == 302
    assert User.objects.filter(username="new-staff").exists()


def test_staff_admin_change_form_refuses_a_look_alike(staff_user):
    other = User.objects.create_user("other", "other@perfony.com", "pw-other-123", is_staff=True)
    staff_client = host_client(PUBLIC_HOST)
    staff_client.force_login(staff_user)
    suspended = staff_client.post(
        f"/admin/accounts/user/{other.pk}/change/",
        {"username": "STAFFER", "email": other.email, "is_active": "on", "is_staff": "on"},
    )
    # Saving a staff account needs the password again; allauth then replays the change.
    response = staff_client.post(suspended["Location"], {"password": "pw"}, follow=True)
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    other.refresh_from_db()
    assert other.username == "other"


# --- Provisioning's generated admin username --------------------------------------------------


@pytest.mark.parametrize(
    ("email", "username"),
    [
        ("Alice@acme.example", "alice"),
        ("o'brien+it@acme.example", "obrien+it"),
        ("\u017ftaff@acme.example", "staff"),  # long s: passes the email check as "s"
        ("'@acme.example", "admin"),
    ],
)
def test_generated_admin_username_is_always_a_valid_one(email, username):
    assert _admin_username(email) == username
    username_validate(username)


def test_provisioning_refuses_a_look_alike_admin_username(db):
    with pytest.raises(ValidationError) as info:
        extranet_create(
            slug="initech",
            company_name="Initech",
            admin_email="bill@initech.example",
            admin_username=CYRILLIC_A_LICE,
            notify=False,
        )
    assert "admin_username" in info.value.message_dict
    assert not Extranet.objects.filter(slug="initech").exists()
