"""Times as the back office reads them: in the site's zone (Europe/Paris), never raw UTC."""

from datetime import datetime

from django.utils import timezone


def local_minute(value: datetime | None) -> str:
    """'2026-12-01 11:27' in the current time zone; '' for no time."""
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
