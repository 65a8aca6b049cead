"""Receivers of other apps' signals. Connected in PrivacyConfig.ready."""

from django.dispatch import receiver

from retention.signals import extranet_purged


@receiver(extranet_purged, dispatch_uid="privacy.exports_of_purged_extranet")
def exports_of_purged_extranet_delete(sender, *, schema_name: str, **kwargs) -> None:
    """Exports live in public, outside the dropped schema: they go with the extranet."""
    from privacy.services import exports_delete_for_extranet, requests_detach_from_extranet

    exports_delete_for_extranet(schema_name=schema_name)
    requests_detach_from_extranet(schema_name=schema_name)
