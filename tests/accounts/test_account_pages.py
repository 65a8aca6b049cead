"""Password reset and change, their email and the 403 page: the site's look, the company's name."""

import re

import pytest
from django.core import mail

from tests.support.http import host_client


def _client(language="en"):
    client = host_client("acme.iperfony.localhost")
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("en", "Reset your Acme SA password", "Send the reset link"),
        ("fr", "Réinitialiser votre mot de passe Acme SA", "Envoyer le lien"),
        ("nl", "Uw wachtwoord voor Acme SA opnieuw instellen", "De link versturen"),
    ],
)
def test_the_reset_page_uses_the_site_style_and_names_the_company(acme, language, heading, button):
    html = _client(language).get("/accounts/password/reset/").content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'class="button button-primary">{button}</button>' in html
    assert "Reset My Password" not in html and "auth-panel" in html


def test_the_reset_email_names_the_company_not_the_host(acme, acme_member):
    _client().post("/accounts/password/reset/", {"email": acme_member.email})
    (message,) = mail.outbox
    assert message.subject == "[Acme SA] Reset your password"
    assert (
        "Hello from" not in message.body
        and "iperfony.localhost:" not in message.body.split("http")[0]
    )
    assert "your account on the Acme SA extranet" in message.body
    assert message.body.rstrip().endswith("The Acme SA extranet on Perfony")
    link = re.search(r"http\S+/accounts/password/reset/key/\S+", message.body).group(0)
    page = _client().get(link.split("localhost", 1)[1].lstrip(":0123456789"), follow=True)
    html = page.content.decode()
    assert "Choose a new Acme SA password" in html and "Save the new password" in html


def test_a_used_or_wrong_reset_link_says_what_to_do(acme):
    html = _client("fr").get("/accounts/password/reset/key/1-wrong/", follow=True).content.decode()
    assert "Ce lien ne fonctionne plus" in html and "Demander un nouveau lien" in html


def test_the_password_change_page_uses_the_site_style(acme, acme_member_client):
    html = acme_member_client.get("/accounts/password/change/").content.decode()
    assert "<h1>Change your password</h1>" in html
    assert 'class="button button-primary">Change the password</button>' in html


def test_a_forbidden_page_is_the_sites_403_with_a_main_landmark(acme, acme_member_client):
    response = acme_member_client.get("/members/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<main id="main"' in html and "<h1>You cannot open this page</h1>" in html
    assert "ask an administrator of Acme SA" in html
