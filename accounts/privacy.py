from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    Anonymise,
    PersonalModel,
    Row,
    Scope,
    Source,
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
        export_exclude=("password",),
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
        },
        files=("avatar",),
    )
)
