"""Signed tokens: one module for every signed link, with the salts and format of the links
already sent (they stay valid), and nothing read that was not made for that purpose."""

import base64

import pytest
import time_machine
from django.core import signing

from core import crypto
from core.tokens import SignedToken, TokenExpired, TokenInvalid
from privacy import tokens as privacy_tokens
from prospects import tokens as prospect_tokens
from testimonials import tokens as testimonial_tokens

WEEK = SignedToken(salt="tests.week", max_age=7 * 24 * 3600)


def test_a_token_reads_back_its_value():
    assert WEEK.read(token=WEEK.make(value={"r": 7, "e": "ann@example.org"})) == {
        "r": 7,
        "e": "ann@example.org",
    }


def test_another_purpose_reads_nothing():
    token = WEEK.make(value=7)
    assert SignedToken(salt="tests.other").read(token=token) is None
    with pytest.raises(TokenInvalid):
        SignedToken(salt="tests.other").load(token=token)


def test_an_altered_token_reads_nothing():
    token = WEEK.make(value=7)
    value, rest = token.split(":", 1)
    forged = base64.urlsafe_b64encode(b"8").decode().rstrip("=") + ":" + rest
    assert value != forged.split(":", 1)[0]
    assert WEEK.read(token=forged) is None
    assert WEEK.read(token="not a token") is None


def test_a_token_expires_after_its_max_age_and_says_so():
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False):
        token = WEEK.make(value=7)
    with time_machine.travel("2026-03-09 09:59:00+00:00", tick=False):
        assert WEEK.read(token=token) == 7
    with time_machine.travel("2026-03-09 10:01:00+00:00", tick=False):
        assert WEEK.read(token=token) is None
        with pytest.raises(TokenExpired):
            WEEK.load(token=token)


def test_a_token_without_max_age_does_not_expire():
    forever = SignedToken(salt="tests.forever")
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False):
        token = forever.make(value=7)
    with time_machine.travel("2036-03-02 10:00:00+00:00", tick=False):
        assert forever.read_id(token=token) == 7


def test_read_id_refuses_a_value_that_is_not_an_id():
    assert WEEK.read_id(token=WEEK.make(value="12")) == 12
    assert WEEK.read_id(token=WEEK.make(value={"r": 12})) is None
    assert WEEK.read_id(token=WEEK.make(value="twelve")) is None


def test_read_dict_refuses_a_token_missing_a_bound_value():
    assert WEEK.read_dict(token=WEEK.make(value={"r": 1, "e": "a@b.c"}), keys=("r", "e"))
    assert WEEK.read_dict(token=WEEK.make(value={"r": 1}), keys=("r", "e")) is None
    assert WEEK.read_dict(token=WEEK.make(value=[1, "a@b.c"]), keys=("r", "e")) is None


def test_a_sealed_token_shows_nothing_of_what_it_names():
    sealed = SignedToken(salt="tests.sealed", sealed=True)
    token = sealed.make(value={"u": 41, "o": "old@example.org"})
    assert token.startswith(crypto.TOKEN_PREFIX)
    assert "old@example.org" not in token
    assert b"old@example.org" not in base64.urlsafe_b64decode(token + "==")
    assert sealed.read(token=token) == {"u": 41, "o": "old@example.org"}
    # Signed but not sealed, or sealed under another purpose: refused.
    assert sealed.read(token=signing.dumps({"u": 41}, salt="tests.sealed")) is None
    other = SignedToken(salt="tests.other", sealed=True).make(value={"u": 41})
    assert sealed.read(token=other) is None


def test_the_email_change_link_format_reads_as_a_sealed_token():
    # Links sent before the toolkit were made as encrypt(signing.dumps(payload, salt)).
    payload = {"s": "acme", "u": 41, "o": "old@example.org", "e": "new@example.org", "n": "x"}
    link = crypto.encrypt(signing.dumps(payload, salt="extranet.email_change"))
    kind = SignedToken(salt="extranet.email_change", max_age=3 * 24 * 3600, sealed=True)
    assert kind.read(token=link) == payload


@pytest.mark.parametrize(
    ("kind", "salt", "value"),
    [
        (prospect_tokens.NEWSLETTER_CONFIRM, "prospects.newsletter.confirm", 12),
        (prospect_tokens.NEWSLETTER_UNSUBSCRIBE, "prospects.newsletter.unsubscribe", 12),
        (testimonial_tokens.CONSENT, "testimonials.consent", 12),
        (testimonial_tokens.REVOKE, "testimonials.revoke", 12),
        (privacy_tokens.VERIFY, "privacy.request.verify", {"r": 12, "e": "a@example.org"}),
        (privacy_tokens.DOWNLOAD, "privacy.export.download", {"x": 12, "e": "a@example.org"}),
        (privacy_tokens.CANCEL, "privacy.request.cancel", {"r": 12, "e": "a@example.org"}),
    ],
)
def test_links_sent_before_the_move_stay_valid(kind, salt, value):
    assert kind.read(token=signing.dumps(value, salt=salt)) == value
    assert kind.make(value=value) == signing.dumps(value, salt=salt)


def test_the_public_links_keep_their_lifetimes():
    lifetimes = {
        prospect_tokens.NEWSLETTER_CONFIRM: 7 * 24 * 3600,
        prospect_tokens.NEWSLETTER_UNSUBSCRIBE: None,
        testimonial_tokens.CONSENT: 30 * 24 * 3600,
        testimonial_tokens.REVOKE: None,
        privacy_tokens.VERIFY: 48 * 3600,
        privacy_tokens.DOWNLOAD: 7 * 24 * 3600,
        privacy_tokens.CANCEL: 90 * 24 * 3600,
    }
    assert {kind: kind.max_age for kind in lifetimes} == lifetimes


def test_the_privacy_links_name_the_request_and_the_address():
    token = privacy_tokens.verify_token_make(request_id=12, email="Ann@Example.org")
    assert privacy_tokens.verify_token_read(token=token) == {"r": 12, "e": "ann@example.org"}
    assert privacy_tokens.cancel_token_read(token=token) is None  # another purpose
    token = privacy_tokens.download_token_make(export_id=3, email="Ann@Example.org")
    assert privacy_tokens.download_token_read(token=token) == {"x": 3, "e": "ann@example.org"}


def test_a_compressed_token_is_shorter_and_reads_back_as_signing_made_it():
    value = {"c": {f"category-{n}": 1 for n in range(20)}}
    plain = SignedToken(salt="tests.cookie").make(value=value)
    packed = SignedToken(salt="tests.cookie", compress=True).make(value=value)
    assert len(packed) < len(plain)
    assert SignedToken(salt="tests.cookie").read(token=packed) == value
    # The consent cookie's format: what browsers already carry stays readable.
    assert signing.loads(packed, salt="tests.cookie") == value
