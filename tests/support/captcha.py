"""The public forms' math captcha, answered as a person would."""


def solved_captcha() -> dict:
    """A fresh challenge and its right answer, as the form fields a person would send."""
    from core import captcha

    challenge = captcha.challenge_new()
    a, b = (int(n) for n in challenge.question.split("+"))
    return {"captcha_token": challenge.token, "captcha_answer": str(a + b)}
