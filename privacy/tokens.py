"""Signed links for people without an account: identity check (48 h), export download and
cancellation. Each names the request (or export) and the address it was sent to; the reader
checks both against the row."""

from core.tokens import SignedToken

VERIFY = SignedToken(salt="privacy.request.verify", max_age=48 * 3600)
DOWNLOAD = SignedToken(salt="privacy.export.download", max_age=7 * 24 * 3600)
CANCEL = SignedToken(salt="privacy.request.cancel", max_age=90 * 24 * 3600)  # > any deadline


def verify_token_make(*, request_id: int, email: str) -> str:
    return VERIFY.make(value={"r": request_id, "e": email.lower()})


def verify_token_read(*, token: str) -> dict | None:
    return VERIFY.read_dict(token=token, keys=("r", "e"))


def download_token_make(*, export_id: int, email: str) -> str:
    return DOWNLOAD.make(value={"x": export_id, "e": email.lower()})


def download_token_read(*, token: str) -> dict | None:
    return DOWNLOAD.read_dict(token=token, keys=("x", "e"))


def cancel_token_make(*, request_id: int, email: str) -> str:
    return CANCEL.make(value={"r": request_id, "e": email.lower()})


def cancel_token_read(*, token: str) -> dict | None:
    return CANCEL.read_dict(token=token, keys=("r", "e"))
