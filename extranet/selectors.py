import hashlib

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.selectors import email_address_in_use
from extranet.models import CompanyProfile, Invitation


def email_is_taken(*, email: str, exclude_user: User | None = None) -> bool:
    return email_address_in_use(email=email, exclude_user=exclude_user)


def username_is_taken(*, username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def member_list() -> list[User]:
    """Every member, sorted by name in Python: names are encrypted, so SQL cannot sort them."""
    members = list(User.objects.exclude(username__startswith=User.ERASED_PREFIX))
    return sorted(members, key=lambda u: (not u.is_active, str(u).casefold()))


def admin_count() -> int:
    return User.objects.filter(is_active=True, is_extranet_admin=True).count()


def admin_sole() -> User | None:
    """The only active admin, when there is exactly one (their role cannot be removed)."""
    admins = list(User.objects.filter(is_active=True, is_extranet_admin=True)[:2])
    return admins[0] if len(admins) == 1 else None


def member_is_last_admin(*, member: User) -> bool:
    """Removing this member's admin role would leave no active admin."""
    return member.is_extranet_admin and member.is_active and admin_count() <= 1


def company_profile_get() -> CompanyProfile:
    profile = CompanyProfile.objects.order_by("pk").first()
    return profile or CompanyProfile()


def invitation_pending_list() -> QuerySet[Invitation]:
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def token_hash(token: str) -> str:
    """What is stored of a one-time token (here, not in services: selectors never import them)."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(*, token: str) -> Invitation | None:
    """A usable invitation: unknown, used and expired tokens all give None."""
    return invitation_pending_list().filter(token_hash=token_hash(token)).first()
