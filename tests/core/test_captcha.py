import pytest
import time_machine
from django.core import signing

from core import captcha
from prospects.models import ContactMessage
from tests.support.captcha import solved_captcha

# The single-use check also reads the nonces burnt in the database while Redis was down.
pytestmark = pytest.mark.django_db


def _right_answer(challenge):
    a, b = (int(n) for n in challenge.question.split("+"))
    return a + b


def test_right_answer_passes_once():
    challenge = captcha.challenge_new()
    captcha.challenge_verify(token=challenge.token, answer=_right_answer(challenge))
    with pytest.raises(captcha.CaptchaError, match="already used"):
        captcha.challenge_verify(token=challenge.token, answer=_right_answer(challenge))


def test_wrong_answer_fails_and_burns_the_token():
    challenge = captcha.challenge_new()
    with pytest.raises(captcha.CaptchaError, match="Wrong answer"):
        captcha.challenge_verify(token=challenge.token, answer=_right_answer(challenge) + 1)
    # A bot cannot then try every number on the same question.
    with pytest.raises(captcha.CaptchaError, match="already used"):
        captcha.challenge_verify(token=challenge.token, answer=_right_answer(challenge))


def test_expired_token_fails():
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False):
        challenge = captcha.challenge_new()
    with (
        time_machine.travel("2026-03-02 10:21:00+00:00", tick=False),
        pytest.raises(captcha.CaptchaError, match="expired"),
    ):
        captcha.challenge_verify(token=challenge.token, answer=_right_answer(challenge))


def test_token_within_its_lifetime_passes():
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False):
        challenge = captcha.challenge_new()
    with time_machine.travel("2026-03-02 10:19:00+00:00", tick=False):
        captcha.challenge_verify(token=challenge.token, answer=_right_answer(challenge))


def test_forged_token_fails():
    forged = signing.dumps({"n": "x", "h": "y"}, salt="another-salt")
    with pytest.raises(captcha.CaptchaError, match="could not be checked"):
        captcha.challenge_verify(token=forged, answer=4)


def test_token_does_not_carry_the_answer():
    challenge = captcha.challenge_new()
    payload = signing.loads(challenge.token, salt=captcha.SALT)
    assert str(_right_answer(challenge)) not in payload.values()
    assert set(payload) == {"n", "h"}


def test_replayed_contact_post_is_refused(public_client):
    data = {
        "name": "Ann",
        "email": "ann@example.com",
        "message": "Hello",
        **solved_captcha(),
    }
    assert public_client.post("/contact/", data).status_code == 302
    replay = public_client.post("/contact/", data)
    assert replay.status_code == 400
    assert "already used" in replay.content.decode()
    assert ContactMessage.objects.count() == 1
