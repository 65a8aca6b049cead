"""CVs are private files: see core/storage.py (kept here for the migrations that name it)."""

from core.storage import PrivateStorage, private_storage

__all__ = ["PrivateStorage", "private_storage"]
