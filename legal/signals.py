from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from legal.models import PolicyVersion


@receiver([post_save, post_delete], sender=PolicyVersion)
def _forget_cached_cookie_policy(sender, **kwargs):
    """This process sees a new cookie policy at once; other processes within 30 seconds."""
    from consent.selectors import consent_version_cache_clear

    consent_version_cache_clear()
