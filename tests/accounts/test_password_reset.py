"""Password reset: a link to the account's owner only, and no hint whether an address is known."""

import re

from django.core import mail

from tests.support.http import host_client


def _without_csrf(page) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())


def _reset(email):
    client = host_client("acme.iperfony.localhost")
    response = client.post("/accounts/password/reset/", {"email": email})
    return response, client.get(response["Location"])


def test_unknown_address_gets_no_mail_and_the_same_answer(acme, acme_member):
    known, known_page = _reset(acme_member.email)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [acme_member.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    unknown, unknown_page = _reset("stranger@example.org")
    assert len(mail.outbox) == 1, "nothing is sent to an address without an account"
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert unknown_page.status_code == known_page.status_code == 200
    assert _without_csrf(unknown_page) == _without_csrf(known_page)


def test_an_address_of_another_extranet_gets_no_mail(acme, globex, acme_member):
    client = host_client("globex.iperfony.localhost")
    response = client.post("/accounts/password/reset/", {"email": acme_member.email})
    assert response.status_code == 302
    assert mail.outbox == []
