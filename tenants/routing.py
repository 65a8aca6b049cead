"""Host -> extranet lookup for every request, cached in Redis.

Without the cache each request on an extranet host costs a query on tenants_domain joined to
tenants_extranet before the view runs, which the public host is spared by nothing but luck of
ordering. The cache holds the Extranet row's fields (not a pickled model, so a code change never
meets an old object), and is invalidated by the signals below whenever a Domain or an Extranet is
saved or deleted, immediately and again once the transaction commits (a request that read the old
row in between cannot leave it behind). A host that names no extranet is cached as missing for a
minute only, so a new extranet's host works as soon as its Domain row commits anyway.

The `routing` cache alias has no per-schema key function: a lookup happens before any schema is
chosen, and an invalidation may run from any schema.
"""

from __future__ import annotations

import logging

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from tenants.models import Domain, Extranet

logger = logging.getLogger(__name__)

TTL_FOUND = 3600  # a safety net only: every change that matters invalidates the key
TTL_MISSING = 60
_MISSING = "missing"


def _cache():
    return caches["routing"]


def _key(host: str) -> str:
    return f"tenants:host:{host}"


def _fields() -> list[str]:
    return [field.attname for field in Extranet._meta.concrete_fields]


def _from_db(host: str) -> Extranet | None:
    domain = Domain.objects.select_related("tenant").filter(domain=host).first()
    return domain.tenant if domain else None


def extranet_for_host(*, host: str) -> Extranet | None:
    """The extranet (or the public tenant) a host routes to, or None for an unknown host."""
    key = _key(host)
    try:
        cached = _cache().get(key)
    except Exception:  # Redis down: route from the database rather than fail every request
        logger.warning("routing cache unavailable; host looked up in the database", exc_info=True)
        return _from_db(host)
    if cached == _MISSING:
        return None
    if cached is not None:
        names = _fields()
        return Extranet.from_db("default", names, [cached[name] for name in names])
    extranet = _from_db(host)
    value = {n: getattr(extranet, n) for n in _fields()} if extranet else _MISSING
    try:
        _cache().set(key, value, TTL_FOUND if extranet else TTL_MISSING)
    except Exception:
        logger.warning("routing cache unavailable; lookup not cached", exc_info=True)
    return extranet


def routing_forget(*, hosts: list[str]) -> None:
    """Drop the cached routing of these hosts now and again when the transaction commits."""
    keys = [_key(host) for host in hosts if host]
    if not keys:
        return

    def forget():
        try:
            _cache().delete_many(keys)
        except Exception:
            logger.warning("routing cache unavailable; %d keys left to expire", len(keys))

    forget()
    transaction.on_commit(forget)


def extranet_routing_forget(*, extranet_id: int) -> None:
    """For a change to an Extranet row that bypassed save() (a queryset update)."""
    routing_forget(
        hosts=list(Domain.objects.filter(tenant_id=extranet_id).values_list("domain", flat=True))
    )


@receiver(pre_save, sender=Domain, dispatch_uid="tenants.routing.domain_pre_save")
def _domain_remember_old_host(sender, instance: Domain, **kwargs) -> None:
    instance._routing_old_host = (
        Domain.objects.filter(pk=instance.pk).values_list("domain", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Domain, dispatch_uid="tenants.routing.domain_saved")
@receiver(post_delete, sender=Domain, dispatch_uid="tenants.routing.domain_deleted")
def _domain_changed(sender, instance: Domain, **kwargs) -> None:
    routing_forget(hosts=[instance.domain, getattr(instance, "_routing_old_host", None)])


@receiver(post_save, sender=Extranet, dispatch_uid="tenants.routing.extranet_saved")
@receiver(post_delete, sender=Extranet, dispatch_uid="tenants.routing.extranet_deleted")
def _extranet_changed(sender, instance: Extranet, **kwargs) -> None:
    extranet_routing_forget(extranet_id=instance.pk)
