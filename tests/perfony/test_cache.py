"""Without Redis the site degrades instead of failing: a real Redis of the test's own, stopped.

Login, the contact and DPO forms keep working; rate limits count in process memory with a
smaller share of the limit; the captcha is burnt in the database; a warning at most a minute.
"""

import logging

import pytest
import redis
from django.core.cache import cache

from perfony import cache as fallback
from privacy.models import SubjectRequest
from prospects.models import ContactMessage, UsedCaptchaNonce
from tests.factories import UserFactory
from tests.support.captcha import solved_captcha
from tests.support.tenants import in_schema


@pytest.fixture
def redis_stopped(cache_on_own_redis):
    fallback.breaker_reset()
    cache.set("probe", 1)  # connected once, so the outage happens to a live client
    cache_on_own_redis.stop()
    yield cache_on_own_redis
    fallback.breaker_reset()


def test_the_cache_falls_back_to_memory_and_warns_once_a_minute(redis_stopped, caplog):
    caplog.set_level(logging.WARNING, logger="perfony.cache")
    fallback._state["warned_at"] = -fallback.WARN_EVERY
    for _ in range(3):
        fallback.breaker_reset()  # each call tries Redis again and fails again
        assert cache.add("fallback-key", 1, timeout=60) in (True, False)
    assert cache.get("fallback-key") == 1
    warnings = [r for r in caplog.records if "Redis unreachable" in r.getMessage()]
    assert len(warnings) == 1


def test_back_on_redis_once_it_returns(redis_stopped):
    cache.set("during", 1)
    redis_stopped.start()
    fallback.breaker_reset()
    cache.set("after", 2, timeout=60)
    client = redis.Redis.from_url(redis_stopped.cache_url)
    assert any(key.endswith(b":after") for key in client.keys("*"))
    client.close()


def test_login_works_with_redis_stopped(acme, acme_client, redis_stopped):
    with in_schema(acme):
        UserFactory(username="rita", password="a-long-Passw0rd!")
    response = acme_client.post(
        "/accounts/login/", {"login": "rita", "password": "a-long-Passw0rd!"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in acme_client.session


def test_failed_logins_are_still_limited_with_redis_stopped(acme, acme_client, redis_stopped):
    with in_schema(acme):
        UserFactory(username="rita", password="a-long-Passw0rd!")
    for _ in range(6):
        acme_client.post("/accounts/login/", {"login": "rita", "password": "wrong"})
    # Over the limit, even the right password is refused: the limit held without Redis.
    acme_client.post("/accounts/login/", {"login": "rita", "password": "a-long-Passw0rd!"})
    assert "_auth_user_id" not in acme_client.session


def test_the_dpo_form_works_with_redis_stopped_and_stays_limited(public_client, redis_stopped):
    first = public_client.post("/dpo/", {"type": "access", "email": "no.redis@example.org"})
    assert first.status_code == 302
    assert SubjectRequest.objects.filter(email="no.redis@example.org").exists()
    statuses = [
        public_client.post("/dpo/", {"type": "access", "email": f"n{i}@example.org"}).status_code
        for i in range(5)
    ]
    # The usual limit is 5 an hour; in one process's memory it is a third of that.
    assert statuses.count(429) >= 4, statuses
    assert healthz_problem(public_client) == "redis"


def healthz_problem(client) -> str:
    response = client.get("/healthz")
    assert response.status_code == 503
    return next(name for name, value in response.json()["checks"].items() if value != "ok")


def test_the_contact_form_works_and_its_captcha_is_burnt_in_the_database(
    public_client, redis_stopped
):
    captcha = solved_captcha()
    data = {"name": "Ann", "email": "ann@example.com", "message": "Hello", **captcha}
    assert public_client.post("/contact/", data).status_code == 302
    assert ContactMessage.objects.count() == 1
    assert UsedCaptchaNonce.objects.count() == 1
    # From another address: this process's share of the rate limit is already used.
    replay = public_client.post("/contact/", data, REMOTE_ADDR="198.51.100.9")
    assert replay.status_code == 400 and "already used" in replay.content.decode()
    assert ContactMessage.objects.count() == 1


def test_a_captcha_burnt_during_the_outage_stays_burnt_after_it(public_client, redis_stopped):
    from core import captcha

    challenge = captcha.challenge_new()
    a, b = (int(n) for n in challenge.question.split("+"))
    captcha.challenge_verify(token=challenge.token, answer=a + b)
    redis_stopped.start()
    fallback.breaker_reset()
    with pytest.raises(captcha.CaptchaError, match="already used"):
        captcha.challenge_verify(token=challenge.token, answer=a + b)
