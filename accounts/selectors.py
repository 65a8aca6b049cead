"""Reads about accounts: whether the owner of an address proved it."""

from allauth.account.models import EmailAddress

from accounts.models import User


def email_is_verified(*, user: User) -> bool:
    """True only when the user's current address was proved by its owner (a link sent to it).

    Read in the user's own schema. A missing row counts as unverified.
    """
    if not user.email:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def email_address_in_use(*, email: str, exclude_user: User | None = None) -> bool:
    """Whether another account of this schema holds the address, as its login or as a row."""
    users = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email)
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
        addresses = addresses.exclude(user=exclude_user)
    return users.exists() or addresses.exists()
