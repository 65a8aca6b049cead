from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from security.models import SecurityEvent


def user_for_login(*, login: str):
    """The active account a typed login names in this extranet, if any."""
    if not login:
        return None
    users = get_user_model().objects.filter(is_active=True)
    field = "email__iexact" if "@" in login else "username__iexact"
    return users.filter(**{field: login}).first()


def security_event_list_for_user(*, user, limit: int = 100) -> QuerySet[SecurityEvent]:
    return SecurityEvent.objects.filter(user=user).select_related("user")[:limit]


def security_event_list_for_extranet(*, limit: int = 300) -> QuerySet[SecurityEvent]:
    """Every event of the current schema: it only ever holds this extranet's events."""
    return SecurityEvent.objects.select_related("user")[:limit]
