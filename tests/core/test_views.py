"""The one view of the public forms (core.views.protected_form_view): honeypot, rate limit per
IP and form, captcha, then the app's callback; every refusal keeps what was typed."""

import pytest
from django import forms
from django.test import RequestFactory, override_settings

from core.forms import ProtectedForm
from core.views import IP_LIMIT, protected_form_view
from tests.support.captcha import solved_captcha

pytestmark = pytest.mark.django_db

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {"form.html": "{{ form.non_field_errors }}{{ form.as_div }}"},
                )
            ]
        },
    }
]


class NoteForm(ProtectedForm):
    note = forms.CharField()


def _post(data, *, scope="notes", on_valid=None, ip="203.0.113.9"):
    calls = []

    def record(form):
        calls.append(form.cleaned_data["note"])
        return on_valid(form) if on_valid else None

    request = RequestFactory().post("/form/", data, REMOTE_ADDR=ip)
    with override_settings(TEMPLATES=TEMPLATES):
        response = protected_form_view(
            request,
            form_class=NoteForm,
            template="form.html",
            scope=scope,
            on_valid=record,
            done="/done/",
        )
    return response, calls


def test_a_valid_post_calls_back_then_redirects():
    response, calls = _post({"note": "hello", **solved_captcha()})
    assert (response.status_code, response["Location"], calls) == (302, "/done/", ["hello"])


def test_the_honeypot_looks_like_success_and_calls_nothing():
    response, calls = _post({"note": "hello", "website": "http://spam", **solved_captcha()})
    assert (response.status_code, calls) == (302, [])


def test_a_wrong_captcha_is_refused_and_keeps_what_was_typed():
    captcha = {**solved_captcha(), "captcha_answer": "999"}
    response, calls = _post({"note": "kept text", **captcha})
    html = response.content.decode()
    assert (response.status_code, calls) == (400, [])
    assert "kept text" in html
    assert captcha["captcha_token"] not in html  # a new question replaces the burnt one


def test_a_refusal_of_the_callback_is_shown_with_its_status():
    response, calls = _post(
        {"note": "hello", **solved_captcha()}, on_valid=lambda form: ("Not now.", 409)
    )
    assert (response.status_code, calls) == (409, ["hello"])
    assert "Not now." in response.content.decode()


def test_over_the_limit_per_ip_nothing_is_called():
    for _ in range(IP_LIMIT):
        assert _post({"note": "hello", **solved_captcha()})[0].status_code == 302
    response, calls = _post({"note": "hello", **solved_captcha()})
    assert (response.status_code, calls) == (429, [])
    assert "Too many attempts" in response.content.decode()
    # Another IP, or another form, keeps its own count.
    assert _post({"note": "hello", **solved_captcha()}, ip="198.51.100.7")[0].status_code == 302
    assert _post({"note": "hello", **solved_captcha()}, scope="other")[0].status_code == 302
