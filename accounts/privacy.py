from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    PERSONAL,
    Anonymise,
    KeptWhile,
    PersonalModel,
    Retained,
    Row,
    Scope,
    Source,
    by_email,
    by_user,
    legitimate_interest,
    register,
)


def _former_user(user) -> str:
    return f"{user.ERASED_PREFIX}{user.pk}"


# No retention of its own: extranet members' accounts go with their extranet (customers rule);
# staff accounts in the public schema are managed by Perfony and are not data subjects here.
register(
    PersonalModel(
        model="accounts.User",
        category="profile",
        description=_(
            "Your account and profile: username, name, email, role, phone, postal address, "
            "position, function, sector of activity and avatar photo."
        ),
        purpose=_("Giving you access to your company's extranet."),
        legal_basis=legitimate_interest(
            _("your company's interest in giving its members access to its extranet")
        ),
        scope=Scope.TENANT,
        subject=by_user("pk"),
        recipients=("hosting", "email", "customer"),
        sources=(Source.YOU, Source.EXTRANET_ADMIN),
        # The row stays, anonymised and unable to log in, so meetings it organised remain for
        # the company and show "former user".
        row=Row.ANONYMISE,
        export_exclude=("password", "email_change_nonce_hash"),
        fields={
            "id": KEEP,
            "password": Anonymise("!erased"),
            "last_login": Anonymise(None),
            "is_superuser": KEEP,
            "username": Anonymise(_former_user),
            "first_name": Anonymise(""),
            "last_name": Anonymise(""),
            "is_staff": KEEP,
            "is_active": Anonymise(False),
            "date_joined": KEEP,
            "email": Anonymise(lambda user: f"former-user-{user.pk}@erased.invalid"),
            "is_extranet_admin": Anonymise(False),
            "phone": Anonymise(""),
            "postal_address": Anonymise(""),
            "position": Anonymise(""),
            "function": Anonymise(""),
            "sector": Anonymise(""),
            "avatar": Anonymise(""),
            "email_change_nonce_hash": Anonymise(""),
        },
        files=("avatar",),
    )
)

# Staff second factors (allauth.mfa, public schema only). Classified with the staff accounts they
# protect. Erasure never removes them: a request naming a staff address must not strip a second
# factor, or whoever knows the password could enrol their own.
_STAFF_SECURITY = _("Security of processing (GDPR Art. 32): access control of the back office")

register(
    PersonalModel(
        model="mfa.Authenticator",
        category="staff_second_factors",
        description=_(
            "Second factors of Perfony staff: authenticator app, security keys, recovery codes."
        ),
        purpose=_("Protecting the staff back office against account takeover."),
        legal_basis=legitimate_interest(_("protecting the staff back office against takeover")),
        scope=Scope.PUBLIC,
        subject=by_email("user__email"),
        sources=(Source.YOU,),
        data_subjects=_("Perfony staff"),
        retention=KeptWhile(
            condition=_("Kept until its owner removes the factor, or the staff account goes."),
            basis=_STAFF_SECURITY,
        ),
        row=Row.RETAIN,
        retained=Retained(basis=_STAFF_SECURITY),
        # Encrypted secrets (TOTP key, recovery seed) and key material: never in an export.
        export_exclude=("data",),
        fields={
            "id": KEEP,
            "user": PERSONAL,
            "type": KEEP,
            "data": PERSONAL,
            "created_at": KEEP,
            "last_used_at": KEEP,
        },
    )
)
