import re
from datetime import timedelta

import time_machine
from django.core import signing
from django.test import RequestFactory
from django.utils import timezone

from consent.models import ConsentRecord
from consent.selectors import category_consented, consent_state
from legal.models import PolicyVersion


def accept(client, action="accept_all", **extra):
    return client.post("/consent/", {"action": action, "next": "/", **extra})


def banner_shown(client, path="/") -> bool:
    content = client.get(path).content.decode()
    start = content.index('id="pf-consent-banner"')
    tag = content[start : content.index(">", start)]
    return " hidden" not in tag


def test_first_visit_shows_banner_on_public_and_extranet(public_client, acme_client):
    assert banner_shown(public_client, "/")
    assert banner_shown(acme_client, "/accounts/login/")


def test_banner_offers_three_equal_choices_and_a_close_refusal(public_client):
    html = public_client.get("/").content.decode()
    for label in ("Accept all", "Reject all", "Customise"):
        # same element class for the three: same size, colours and weight (CNIL)
        assert re.search(rf'class="button consent-choice"[^>]*>{label}<', html), label
    assert html.count('class="button consent-choice"') == 3
    assert 'value="close"' in html


def test_customize_panel_has_one_toggle_per_category_all_off(public_client):
    html = public_client.get("/consent/settings/").content.decode()
    for key in ("preferences", "audience", "analytics", "advertising"):
        start = html.index(f'id="pf-settings-{key}"')
        tag = html[start : html.index(">", start)]
        assert "checked" not in tag, key
    necessary = html[html.index('id="pf-settings-necessary"') :]
    assert "checked" in necessary[: necessary.index(">")]
    assert html.count('href="/cookies/#cat-') == 5


def test_banner_disappears_after_a_choice(public_client):
    accept(public_client, "reject_all")
    assert not banner_shown(public_client)


def test_tampered_cookie_counts_as_no_consent(public_client):
    accept(public_client)
    value = public_client.cookies["pf_consent"].value
    public_client.cookies["pf_consent"] = value[:-3] + ("AAA" if value[-3:] != "AAA" else "BBB")
    assert banner_shown(public_client)


def test_forged_cookie_without_signature_counts_as_no_consent(public_client):
    public_client.cookies["pf_consent"] = signing.dumps({"c": {"analytics": 1}}, key="wrong")
    assert banner_shown(public_client)


def test_banner_asks_again_when_the_choice_expires(public_client):
    accept(public_client)
    with time_machine.travel(timezone.now() + timedelta(days=101)):
        assert banner_shown(public_client)
    with time_machine.travel(timezone.now() + timedelta(days=99)):
        assert not banner_shown(public_client)


def _new_version(kind, effective_at):
    return PolicyVersion.objects.create(
        kind=kind,
        version=f"{kind}-next",
        text_en="x",
        text_nl="x",
        text_fr="x",
        change="minor",
        published_at=timezone.now(),
        effective_at=effective_at,
    )


def test_banner_asks_again_when_the_cookie_policy_version_changes(public_client):
    accept(public_client)
    _new_version("cookies", timezone.localdate() + timedelta(days=2))
    assert not banner_shown(public_client)  # announced, not yet in effect
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert banner_shown(public_client)


def test_privacy_policy_change_alone_does_not_ask_again(public_client):
    accept(public_client)
    _new_version("privacy", timezone.localdate())
    assert not banner_shown(public_client)


def test_gpc_refuses_analytics_and_advertising_on_accept_all(public_client):
    html = public_client.get("/", HTTP_SEC_GPC="1").content.decode()
    assert "Global Privacy Control" in html
    public_client.post("/consent/", {"action": "accept_all"}, HTTP_SEC_GPC="1")
    record = ConsentRecord.objects.get()
    assert record.gpc is True
    assert record.choices["preferences"] and record.choices["audience"]
    assert not record.choices["analytics"] and not record.choices["advertising"]


def test_gpc_keeps_an_explicit_switch(public_client):
    public_client.post("/consent/", {"action": "custom", "analytics": "on"}, HTTP_SEC_GPC="1")
    record = ConsentRecord.objects.get()
    assert record.gpc and record.choices["analytics"]


def test_no_gpc_note_without_the_signal(public_client):
    assert "Global Privacy Control" not in public_client.get("/").content.decode()


def test_withdrawal_expires_optional_cookies_and_is_recorded(public_client):
    accept(public_client)
    consent_id = str(ConsentRecord.objects.get().consent_id)
    public_client.cookies["_ga"] = "GA1.1.1"
    response = accept(public_client, "withdraw")
    assert response.status_code == 303
    for name in ("pf_bid", "_ga"):
        assert response.cookies[name]["max-age"] == 0, name
        assert response.cookies[name].value == ""
    latest = ConsentRecord.objects.order_by("-id").first()
    assert latest.method == "withdrawal"
    assert str(latest.consent_id) == consent_id  # same browser, same consent id
    assert not any(v for k, v in latest.choices.items() if k != "necessary")
    assert ConsentRecord.objects.filter(consent_id=consent_id).count() == 2


def test_reject_after_consent_is_a_withdrawal(public_client):
    accept(public_client)
    accept(public_client, "reject_all")
    assert ConsentRecord.objects.order_by("-id").first().method == "withdrawal"


def test_category_consented_reads_the_cookie(public_client):
    accept(public_client, "custom", audience="on")
    request = RequestFactory().get("/")
    request.COOKIES = {"pf_consent": public_client.cookies["pf_consent"].value}
    assert category_consented(request=request, category="audience")
    assert category_consented(request=request, category="necessary")
    assert not category_consented(request=request, category="analytics")
    assert consent_state(request=request).valid


def test_category_consented_without_cookie(db):
    request = RequestFactory().get("/")
    assert category_consented(request=request, category="necessary")
    assert not category_consented(request=request, category="preferences")
