from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, Anonymise, PersonalModel, Row, register


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
