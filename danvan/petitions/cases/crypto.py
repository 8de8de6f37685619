"""Encryption of confidential data (Fernet, keys in ``settings.FIELD_ENCRYPTION_KEYS``: the
first key encrypts, all of them decrypt, so keys can be rotated) and keyed digests of
petitioners' names and contacts (HMAC-SHA256 under a key derived from the same first key), so
that duplicates and public lookups never need the clear text."""

from __future__ import annotations

import hashlib
import hmac
import re

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from danvan.lib.text import fold

_DIGITS = re.compile(r"\D+")


def _fernet() -> MultiFernet:
    keys = settings.FIELD_ENCRYPTION_KEYS
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text: str) -> bytes:
    return _fernet().encrypt((text or "").encode())


def decrypt(token) -> str:
    if token is None:
        return ""
    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken:
        return ""


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(data: bytes) -> bytes:
    return _fernet().decrypt(data)


def _digest_key() -> bytes:
    key = settings.FIELD_ENCRYPTION_KEYS[0]
    key = key.encode() if isinstance(key, str) else key
    return hashlib.sha256(b"danvan.petitions.digest:" + key).digest()


def digest(value: str) -> str:
    if not value:
        return ""
    return hmac.new(_digest_key(), value.encode(), hashlib.sha256).hexdigest()


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
