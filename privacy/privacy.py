"""Classification of Django's and third-party models (apps we do not own)."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, Retained, Row, not_personal, register


def _sessions_of(subject):
    from django.contrib.sessions.models import Session

    if subject.user_id is None:
        return Session.objects.none()
    user_id = str(subject.user_id)
    keys = [
        session.session_key
        for session in Session.objects.iterator(chunk_size=500)
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    return Session.objects.filter(session_key__in=keys)


not_personal("contenttypes.ContentType", "Names of models.")
not_personal("auth.Permission", "Names of permissions.")
not_personal("auth.Group", "Names of roles such as the privacy officers.")

register(
    PersonalModel(
        model="sessions.Session",
        category="sessions",
        description=_("Login sessions (an opaque key and the signed-in user's id)."),
        purpose=_("Keeping you signed in."),
        retention=_("Until the session expires; expired sessions are cleared every night."),
        scope="tenant",
        subject="session_key",
        # A session's user id is inside the encoded data, so sessions are matched by decoding.
        subject_rows=lambda subject: _sessions_of(subject),
        # The key signs its holder in: never in an export sent by link, nor on staff pages.
        export_exclude=("session_key", "session_data"),
        fields={"session_key": PERSONAL, "session_data": PERSONAL, "expire_date": KEEP},
    )
)

register(
    PersonalModel(
        model="admin.LogEntry",
        category="staff_admin_log",
        description=_("Changes made by Perfony staff in the back office."),
        purpose=_("Accountability of staff actions."),
        retention=_("Kept with the staff account; staff accounts are managed by Perfony."),
        scope="public",
        subject="user__email",
        row=Row.RETAIN,
        retained=Retained(
            basis=_("Accountability (GDPR Art. 5(2)): record of staff processing"),
            until=_("End of the staff member's employment plus 3 years"),
        ),
        fields={
            "id": KEEP,
            "action_time": KEEP,
            "user": PERSONAL,
            "content_type": KEEP,
            "object_id": KEEP,
            "object_repr": PERSONAL,
            "action_flag": KEEP,
            "change_message": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="account.EmailAddress",
        category="email_addresses",
        description=_("Your email addresses and whether they are verified."),
        purpose=_("Signing in and sending you account emails."),
        retention=_("As long as your account exists."),
        scope="tenant",
        subject="user",
        fields={"id": KEEP, "user": KEEP, "email": PERSONAL, "verified": KEEP, "primary": KEEP},
    )
)

register(
    PersonalModel(
        model="account.EmailConfirmation",
        category="email_addresses",
        description=_("Pending confirmations of a new email address."),
        purpose=_("Checking that a new address is yours."),
        retention=_("Until confirmed or expired."),
        scope="tenant",
        subject="email_address__user",
        export_exclude=("key",),  # whoever holds the key can confirm the address
        fields={
            "id": KEEP,
            "email_address": PERSONAL,
            "created": KEEP,
            "sent": KEEP,
            "key": PERSONAL,
        },
    )
)

not_personal(
    "privacy.SuppressedEmail",
    "Only a keyed hash of an address: cannot be reversed, and must outlive erasure to work.",
)
register(
    PersonalModel(
        model="privacy.SubjectLegalHold",
        category="legal_holds",
        description=_("Legal holds placed on a person's data."),
        purpose=_("Keeping data that a legal obligation or proceeding requires."),
        retention=_("Until the hold is released, then with the closed request it belongs to."),
        scope="public",
        subject="email",
        row=Row.RETAIN,
        retained=Retained(
            basis=_("Legal obligation or the defence of legal claims (GDPR Art. 17(3)(b) and (e))"),
            until=_("Release of the hold"),
        ),
        fields={
            "id": KEEP,
            "email": PERSONAL,
            "reason": KEEP,
            "created_at": KEEP,
            "released_at": KEEP,
        },
    )
)

_REQUEST_RECORD = Retained(
    basis=_("Accountability (GDPR Art. 5(2) and 12): proof that the request was handled"),
    until=_("5 years after the request is closed"),
)

register(
    PersonalModel(
        model="privacy.SubjectRequest",
        category="privacy_requests",
        description=_("Your requests about your personal data and questions to our DPO."),
        purpose=_("Handling your rights and proving that we did."),
        retention=_("5 years after the request is closed."),
        scope="public",
        subject="email",
        row=Row.RETAIN,
        retained=_REQUEST_RECORD,
        fields={
            "id": KEEP,
            "type": KEEP,
            "consent": KEEP,
            "email": PERSONAL,
            "details": PERSONAL,
            "language": KEEP,
            "status": KEEP,
            "received_at": KEEP,
            "verified_at": KEEP,
            "due_date": KEEP,
            "extended_due_date": KEEP,
            "extension_reason": KEEP,
            "closed_at": KEEP,
            "refusal_reason": KEEP,
            "blocked_reason": KEEP,
            "outcome": KEEP,
            "extranet_schema": KEEP,
            "user_id": PERSONAL,
            "email_verified": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="privacy.RequestEvent",
        category="privacy_requests",
        description=_("The steps taken on your requests: who, when and what."),
        purpose=_("Handling your rights and proving that we did."),
        retention=_("With the request it belongs to."),
        scope="public",
        subject="request__email",
        row=Row.RETAIN,
        retained=_REQUEST_RECORD,
        fields={
            "id": KEEP,
            "request": KEEP,
            "at": KEEP,
            "actor": KEEP,
            "action": KEEP,
            "note": PERSONAL,
        },
    )
)

register(
    PersonalModel(
        model="privacy.DataExport",
        category="data_exports",
        description=_("Copies of your data prepared at your request."),
        purpose=_("Giving you access to your data and a portable copy."),
        retention=_("7 days, then deleted."),
        scope="public",
        subject="request__email",
        files=("file",),
        fields={
            "id": KEEP,
            "request": KEEP,
            "created_at": KEEP,
            "expires_at": KEEP,
            "file": PERSONAL,
            "size": KEEP,
        },
    )
)
