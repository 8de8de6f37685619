"""The keys that open confidential data, checked before danvan serves anything.

- Field keys (``DANVAN_FIELD_KEYS`` or ``var/field_key``): Fernet keys; the first encrypts,
  every one decrypts. The first time a key encrypts, a canary — a known text encrypted under
  it — is stored in the database (``KeyCanary``, with the key's fingerprint, never the key).
- The digest key (``DANVAN_DIGEST_KEY`` or ``var/digest_key``): the HMAC key of the digests
  that tracking lookups and duplicate detection compare. Its canary is the digest of a known
  text, stored the first time a digest is computed.

``problems()`` lists every canary the configured keys do not open; the web server, the
workers, the scheduler and every management command (a system check) refuse to start while
there is one, with a message naming the missing key by fingerprint and where it is expected.
Without the check a lost key file was silently replaced by a new key: identities then read as
empty, scans failed and every tracking lookup answered "not found".
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.errors import DomainError

logger = logging.getLogger(__name__)

FIELD, DIGEST = "field", "digest"
CANARY_TEXT = b"danvan key canary v1"


class KeyUnavailable(DomainError):
    """Confidential data that no configured key opens (a key was lost or left out)."""

    status = 503
    code = "key_missing"
    default_message = gettext_lazy(
        "This confidential data was encrypted with a key this server does not have. Nothing "
        "was shown or changed. Tell the administrator: the key must be restored "
        "(DANVAN_FIELD_KEYS or var/field_key, from the backup)."
    )


def _bytes(key) -> bytes:
    return key.encode() if isinstance(key, str) else bytes(key)


def fingerprint(key) -> str:
    """A short public name for a key (a hash, from which the key cannot be found)."""
    return hashlib.sha256(b"danvan.key-fingerprint:" + _bytes(key)).hexdigest()[:16]


def field_keys() -> list[str]:
    return list(settings.FIELD_ENCRYPTION_KEYS)


def field_fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in field_keys()])


def digest_key() -> bytes:
    return _bytes(settings.DIGEST_KEY)


def _digest_canary(key: bytes) -> str:
    return hmac.new(key, CANARY_TEXT, hashlib.sha256).hexdigest()


def _remember(purpose: str, fp: str, token: str) -> None:
    from danvan.core.models import KeyCanary

    KeyCanary.objects.bulk_create(
        [KeyCanary(purpose=purpose, fingerprint=fp, token=token)], ignore_conflicts=True
    )


def remember_field_key() -> None:
    """Record the canary of the key that encrypts now (call where data is encrypted; inside
    the same transaction, so a rolled-back write leaves no canary either)."""
    key = field_keys()[0]
    _remember(FIELD, fingerprint(key), Fernet(key).encrypt(CANARY_TEXT).decode())


_digest_remembered: set[tuple[str, str]] = set()


def remember_digest_key() -> None:
    """Record the digest key's canary, once per process and database."""
    key = digest_key()
    marker = (connection.settings_dict.get("NAME") or "", fingerprint(key))
    if marker in _digest_remembered:
        return
    _remember(DIGEST, fingerprint(key), _digest_canary(key))
    transaction.on_commit(lambda: _digest_remembered.add(marker))


def _source(name: str, file_name: str) -> str:
    if os.environ.get(name):
        return name
    return f"{name} (unset, so {settings.VAR_DIR / file_name})"


def problems() -> list[str]:
    """A sentence for every canary the configured keys do not open; [] when all is well."""
    from danvan.core.models import KeyCanary

    found: list[str] = []
    fernet = field_fernet()
    configured = {fingerprint(k) for k in field_keys()}
    digest = digest_key()
    for canary in KeyCanary.objects.order_by("created_at", "pk"):
        since = formats.date_format(timezone.localtime(canary.created_at), "d/m/Y")
        if canary.purpose == FIELD:
            try:
                opened = fernet.decrypt(canary.token.encode()) == CANARY_TEXT
            except InvalidToken:
                opened = False
            if not opened:
                found.append(
                    _(
                        "Confidential data was encrypted with the field key %(fp)s (in use "
                        "since %(since)s), and %(source)s does not hold it. Put that key back "
                        "(new key first, older keys after it) or restore it from the backup."
                    )
                    % {
                        "fp": canary.fingerprint,
                        "since": since,
                        "source": _source("DANVAN_FIELD_KEYS", "field_key"),
                    }
                )
            elif canary.fingerprint not in configured:  # pragma: no cover — same key, new name
                logger.warning("keys: canary %s opened by a key of another name", canary.pk)
        elif canary.purpose == DIGEST and not hmac.compare_digest(
            canary.token, _digest_canary(digest)
        ):
            found.append(
                _(
                    "Tracking codes and duplicate detection use the digest key %(fp)s (in "
                    "use since %(since)s), and %(source)s holds another one: every older "
                    "case would not be found. Put that key back or restore it from the "
                    "backup."
                )
                % {
                    "fp": canary.fingerprint,
                    "since": since,
                    "source": _source("DANVAN_DIGEST_KEY", "digest_key"),
                }
            )
    return found


def status() -> str:
    """ "ok", "missing" (a canary does not open) or "unknown" (the database cannot say)."""
    try:
        return "missing" if problems() else "ok"
    except DatabaseError:
        return "unknown"


def check_at_start() -> None:
    """Raise ImproperlyConfigured, in the site's language, when a key is missing. A database
    that cannot be read yet (not migrated, not reachable) is not a key problem: it passes."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            found = problems()
            if not found:
                return
            heading = _(
                "danvan will not start: encrypted data exists that none of the configured keys "
                "opens. Starting anyway would show it as empty and write new data with another "
                "key."
            )
            message = "\n".join([heading, *(f"- {line}" for line in found)])
    except DatabaseError:
        return
    for path in list(getattr(settings, "KEYS_GENERATED", [])):
        # The key made at this start because the file was missing opens nothing: remove it,
        # so that restoring the real one is not confused by it.
        try:
            os.remove(path)
            settings.KEYS_GENERATED.remove(path)
        except OSError:
            pass
    raise ImproperlyConfigured(message)
