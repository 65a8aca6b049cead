"""The suppression list outlives key rotations: SECRET_KEY never matters, and rotating
SUPPRESSION_KEYS (new key first, old ones kept) keeps every suppressed address suppressed."""

from django.test import override_settings

from privacy.models import SuppressedEmail
from privacy.selectors import email_hmac, email_is_suppressed
from privacy.services import suppression_add

OLD = "old-suppression-key-0123456789abcdefghij"
NEW = "new-suppression-key-abcdefghij0123456789"
ADDRESSES = {
    "first@example.org": "objection_prospecting",
    "second@example.org": "objection_partners",
    "third@example.org": "erasure",
}


def test_rotating_secret_key_then_suppression_keys_keeps_every_address(db):
    with override_settings(SUPPRESSION_KEYS=[OLD], SECRET_KEY="secret-before-rotation"):
        for email, reason in ADDRESSES.items():
            suppression_add(email=email, reason=reason)
    with override_settings(SUPPRESSION_KEYS=[OLD], SECRET_KEY="secret-after-rotation"):
        assert all(email_is_suppressed(email=e, reasons=[r]) for e, r in ADDRESSES.items())
    with override_settings(SUPPRESSION_KEYS=[NEW, OLD], SECRET_KEY="secret-after-rotation"):
        assert all(email_is_suppressed(email=e.upper(), reasons=[r]) for e, r in ADDRESSES.items())
        assert not email_is_suppressed(email="never@example.org")
        # Already on the list under the old key: no second entry under the new one.
        suppression_add(email="first@example.org", reason="objection_prospecting")
        assert SuppressedEmail.objects.count() == len(ADDRESSES)
        # A new entry is written under the primary key, so it survives dropping the old key.
        suppression_add(email="fourth@example.org", reason="erasure")
        assert SuppressedEmail.objects.filter(email_hmac=email_hmac(email="fourth@example.org"))
    with override_settings(SUPPRESSION_KEYS=[NEW]):
        assert email_is_suppressed(email="fourth@example.org")
        # Dropping a key drops its entries: this is why old keys must be kept.
        assert not email_is_suppressed(email="first@example.org")


def test_the_list_does_not_depend_on_secret_key(db, settings):
    settings.SUPPRESSION_KEYS = [OLD]
    settings.SECRET_KEY = "one"
    first = email_hmac(email="a@example.org")
    settings.SECRET_KEY = "two"
    assert email_hmac(email="a@example.org") == first
    settings.SUPPRESSION_KEYS = [NEW]
    assert email_hmac(email="a@example.org") != first


def test_a_missing_key_is_a_startup_error(settings):
    from privacy.checks import suppression_keys_set

    assert suppression_keys_set() == []
    settings.SUPPRESSION_KEYS = []
    assert [e.id for e in suppression_keys_set()] == ["privacy.E002"]
