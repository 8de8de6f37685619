"""Encryption of confidential data (Fernet, keys in ``settings.FIELD_ENCRYPTION_KEYS``: the
first key encrypts, all of them decrypt, so keys can be rotated) and keyed digests of
petitioners' names and contacts (HMAC-SHA256 under ``settings.DIGEST_KEY``, a key of its own
that does not change when the field keys rotate), so that duplicates and public lookups never
need the clear text.

Every key that writes leaves a canary in the database (``danvan.core.keys``): danvan refuses
to start when one is missing. Data that no configured key opens raises ``KeyUnavailable``
(a clear 503), never an empty value read — and audited — as if it were the real one.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from cryptography.fernet import InvalidToken

from danvan.core import keys
from danvan.core.keys import KeyUnavailable
from danvan.lib.text import fold

__all__ = ["KeyUnavailable", "decrypt", "decrypt_bytes", "digest", "encrypt", "encrypt_bytes"]

_DIGITS = re.compile(r"\D+")


def encrypt(text: str) -> bytes:
    keys.remember_field_key()
    return keys.field_fernet().encrypt((text or "").encode())


def decrypt(token) -> str:
    if token is None:
        return ""
    return decrypt_bytes(bytes(token)).decode()


def encrypt_bytes(data: bytes) -> bytes:
    keys.remember_field_key()
    return keys.field_fernet().encrypt(data)


def decrypt_bytes(data: bytes) -> bytes:
    try:
        return keys.field_fernet().decrypt(bytes(data))
    except InvalidToken:
        raise KeyUnavailable() from None


def digest(value: str) -> str:
    if not value:
        return ""
    keys.remember_digest_key()
    return hmac.new(keys.digest_key(), value.encode(), hashlib.sha256).hexdigest()


def name_digest(name: str) -> str:
    return digest(fold(name))


def normal_phone(phone: str) -> str:
    digits = _DIGITS.sub("", phone or "")
    if digits.startswith("84") and len(digits) > 9:
        digits = "0" + digits[2:]
    return digits


def phone_digest(phone: str) -> str:
    return digest(normal_phone(phone))


def email_digest(email: str) -> str:
    return digest((email or "").strip().lower())
