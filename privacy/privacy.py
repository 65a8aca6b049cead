"""Classification of Django's and third-party models (apps we do not own)."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, Retained, Row, not_personal, register

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
        subject_q=lambda subject: None,
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
