"""Model fields whose values are encrypted at rest (see core/crypto.py).

Encrypted columns cannot be filtered or sorted in SQL; sort in Python where a page needs it.
An empty value is stored as an empty string, unencrypted: emptiness is not personal data.
"""

from django.db import models

from core import crypto


class EncryptedTextField(models.TextField):
    """A text value stored as a Fernet token. `max_length` is checked on the plaintext."""

    encrypted = True
    column: str  # for mypy: a concrete field always has its column (Field.column may be None)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.decrypt(value, label=f"{self.model._meta.label}.{self.name}")

    def get_lookup(self, lookup_name):
        # Ciphertext is randomised, so only emptiness can be queried; refuse the rest loudly.
        if lookup_name not in ("isnull", "exact"):
            return None
        return super().get_lookup(lookup_name)


def encrypted_fields() -> list[EncryptedTextField]:
    """Every encrypted field of every installed model (for key rotation and checks)."""
    from django.apps import apps

    return [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]
