"""Household voting codes: made, printed once, and only ever stored as keyed digests.

A code is ``CODE_LENGTH`` characters from an alphabet without look-alikes (no 0/O, 1/I/L,
2/Z, 5/S, 8/B): 25 ** 12 ≈ 6 × 10^16 codes, about 56 bits. A village of 500 households holds
500 of them; a guesser allowed a few tries an hour (``public_views``) would need longer than
the age of the universe to hit one. Printed in groups of four (``ACDE-FGHJ-KMNP``); typed
codes are read in any case, with or without spaces and dashes.

Two digests, under two keys derived from the field-encryption key (``DANVAN_FIELD_KEYS``, kept
apart from the database):

- ``code_digest(matter, code)`` is stored on the code row: it proves a typed code is one of
  the matter's codes;
- ``ballot_key(matter, code)`` is stored on the ballot: the same household finds its ballot
  again to change it.

Neither can be computed without the printed code, and one cannot be computed from the other,
so the database alone ties no ballot to a code row. Both cover the matter's id: a code of one
village's vote is nothing in another's. With several keys (rotation), every key is tried.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 12
GROUP = 4


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def printed(code: str) -> str:
    """``ACDEFGHJKMNP`` → ``ACDE-FGHJ-KMNP``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normal(text: str) -> str:
    """What the household typed, upper-cased, without spaces and dashes ("" if it cannot be a
    code at all: the same answer as a wrong code follows, so nothing is revealed)."""
    cleaned = "".join(ch for ch in str(text or "")[:64].upper() if ch not in " -_.\t")
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return cleaned


def _keys(purpose: bytes) -> list[bytes]:
    keys = []
    for key in settings.FIELD_ENCRYPTION_KEYS:
        raw = key.encode() if isinstance(key, str) else bytes(key)
        keys.append(hashlib.sha256(b"danvan.democracy." + purpose + b":" + raw).digest())
    return keys


def _digest(key: bytes, matter_id: int, code: str) -> str:
    return hmac.new(key, f"{matter_id}:{code}".encode(), hashlib.sha256).hexdigest()


def code_digest(matter_id: int, code: str) -> str:
    """The digest stored for a new code (under the first key)."""
    return _digest(_keys(b"code")[0], matter_id, code)


def code_digests(matter_id: int, code: str) -> list[str]:
    """The digests of a typed code under every key, to look it up (rotation-safe)."""
    return [_digest(key, matter_id, code) for key in _keys(b"code")]


def ballot_keys(matter_id: int, code: str) -> list[str]:
    """The ballot keys of a code under every key; the first is the one new ballots use."""
    return [_digest(key, matter_id, code) for key in _keys(b"ballot")]
