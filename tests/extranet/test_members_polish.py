"""Members page: confirmation before deactivation, revoking invitations, the sole admin and
messages that say what happened (issue 15)."""

from django.utils import timezone

from accounts.models import User
from core.models import AuditEvent
from extranet.models import Invitation
from tests.factories import UserFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


def _invite(client, email, capture):
    with capture(execute=True):
        return client.post("/members/", {"email": email})


def test_deactivation_asks_for_confirmation_without_javascript(acme_admin_client, acme_member):
    html = acme_admin_client.get("/members/").content.decode()
    # Each deactivate button sits inside a closed <details> that names the person and the effect.
    panels = [part.split("</details>")[0] for part in html.split('<details class="confirm">')[1:]]
    assert html.count('value="deactivate"') == len(panels) >= 1
    assert all('value="deactivate"' in panel for panel in panels)
    ben = next(panel for panel in panels if "Deactivate Ben Stone" in panel)
    assert "Ben Stone will no longer be able to log in" in ben


def test_member_actions_say_what_happened(acme, acme_admin_client, acme_member):
    url = f"/members/{acme_member.pk}/"
    expected = {
        "grant_admin": "Ben Stone is now an admin of this extranet.",
        "remove_admin": "Ben Stone is no longer an admin; they stay a member.",
        "deactivate": "Ben Stone is deactivated: they can no longer log in.",
        "activate": "Ben Stone is reactivated and can log in again.",
    }
    for action, message in expected.items():
        html = acme_admin_client.post(url, {"action": action}, follow=True).content.decode()
        assert message in html
        assert "is updated" not in html


def test_member_messages_are_translated(acme, acme_admin_client, acme_member):
    acme_admin_client.cookies["django_language"] = "fr"
    response = acme_admin_client.post(
        f"/members/{acme_member.pk}/", {"action": "grant_admin"}, follow=True
    )
    assert "Ben Stone est maintenant administrateur de cet extranet." in response.content.decode()


def test_the_sole_admin_is_not_offered_to_remove_their_role(acme, acme_client):
    with in_schema(acme):
        User.objects.filter(is_extranet_admin=True).update(is_extranet_admin=False)
        solo = UserFactory(username="solo", is_extranet_admin=True)
    login_as(acme_client, acme, solo)
    html = acme_client.get("/members/").content.decode()
    assert 'value="remove_admin"' not in html
    assert "Only admin: make someone else admin first." in html
    with in_schema(acme):
        UserFactory(username="second", is_extranet_admin=True)
    assert acme_client.get("/members/").content.decode().count('value="remove_admin"') == 2


def test_a_deactivated_admin_can_lose_the_role_while_one_active_admin_remains(acme, acme_client):
    with in_schema(acme):
        User.objects.filter(is_extranet_admin=True).update(is_extranet_admin=False)
        solo = UserFactory(username="solo", is_extranet_admin=True)
        gone = UserFactory(username="gone", is_extranet_admin=True, is_active=False)
    login_as(acme_client, acme, solo)
    acme_client.post(f"/members/{gone.pk}/", {"action": "remove_admin"})
    with in_schema(acme):
        assert not User.objects.get(pk=gone.pk).is_extranet_admin


def test_revoking_a_pending_invitation_kills_its_link_and_is_audited(
    acme, acme_admin_client, acme_admin, acme_client, django_capture_on_commit_callbacks, mailoutbox
):
    _invite(acme_admin_client, "newbie@acme.example", django_capture_on_commit_callbacks)
    body = mailoutbox[-1].body
    path = next(line for line in body.splitlines() if "/invitation/" in line)
    path = path[path.index("/invitation/") :]
    with in_schema(acme):
        invitation = Invitation.objects.get(email="newbie@acme.example")
    html = acme_admin_client.get("/members/").content.decode()
    assert f"/members/invitations/{invitation.pk}/revoke/" in html
    response = acme_admin_client.post(f"/members/invitations/{invitation.pk}/revoke/", follow=True)
    html = response.content.decode()
    assert "The invitation to newbie@acme.example is revoked" in html
    assert f"/members/invitations/{invitation.pk}/revoke/" not in html
    assert acme_client.get(path).status_code == 404
    with in_schema(acme):
        invitation.refresh_from_db()
        assert invitation.expires_at <= timezone.now()
        event = AuditEvent.objects.get(action="member.invitation_revoked")
        assert event.actor_id == acme_admin.pk and event.object_id == str(invitation.pk)
    # A second revoke, or one of an unknown invitation, is a 404, not a 500.
    assert (
        acme_admin_client.post(f"/members/invitations/{invitation.pk}/revoke/").status_code == 404
    )
    assert acme_admin_client.post("/members/invitations/999999/revoke/").status_code == 404


def test_a_member_cannot_revoke_invitations(
    acme, acme_admin_client, acme_member_client, django_capture_on_commit_callbacks
):
    _invite(acme_admin_client, "newbie@acme.example", django_capture_on_commit_callbacks)
    with in_schema(acme):
        invitation = Invitation.objects.get(email="newbie@acme.example")
    response = acme_member_client.post(f"/members/invitations/{invitation.pk}/revoke/")
    assert response.status_code in (302, 403)
    with in_schema(acme):
        invitation.refresh_from_db()
        assert invitation.expires_at > timezone.now()


# --- Phone numbers in the extranet's country ---------------------------------------------


def _profile_post(client, phone):
    return client.post(
        "/preferences/",
        {"first_name": "Ben", "last_name": "Stone", "phone": phone, "postal_address": ""},
    )


def test_a_national_number_is_read_in_the_extranets_country(acme, acme_member_client, acme_member):
    assert _profile_post(acme_member_client, "06 12 34 56 78").status_code == 302
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).phone == "+33612345678"


def test_the_country_chosen_by_the_admin_sets_the_default_region(
    acme, acme_admin_client, acme_member_client, acme_member
):
    response = acme_admin_client.post(
        "/preferences/company/",
        {"name": "Acme SA", "postal_address": "", "sector": "", "country": "BE"},
    )
    assert response.status_code == 302
    assert _profile_post(acme_member_client, "0470 12 34 56").status_code == 302
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).phone == "+32470123456"
        assert AuditEvent.objects.filter(action="company.updated").exists()


def test_a_wrong_number_or_country_is_a_clear_error(acme, acme_admin_client, acme_member_client):
    response = _profile_post(acme_member_client, "06 12")
    assert response.status_code == 400
    assert "Enter a valid phone number" in response.content.decode()
    response = acme_admin_client.post("/preferences/company/", {"name": "Acme SA", "country": "XX"})
    assert response.status_code == 400
