"""Encryption at rest for personal fields: MultiFernet over FIELD_ENCRYPTION_KEYS (primary first).

Importable from settings (no Django app imports), so production validates the keys before start-up.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.core.exceptions import ImproperlyConfigured

ENV_NAME = "FIELD_ENCRYPTION_KEYS"
# Every Fernet token is version byte 0x80 then a timestamp, so its base64 starts like this.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105  (a token format marker, not a secret)


class FieldDecryptionError(ImproperlyConfigured):
    """A stored value cannot be decrypted: its key is not in FIELD_ENCRYPTION_KEYS."""


def validate_keys(keys: list[str]) -> list[str]:
    """Return the cleaned keys, or raise ImproperlyConfigured saying exactly what is wrong."""
    cleaned = [k.strip() for k in keys if k.strip()]
    if not cleaned:
        raise ImproperlyConfigured(
            f"{ENV_NAME} is empty: set it to one or more comma-separated Fernet keys "
            "(primary first). Generate one with: python -c 'from cryptography.fernet import "
            "Fernet; print(Fernet.generate_key().decode())'"
        )
    for position, key in enumerate(cleaned, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode())
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            raise ImproperlyConfigured(
                f"{ENV_NAME}: key number {position} is not a Fernet key "
                "(32 bytes, url-safe base64, 44 characters)."
            )
    return cleaned


@lru_cache(maxsize=8)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k) for k in validate_keys(list(keys))])


def multifernet() -> MultiFernet:
    from django.conf import settings

    return _multifernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return multifernet().encrypt(value.encode()).decode()


def decrypt(token: str, *, label: str = "a field") -> str:
    try:
        return multifernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise FieldDecryptionError(
            f"Cannot decrypt {label}: the key that encrypted it is not in {ENV_NAME} "
            "(wrong or missing key), or the stored value is not ciphertext."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt under the primary key; plaintext left by an old schema gets encrypted."""
    if not token.startswith(TOKEN_PREFIX):
        return encrypt(token)
    try:
        return multifernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise FieldDecryptionError(
            f"Cannot rotate a value: its key is not in {ENV_NAME}."
        ) from None


def is_current(token: str) -> bool:
    """True when the primary key decrypts the token (nothing to rotate)."""
    if not token.startswith(TOKEN_PREFIX):
        return False
    try:
        multifernet()._fernets[0].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


# --- Files at rest (the access exports) ---------------------------------------------------
# Chunked so memory stays flat for any size: a marker, then records of a 4-byte length and a
# Fernet token. Each token holds a last-chunk flag and its index, so a file cut short, or with
# chunks reordered or dropped, fails to decrypt instead of yielding a shorter file.
FILE_MAGIC = b"PFYENC1\n"
FILE_CHUNK = 1024 * 1024


def encrypt_file(src, dst, *, chunk_size: int = FILE_CHUNK) -> None:
    """Encrypt the binary stream `src` into `dst` under the primary field key."""
    fernet = multifernet()
    dst.write(FILE_MAGIC)
    index, chunk = 0, src.read(chunk_size)
    while True:
        following = src.read(chunk_size)
        last = not following
        token = fernet.encrypt(bytes([last]) + index.to_bytes(8, "big") + chunk)
        dst.write(len(token).to_bytes(4, "big") + token)
        if last:
            return
        index, chunk = index + 1, following


def is_encrypted_file(head: bytes) -> bool:
    return head.startswith(FILE_MAGIC)


def decrypt_file(src):
    """Yield the plaintext of a file written by encrypt_file, chunk by chunk (any key)."""
    if src.read(len(FILE_MAGIC)) != FILE_MAGIC:
        raise FieldDecryptionError("Not an encrypted file.")
    fernet = multifernet()
    index = 0
    while True:
        head = src.read(4)
        token = src.read(int.from_bytes(head, "big")) if len(head) == 4 else b""
        try:
            plain = fernet.decrypt(token)
        except InvalidToken:
            raise FieldDecryptionError(
                f"Cannot decrypt a file: cut short, altered, or its key is not in {ENV_NAME}."
            ) from None
        if int.from_bytes(plain[1:9], "big") != index:
            raise FieldDecryptionError("Cannot decrypt a file: its chunks are out of order.")
        yield plain[9:]
        if plain[0]:
            if src.read(1):
                raise FieldDecryptionError("Cannot decrypt a file: data after its last chunk.")
            return
        index += 1
