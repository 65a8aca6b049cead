import re

import pytest
import time_machine
from django.core import mail

from core.models import AuditEvent
from testimonials import services, tokens
from testimonials.models import TestimonialConsent as Consent
from tests.testimonials.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def consent_url(testimonial) -> str:
    return f"/testimonials/consent/{tokens.CONSENT.make(value=testimonial.pk)}/"


def give(client, testimonial, **boxes):
    return client.post(consent_url(testimonial), {"signer_name": "Claire C.", **boxes})


def public_pages(client) -> str:
    return client.get("/testimonials/").content.decode() + client.get("/").content.decode()


def test_nothing_is_published_before_consent(public_client):
    testimonial = QuoteFactory()
    html = public_pages(public_client)
    assert "Initech" not in html and "shorter" not in html
    assert public_client.get(f"/testimonials/{testimonial.pk}/logo/").status_code == 404


def test_staff_send_the_signed_consent_request(staff_client, public_client):
    testimonial = QuoteFactory()
    staff_client.post(
        "/admin/testimonials/testimonial/",
        {"action": "send_consent_request", "_selected_action": [testimonial.pk]},
    )
    assert mail.outbox[0].to == ["claire@initech.example"]
    path = re.search(r"https?://[^/]+(/testimonials/consent/\S+/)", mail.outbox[0].body).group(1)
    page = public_client.get(path)
    assert page.status_code == 200
    assert "shorter and decided more" in page.content.decode()


def test_consent_records_who_when_and_scope_and_publishes_only_that(public_client):
    testimonial = QuoteFactory()
    response = give(public_client, testimonial, show_name="on", show_quote="on")
    assert response.status_code == 200
    consent = Consent.objects.get()
    assert consent.signer_name == "Claire C."
    assert consent.email == "claire@initech.example"
    assert consent.created_at is not None
    assert consent.scope == ["name", "quote"]
    assert AuditEvent.objects.filter(action="testimonials.consent_given").exists()
    listing = public_client.get("/testimonials/").content.decode()
    assert "shorter and decided more" in listing and "Claire Client" in listing
    assert "COO" not in listing  # function not in scope
    assert public_client.get(f"/testimonials/{testimonial.pk}/logo/").status_code == 404
    assert "Initech" in public_client.get("/").content.decode()  # client list on the home page


def test_unticked_boxes_publish_no_detail(public_client):
    testimonial = QuoteFactory()
    give(public_client, testimonial)
    assert Consent.objects.get().scope == []
    listing = public_client.get("/testimonials/").content.decode()
    assert "shorter" not in listing and "Claire Client" not in listing
    assert public_client.get(f"/testimonials/{testimonial.pk}/logo/").status_code == 404


def test_logo_is_served_only_with_consent(public_client):
    testimonial = QuoteFactory()
    give(public_client, testimonial, show_logo="on")
    response = public_client.get(f"/testimonials/{testimonial.pk}/logo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert f"/testimonials/{testimonial.pk}/logo/" in public_client.get("/").content.decode()


def test_revocation_unpublishes_at_once(public_client):
    testimonial = QuoteFactory()
    give(public_client, testimonial, show_name="on", show_quote="on", show_logo="on")
    revoke = re.search(r"https?://[^/]+(/testimonials/revoke/\S+/)", mail.outbox[-1].body).group(1)
    assert public_client.get(revoke).status_code == 200
    assert "shorter" in public_pages(public_client)  # opening the link alone changes nothing
    assert public_client.post(revoke).status_code == 200
    html = public_pages(public_client)
    assert "shorter" not in html and "Initech" not in html
    assert public_client.get(f"/testimonials/{testimonial.pk}/logo/").status_code == 404
    assert Consent.objects.get().revoked_at is not None


def test_consent_link_is_signed_and_expires(public_client):
    testimonial = QuoteFactory()
    forged = public_client.get(f"/testimonials/consent/{testimonial.pk}/")
    assert forged.status_code == 400
    with time_machine.travel("2026-01-01 10:00:00+00:00", tick=False):
        url = consent_url(testimonial)
    with time_machine.travel("2026-02-05 10:00:00+00:00", tick=False):
        assert public_client.post(url, {"signer_name": "x", "show_quote": "on"}).status_code == 400
    assert not Consent.objects.exists()


def test_editing_the_quote_withdraws_the_publication(public_client, staff_user):
    testimonial = QuoteFactory()
    give(public_client, testimonial, show_quote="on")
    testimonial.quote = "Something the client never approved."
    services.testimonial_save(testimonial=testimonial, changed=["quote"], actor=staff_user)
    assert "never approved" not in public_pages(public_client)


def test_injected_html_is_shown_escaped(public_client):
    testimonial = QuoteFactory(quote='<img src=x onerror="alert(1)">', company="<b>Evil</b>")
    give(public_client, testimonial, show_quote="on")
    html = public_pages(public_client)
    assert "<img src=x" not in html and "<b>Evil</b>" not in html
    assert "&lt;img src=x" in html and "&lt;b&gt;Evil&lt;/b&gt;" in html


def test_staff_who_may_only_view_testimonials_cannot_email_or_unpublish(db):
    from django.contrib.auth.models import Permission

    from accounts.models import User
    from tests.support.http import PUBLIC_HOST, host_client
    from tests.testimonials.factories import QuoteFactory

    staff = User.objects.create_user("t-viewer", "tv@perfony.test", "x", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_testimonial"))
    client = host_client(PUBLIC_HOST)
    client.force_login(staff)
    testimonial = QuoteFactory()
    for action in ("send_consent_request", "unpublish"):
        client.post(
            "/admin/testimonials/testimonial/",
            {"action": action, "_selected_action": [testimonial.pk]},
        )
    testimonial.refresh_from_db()
    assert testimonial.consent_requested_at is None
    assert mail.outbox == []
