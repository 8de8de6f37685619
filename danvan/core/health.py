"""What /healthz reports: each part the site needs, and an overall status.

- ``database``: a query answers — without it nothing works: overall "error" (503), and a load
  balancer takes the machine out;
- ``keys``: every canary opens (danvan/core/keys.py) — "missing" is an "error" too;
- ``disk``: the media and var folders can be written and have room — "error" when they cannot
  be written; "low" below ``DANVAN_DISK_MIN_FREE_MB`` (degraded);
- ``cache``: Redis answers ("local" without Redis, each process's memory) — down is
  "degraded": pages are still served, sessions come from the database;
- ``broker``: the job queue answers (Redis, or the folder of the one-PC file transport) — down
  is "degraded": e-mails wait in the outbox, the user sees no error.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection

from danvan.conf import env_int

CRITICAL = ("database", "keys", "disk")
OK = "ok"


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 — any failure means "not healthy"
        return f"error: {type(exc).__name__}"
    return OK


def cache() -> str:
    backend = caches["default"]
    ping = getattr(backend, "ping", None)
    if ping is None:
        return "local"
    return OK if ping() else "down"


def broker() -> str:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folder = Path(settings.BROKER_DIR)
        return OK if folder.is_dir() and os.access(folder, os.W_OK) else "error: not writable"
    try:
        from kombu import Connection

        with Connection(url, connect_timeout=2, transport_options={"max_retries": 0}) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return f"down: {type(exc).__name__}"
    return OK


def disk() -> str:
    minimum = env_int("DANVAN_DISK_MIN_FREE_MB", 500, minimum=0) * 1024 * 1024
    worst = OK
    for folder in {Path(settings.MEDIA_ROOT), Path(settings.VAR_DIR)}:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-") as probe:
                probe.write(b"ok")
                probe.flush()
            free = shutil.disk_usage(folder).free
        except OSError as exc:
            return f"error: {exc.strerror or type(exc).__name__}"
        if free < minimum:
            worst = f"low: {free // (1024 * 1024)} MB free"
    return worst


def keys(database_status: str) -> str:
    if database_status != OK:
        return "unknown"
    from danvan.core.keys import status

    return status()


def report() -> tuple[dict[str, str], int]:
    parts = {"database": database()}
    parts["keys"] = keys(parts["database"])
    parts["disk"] = disk()
    parts["cache"] = cache()
    parts["broker"] = broker()
    if any(not parts[name].startswith((OK, "unknown", "low")) for name in CRITICAL):
        overall, status = "error", 503
    elif all(value in (OK, "local") for value in parts.values()):
        overall, status = OK, 200
    else:
        overall, status = "degraded", 200
    return {"status": overall, **parts}, status
