"""Signals of the retention engine.

`extranet_purged(extranet_id, schema_name, slug)` is sent after an extranet's schema was dropped
and its media folder removed. Apps that keep something about the extranet outside its schema
(stored data exports, for instance) delete it in a receiver. Receivers must be idempotent: the
signal is sent again if the run was interrupted before the archive row was marked done.
"""

from django.dispatch import Signal

extranet_purged = Signal()
