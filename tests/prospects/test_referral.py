"""The friend's name and address are stored nowhere: every schema and Redis key is searched."""

import logging

import pytest
import redis
from django.core import mail
from django.core.cache import cache
from django.db import connection

from tests.support.captcha import solved_captcha

FRIEND_EMAIL = "friend.unique.7c1f@example.org"
FRIEND_NAME = "Zebulon Quixotic-Friend"
TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb", "bytea")


def referral_data(**overrides) -> dict:
    data = {
        "referrer_name": "Rita Referrer",
        "referrer_email": "rita@example.com",
        "friend_name": FRIEND_NAME,
        "friend_email": FRIEND_EMAIL,
        **solved_captcha(),
    }
    data.update(overrides)
    return data


def database_hits(needle: str) -> list[str]:
    """Every (schema.table.column) in any schema whose text contains the needle."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns "
            "JOIN information_schema.tables USING (table_schema, table_name) "
            "WHERE table_type = 'BASE TABLE' AND data_type = ANY(%s) "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema')",
            [list(TEXT_TYPES)],
        )
        columns = cursor.fetchall()
        hits = []
        for schema, table, column in columns:
            cursor.execute(
                f'SELECT 1 FROM "{schema}"."{table}" '
                f'WHERE position(lower(%s) in lower("{column}"::text)) > 0 LIMIT 1',
                [needle],
            )
            if cursor.fetchone():
                hits.append(f"{schema}.{table}.{column}")
    assert len(columns) > 50  # the scan really covers the public and the extranet schemas
    return hits


def _redis_values(client: redis.Redis, key: bytes) -> list[bytes]:
    kind = client.type(key).decode()
    readers = {
        "string": lambda: [client.get(key)],
        "list": lambda: client.lrange(key, 0, -1),
        "set": lambda: list(client.smembers(key)),
        "zset": lambda: client.zrange(key, 0, -1),
        "hash": lambda: [b for kv in client.hgetall(key).items() for b in kv],
        "stream": lambda: [repr(client.xrange(key)).encode()],
    }
    return [v for v in readers.get(kind, list)() if v is not None]


def redis_hits(needle: str) -> list[str]:
    """Every Redis key, in every database (cache, broker), whose name or value has the needle."""
    pool = cache._cache.get_client(write=False).connection_pool
    hits = []
    for db in range(16):
        kwargs = {**pool.connection_kwargs, "db": db}
        client = redis.Redis(
            connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **kwargs)
        )
        for key in client.scan_iter(count=500):
            blobs = [key, *_redis_values(client, key)]
            if any(needle.lower().encode() in blob.lower() for blob in blobs):
                hits.append(f"db{db}:{key!r}")
    return hits


@pytest.fixture
def sent_referral(public_client, caplog):
    caplog.set_level(logging.DEBUG)
    response = public_client.post("/referral/", referral_data())
    assert response.status_code == 302
    return caplog


def test_friend_receives_exactly_one_invitation(sent_referral):
    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == [FRIEND_EMAIL]
    assert FRIEND_NAME in invitation.body and "Rita Referrer" in invitation.body


def test_friend_is_stored_nowhere(sent_referral):
    for needle in (FRIEND_EMAIL, FRIEND_NAME):
        assert database_hits(needle) == []
        assert redis_hits(needle) == []
        assert not [r for r in sent_referral.records if needle in r.getMessage()]


def test_referrer_is_rate_limited_by_a_hash_not_an_address(sent_referral):
    assert redis_hits("rita@example.com") == []
    assert redis_hits("ratelimit:referrer") != []


def test_the_scan_finds_what_is_stored(public_client):
    """The scans are able to fail: a contact message, which is stored, is found."""
    public_client.post(
        "/contact/",
        {"name": "Kept", "email": "kept.9d2a@example.org", "message": "hi", **solved_captcha()},
    )
    cache.set("probe", "kept.9d2a@example.org")
    assert "public.prospects_prospect.email" in database_hits("kept.9d2a@example.org")
    assert redis_hits("kept.9d2a@example.org") != []


def test_referrer_cannot_send_more_than_three(public_client):
    for n in range(3):
        data = referral_data(friend_email=f"f{n}@example.org")
        assert (
            public_client.post("/referral/", data, REMOTE_ADDR=f"198.51.100.{n}").status_code == 302
        )
    response = public_client.post("/referral/", referral_data(), REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert len(mail.outbox) == 3
    assert FRIEND_EMAIL in response.content.decode()  # the form keeps what was typed


def test_referral_needs_the_captcha(public_client):
    response = public_client.post("/referral/", referral_data(captcha_answer="-1"))
    assert response.status_code == 400
    assert mail.outbox == []


def test_friend_cannot_be_the_referrer(public_client):
    response = public_client.post("/referral/", referral_data(friend_email="RITA@example.com"))
    assert response.status_code == 400
    assert mail.outbox == []


def test_honeypot_sends_nothing(public_client):
    response = public_client.post("/referral/", referral_data(website="x"))
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_refused_invitation_is_a_form_error_and_logs_no_address(
    public_client, caplog, monkeypatch
):
    import smtplib

    from django.core.mail import EmailMessage

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({FRIEND_EMAIL: (550, b"no such user")})

    monkeypatch.setattr(EmailMessage, "send", refuse)
    caplog.set_level(logging.DEBUG)
    response = public_client.post("/referral/", referral_data())
    assert response.status_code == 400
    assert "could not send the invitation" in response.content.decode()
    assert not [r for r in caplog.records if FRIEND_EMAIL in r.getMessage() or r.exc_info]
    assert database_hits(FRIEND_EMAIL) == []


@pytest.mark.parametrize("reason", ["objection_prospecting", "erasure", "unsubscribe"])
def test_a_suppressed_friend_gets_no_invitation(public_client, reason):
    from privacy.services import suppression_add

    suppression_add(email=FRIEND_EMAIL.upper(), reason=reason)
    response = public_client.post("/referral/", referral_data())
    assert response.status_code == 302  # same answer: the form does not reveal the list
    assert mail.outbox == []
