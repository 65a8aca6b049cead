import re

import time_machine
from django.core import mail

from core.models import AuditEvent
from prospects.forms import ContactForm
from prospects.models import ContactMessage, NewsletterSubscription, OptInProof, Prospect
from tests.support.captcha import solved_captcha


def contact_data(**overrides) -> dict:
    data = {
        "name": "Ann Example",
        "email": "Ann@Example.com",
        "phone": "",
        "company": "Example BV",
        "message": "Can I see a demo?",
        **solved_captcha(),
    }
    data.update(overrides)
    return data


def test_contact_creates_prospect_message_and_acknowledgement(public_client):
    response = public_client.post("/contact/", contact_data(), REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 302
    prospect = Prospect.objects.get()
    assert prospect.email == "ann@example.com"
    assert prospect.last_contact_at is not None
    assert ContactMessage.objects.get().message == "Can I see a demo?"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ann@example.com"]
    assert "Can I see a demo?" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="prospects.message_received").exists()


def test_unchecked_boxes_mean_no_consent(public_client):
    public_client.post("/contact/", contact_data())
    assert not OptInProof.objects.exists()
    assert not NewsletterSubscription.objects.exists()
    assert len(mail.outbox) == 1  # the acknowledgement only, no newsletter confirmation


def test_boxes_start_unchecked(public_client):
    html = public_client.get("/contact/").content.decode()
    for name in ("news", "partners"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert "checked" not in tag


def test_ticked_boxes_store_proof_with_exact_text_and_truncated_ip(public_client):
    public_client.post(
        "/contact/", contact_data(news="on", partners="on"), REMOTE_ADDR="203.0.113.77"
    )
    proofs = {p.purpose: p for p in OptInProof.objects.all()}
    assert set(proofs) == {"newsletter", "partners"}
    assert proofs["partners"].text_shown == str(ContactForm.base_fields["partners"].label)
    assert proofs["newsletter"].text_shown == str(ContactForm.base_fields["news"].label)
    assert proofs["partners"].ip_truncated == "203.0.113.0/24"
    assert proofs["partners"].created_at is not None
    assert "203.0.113.77" not in str(OptInProof.objects.values_list())
    # The newsletter still needs the second opt-in: a confirmation email.
    assert NewsletterSubscription.objects.get().confirmed_at is None
    assert any("/newsletter/confirm/" in m.body for m in mail.outbox)


def test_ipv6_is_truncated_to_48_bits(public_client):
    public_client.post("/contact/", contact_data(partners="on"), REMOTE_ADDR="2001:db8:abcd:12::1")
    assert OptInProof.objects.get().ip_truncated == "2001:db8:abcd::/48"


def test_proof_text_is_in_the_visitors_language(public_client):
    public_client.post("/contact/", contact_data(partners="on"), HTTP_ACCEPT_LANGUAGE="fr")
    proof = OptInProof.objects.get()
    assert proof.language == "fr"
    assert "partenaires" in proof.text_shown


def test_second_contact_updates_the_prospect_and_its_last_contact(public_client):
    with time_machine.travel("2026-01-05 10:00:00+00:00", tick=False):
        public_client.post("/contact/", contact_data())
    with time_machine.travel("2026-06-01 10:00:00+00:00", tick=False):
        public_client.post("/contact/", contact_data(phone="+33 1 23 45 67 89"))
    prospect = Prospect.objects.get()
    assert prospect.last_contact_at.date().isoformat() == "2026-06-01"
    assert prospect.phone == "+33 1 23 45 67 89"
    assert prospect.messages.count() == 2


def test_bad_input_keeps_what_was_typed_and_shows_a_new_question(public_client):
    data = contact_data(email="not-an-address", message="My long question")
    response = public_client.post("/contact/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Ann Example"' in html
    assert "My long question" in html
    assert "Enter a valid email address." in html
    assert data["captcha_token"] not in html  # the burnt question is replaced
    assert not Prospect.objects.exists()


def test_errors_are_in_the_visitors_language(public_client):
    response = public_client.post(
        "/contact/", contact_data(email="nope"), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "Voer een geldig e-mailadres in." in response.content.decode()


def test_injected_html_is_shown_escaped(public_client, staff_client):
    evil = '<script>alert("x")</script>'
    response = public_client.post("/contact/", contact_data(name=evil, email="bad"))
    html = response.content.decode()
    assert evil not in html
    assert "&lt;script&gt;" in html
    public_client.post("/contact/", contact_data(message=evil))
    message = ContactMessage.objects.get()
    page = staff_client.get(f"/admin/prospects/contactmessage/{message.pk}/change/")
    assert page.status_code == 200
    assert evil not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()


def test_honeypot_stores_and_sends_nothing(public_client):
    response = public_client.post("/contact/", contact_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Prospect.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_ip(public_client):
    for _ in range(5):
        assert public_client.post("/contact/", contact_data()).status_code == 302
    response = public_client.post("/contact/", contact_data(message="sixth"))
    assert response.status_code == 429
    assert "sixth" in response.content.decode()
    assert ContactMessage.objects.count() == 5
    other_ip = public_client.post("/contact/", contact_data(), REMOTE_ADDR="198.51.100.1")
    assert other_ip.status_code == 302


def test_staff_see_messages_in_the_back_office(public_client, staff_client):
    public_client.post("/contact/", contact_data(message="Please call me"))
    page = staff_client.get("/admin/prospects/contactmessage/")
    assert "Please call me" in page.content.decode()


def test_form_works_without_javascript_in_three_languages(public_client):
    for language, word in (("nl", "Bericht"), ("fr", "Message"), ("en", "Message")):
        html = public_client.get("/contact/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert word in html
        form = html[html.index("<form", html.index("<main")) : html.index("</main>")]
        assert "<script" not in form  # the page's only script is the consent banner's enhancement
        assert 'method="post"' in form and 'type="submit"' in form


def test_staff_edit_and_delete_of_a_prospect_are_audited(public_client, staff_client):
    public_client.post("/contact/", contact_data(partners="on"))
    prospect = Prospect.objects.get()
    url = f"/admin/prospects/prospect/{prospect.pk}/"
    staff_client.post(
        f"{url}change/",
        {
            "name": "Ann E.",
            "phone": "",
            "company": "Example BV",
            "language": "en",
            **{
                f"{p}-{k}": v
                for p in ("messages", "opt_ins")
                for k, v in (
                    ("TOTAL_FORMS", "0"),
                    ("INITIAL_FORMS", "0"),
                    ("MIN_NUM_FORMS", "0"),
                    ("MAX_NUM_FORMS", "0"),
                )
            },
        },
    )
    prospect.refresh_from_db()
    assert prospect.name == "Ann E."
    staff_client.post(f"{url}delete/", {"post": "yes"})
    assert not Prospect.objects.exists()
    assert not OptInProof.objects.exists() and not ContactMessage.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"prospects.prospect_updated", "prospects.prospect_deleted"} <= actions


def test_a_mail_server_failure_keeps_the_message(public_client, monkeypatch):
    import smtplib

    from django.core.mail import EmailMessage

    def fail(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailMessage, "send", fail)
    assert public_client.post("/contact/", contact_data()).status_code == 302
    assert ContactMessage.objects.count() == 1


def test_an_ipv4_mapped_address_is_truncated_as_ipv4(public_client):
    """Dual-stack servers report IPv4 clients as ::ffff:a.b.c.d: the proof keeps the /24."""
    public_client.post("/contact/", contact_data(partners="on"), REMOTE_ADDR="::ffff:203.0.113.9")
    assert OptInProof.objects.get().ip_truncated == "203.0.113.0/24"
