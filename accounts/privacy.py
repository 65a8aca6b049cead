from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, Anonymise, PersonalModel, Retained, Row, register


def _former_user(user) -> str:
    return f"{user.ERASED_PREFIX}{user.pk}"


register(
    PersonalModel(
        model="accounts.User",
        category="profile",
        description=_(
            "Your account and profile: username, name, email, role, phone, postal address, "
            "position, function, sector of activity and avatar photo."
        ),
        purpose=_("Giving you access to your company's extranet."),
        retention=_("For the customer contract plus 3 years, unless erased earlier."),
        scope="tenant",
        subject="pk",
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
register(
    PersonalModel(
        model="mfa.Authenticator",
        category="staff_second_factors",
        description=_(
            "Second factors of Perfony staff: authenticator app, security keys, recovery codes."
        ),
        purpose=_("Protecting the staff back office against account takeover."),
        retention=_("As long as the staff account exists; staff accounts are managed by Perfony."),
        scope="public",
        subject="user__email",
        row=Row.RETAIN,
        retained=Retained(
            basis=_("Security of processing (GDPR Art. 32): access control of the back office"),
            until=_("Removal of the factor by its owner, or of the staff account"),
        ),
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
