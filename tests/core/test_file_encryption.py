"""Files encrypted at rest with the field keys: chunked, any key decrypts, nothing altered
or cut short is ever returned as if whole."""

import io

import pytest
from cryptography.fernet import Fernet

from core import crypto

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
DATA = bytes(range(256)) * 40  # 10 KiB: several chunks at 1 KiB


def _sealed(data=DATA) -> bytes:
    out = io.BytesIO()
    crypto.encrypt_file(io.BytesIO(data), out, chunk_size=1024)
    return out.getvalue()


def test_round_trip_across_chunks_and_a_key_rotation(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    sealed = _sealed()
    assert DATA[:64] not in sealed and crypto.is_encrypted_file(sealed)
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    assert b"".join(crypto.decrypt_file(io.BytesIO(sealed))) == DATA
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    with pytest.raises(crypto.FieldDecryptionError):
        b"".join(crypto.decrypt_file(io.BytesIO(sealed)))


def test_a_file_cut_short_or_reordered_fails(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    sealed = _sealed()
    records, rest = [], sealed[len(crypto.FILE_MAGIC) :]
    while rest:
        size = int.from_bytes(rest[:4], "big")
        records.append(rest[: 4 + size])
        rest = rest[4 + size :]
    assert len(records) == 10
    for broken in (
        records[:-1],  # the last chunk dropped
        [records[1], records[0], *records[2:]],  # two chunks swapped
        [*records, records[-1]],  # data after the end
    ):
        with pytest.raises(crypto.FieldDecryptionError):
            b"".join(crypto.decrypt_file(io.BytesIO(crypto.FILE_MAGIC + b"".join(broken))))
    with pytest.raises(crypto.FieldDecryptionError):
        b"".join(crypto.decrypt_file(io.BytesIO(b"PK\x03\x04 a plain zip")))


def test_an_empty_file_round_trips(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    assert b"".join(crypto.decrypt_file(io.BytesIO(_sealed(b"")))) == b""
