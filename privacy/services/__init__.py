"""Writes about subject requests, split by concern; this module re-exports their entry points."""

from privacy.services.erasure import erasure_blockers_locked, erasure_run
from privacy.services.exports import (
    export_build,
    export_download_url,
    exports_delete_for_extranet,
    exports_purge_expired,
)
from privacy.services.holds import SUBJECT_LOCK_CLASS, legal_hold_save, subject_lock
from privacy.services.requests import (
    DUPLICATE_WINDOW,
    EXTENSION_ERRORS,
    TASK_FOR,
    reminders_send,
    request_approve,
    request_cancel,
    request_cancel_by_token,
    request_cancel_for_user,
    request_execute,
    request_extend,
    request_fail,
    request_file_extranet,
    request_file_public,
    request_rectify,
    request_reject,
    request_retry,
    request_verify,
    request_verify_by_token,
    requests_detach_from_extranet,
    requests_expire_unverified,
)
from privacy.services.suppression import suppression_add
from privacy.services.trail import RequestStateError

__all__ = [
    "DUPLICATE_WINDOW",
    "EXTENSION_ERRORS",
    "SUBJECT_LOCK_CLASS",
    "TASK_FOR",
    "RequestStateError",
    "erasure_blockers_locked",
    "erasure_run",
    "export_build",
    "export_download_url",
    "exports_delete_for_extranet",
    "exports_purge_expired",
    "legal_hold_save",
    "reminders_send",
    "request_approve",
    "request_cancel",
    "request_cancel_by_token",
    "request_cancel_for_user",
    "request_execute",
    "request_extend",
    "request_fail",
    "request_file_extranet",
    "request_file_public",
    "request_rectify",
    "request_reject",
    "request_retry",
    "request_verify",
    "request_verify_by_token",
    "requests_detach_from_extranet",
    "requests_expire_unverified",
    "subject_lock",
    "suppression_add",
]
