"""Classification of Django's and third-party models (apps we do not own), and privacy's own."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    PERSONAL,
    Anonymise,
    KeptWhile,
    PersonalModel,
    Retained,
    Retention,
    Row,
    Scope,
    Source,
    by_email,
    by_user,
    legal_obligation,
    legitimate_interest,
    not_personal,
    register,
)
from retention.policies import Child, Exemption, field_is, field_is_not

# The mark of an admin log entry whose text was redacted by an erasure (pretix: "shredded").
REDACTED = "[redacted]"


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


def _admin_log_about(subject):
    """Back-office log entries about the subject: on one of their rows, or naming their address.

    Evaluated at once (a list of ids): erasure deletes those rows before it redacts the log.
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from privacy.registry import registry

    q = Q(object_repr__icontains=subject.email) | Q(change_message__icontains=subject.email)
    for entry in registry.entries(scope="public"):
        if entry.model == "admin.LogEntry":
            continue
        ids = [str(pk) for pk in entry.subject_queryset(subject).values_list("pk", flat=True)]
        if ids:
            content_type = ContentType.objects.get_for_model(entry.model_class)
            q |= Q(content_type=content_type, object_id__in=ids)
    about = LogEntry.objects.filter(q).exclude(object_repr=REDACTED)
    return LogEntry.objects.filter(pk__in=list(about.values_list("pk", flat=True)))


not_personal("contenttypes.ContentType", "Names of models.")
not_personal("auth.Permission", "Names of permissions.")
not_personal("auth.Group", "Names of roles such as the privacy officers.")

_ACCOUNT = legitimate_interest(
    _("your company's interest in giving its members access to its extranet")
)

register(
    PersonalModel(
        model="sessions.Session",
        category="sessions",
        description=_("Login sessions (an opaque key and the signed-in user's id)."),
        purpose=_("Keeping you signed in."),
        legal_basis=legitimate_interest(_("keeping signed-in users signed in, securely")),
        scope=Scope.BOTH,
        subject=(),  # matched by subject_rows below
        # A session's user id is inside the encoded data, so sessions are matched by decoding.
        subject_rows=lambda subject: _sessions_of(subject),
        sources=(Source.OBSERVED,),
        data_subjects=_("Extranet users and Perfony staff"),
        retention=Retention(
            key="sessions",
            label=_("Login sessions"),
            anchor=_("the expiry of the session"),
            period=None,
            basis=_("Needed only while you are signed in"),
            anchor_field="expire_date",
            exemptions=(),
            note=_("Cleared every night in every extranet."),
        ),
        # The key signs its holder in: never in an export sent by link, nor on staff pages.
        export_exclude=("session_key", "session_data"),
        fields={"session_key": PERSONAL, "session_data": PERSONAL, "expire_date": KEEP},
    )
)

register(
    PersonalModel(
        model="admin.LogEntry",
        category="staff_admin_log",
        description=_("Changes Perfony staff made in the back office to records about you."),
        purpose=_("Accountability of staff actions."),
        legal_basis=legitimate_interest(_("accountability of staff actions in the back office")),
        scope=Scope.PUBLIC,
        subject=(),  # matched by subject_rows below
        subject_rows=_admin_log_about,
        sources=(Source.STAFF,),
        data_subjects=_("People whose records staff changed, and Perfony staff"),
        retention=KeptWhile(
            condition=_("Kept as long as the staff member's account exists."),
            basis=_("Accountability (GDPR Art. 5(2)): record of staff processing"),
        ),
        # The fact that staff acted stays; what names the person is redacted and marked.
        row=Row.ANONYMISE,
        fields={
            "id": KEEP,
            "action_time": KEEP,
            "user": KEEP,  # the staff member who acted
            "content_type": KEEP,
            "object_id": KEEP,
            "object_repr": Anonymise(REDACTED),
            "action_flag": KEEP,
            "change_message": Anonymise(REDACTED),
        },
    )
)

register(
    PersonalModel(
        model="account.EmailAddress",
        category="email_addresses",
        description=_("Your email addresses and whether they are verified."),
        purpose=_("Signing in and sending you account emails."),
        legal_basis=_ACCOUNT,
        scope=Scope.TENANT,
        subject=by_user("user"),
        recipients=("hosting", "email", "customer"),
        sources=(Source.YOU, Source.EXTRANET_ADMIN),
        fields={"id": KEEP, "user": KEEP, "email": PERSONAL, "verified": KEEP, "primary": KEEP},
    )
)

register(
    PersonalModel(
        model="account.EmailConfirmation",
        category="email_addresses",
        description=_("Pending confirmations of a new email address."),
        purpose=_("Checking that a new address is yours."),
        legal_basis=_ACCOUNT,
        scope=Scope.TENANT,
        subject=by_user("email_address__user"),
        recipients=("hosting", "email"),
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

_REQUESTERS = _("People exercising their rights")

register(
    PersonalModel(
        model="privacy.SubjectLegalHold",
        category="legal_holds",
        description=_("Legal holds placed on a person's data."),
        purpose=_("Keeping data that a legal obligation or proceeding requires."),
        legal_basis=legal_obligation(
            _("keeping what a legal obligation or proceeding requires (GDPR Art. 17(3)(b), (e))")
        ),
        scope=Scope.PUBLIC,
        subject=by_email("email"),
        sources=(Source.STAFF,),
        data_subjects=_REQUESTERS,
        retention=Retention(
            key="legal_holds",
            label=_("Released legal holds on a person"),
            anchor=_("the release of the hold"),
            period={"years": 1},
            basis=_("Showing why data outlived its period, should the release be questioned"),
            anchor_field="released_at",  # a hold in force has none: never purged
            exemptions=(),
        ),
        # An active hold blocks the erasure, so erasure only ever meets released ones: their
        # reason is over, and they name the person.
        fields={
            "id": KEEP,
            "email": PERSONAL,
            "reason": PERSONAL,
            "created_at": KEEP,
            "released_at": KEEP,
        },
    )
)

_REQUEST_CHILDREN = (
    Child("privacy.RequestEvent", "request"),
    Child("privacy.DataExport", "request"),
)
_REQUEST_RECORD = Retained(
    basis=_("Accountability (GDPR Art. 5(2) and 12): proof that the request was handled")
)
_RIGHTS = legal_obligation(_("answering requests about personal data (GDPR Art. 12 to 22)"))

register(
    PersonalModel(
        model="privacy.SubjectRequest",
        category="privacy_requests",
        description=_("Your requests about your personal data and questions to our DPO."),
        purpose=_("Handling your rights and proving that we did."),
        legal_basis=_RIGHTS,
        scope=Scope.PUBLIC,
        subject=by_email("email"),
        recipients=("hosting", "email"),
        data_subjects=_REQUESTERS,
        retention=(
            Retention(
                key="subject_requests",
                label=_("Closed requests about your data (access, erasure, objection...)"),
                anchor=_("the closure of the request"),
                period={"years": 5},
                basis=_("Limitation period for civil claims (French Civil Code art. 2224)"),
                anchor_field="closed_at",  # open requests have none, so they are never purged
                where=field_is_not("status", "expired"),
                exemptions=(Exemption.SUBJECT_LEGAL_HOLD,),
                # Exports are purged days after creation (rule "exports"), long before their
                # request, so deleting them here never leaves a file behind.
                children=_REQUEST_CHILDREN,
                proof=("type", "status", "received_at", "closed_at"),
                note=_(
                    "The audit trail then keeps only the request's number, type, outcome and "
                    "dates, without your address."
                ),
            ),
            Retention(
                key="subject_requests_expired",
                label=_("Requests whose sender never confirmed the address"),
                anchor=_("the expiry of the request, 14 days after it was filed"),
                period={"days": 30},
                basis=_(
                    "Nobody proved the address was theirs: kept only to answer a question "
                    "about the request, then deleted"
                ),
                anchor_field="closed_at",
                where=field_is("status", "expired"),
                exemptions=(Exemption.SUBJECT_LEGAL_HOLD,),
                children=_REQUEST_CHILDREN,
                proof=("type", "status", "received_at", "closed_at"),
            ),
        ),
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
            "error_reason": PERSONAL,  # an exception text may quote personal data
            "outcome": KEEP,
            "extranet_schema": KEEP,
            "user_id": PERSONAL,
            "email_verified": KEEP,
            "extranet_schemas": KEEP,
        },
    )
)

register(
    PersonalModel(
        model="privacy.RequestEvent",
        category="privacy_requests",
        description=_("The steps taken on your requests: who, when and what."),
        purpose=_("Handling your rights and proving that we did."),
        legal_basis=_RIGHTS,
        scope=Scope.PUBLIC,
        subject=by_email("request__email"),
        sources=(Source.YOU, Source.STAFF),
        data_subjects=_REQUESTERS,
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
        legal_basis=legal_obligation(_("the rights of access and portability (GDPR Art. 15, 20)")),
        scope=Scope.PUBLIC,
        subject=by_email("request__email"),
        recipients=("hosting", "email"),
        data_subjects=_REQUESTERS,
        retention=Retention(
            key="exports",
            label=_("Copies of your data prepared for you (export files)"),
            anchor=_("the creation of the file"),
            period={"days": 7},  # privacy.DataExport.LIFETIME_DAYS; a test keeps them equal
            basis=_("Only the time you need to download it"),
            anchor_field="created_at",
            exemptions=(),
            note=_("The download link stops working at the same time."),
        ),
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
