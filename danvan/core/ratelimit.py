"""Limits per address or per key that every web process shares, counted in the database.

``over_limit("submit:203.0.113.9", (5, 3600))`` says whether that key has used up 5 uses in
its hour, and counts this use. One ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement
(the same SQL on SQLite and PostgreSQL) counts and reads at once, so two processes never both
take the last free use. On one PC without Redis the count is shared by the web workers; at
scale it is shared by every machine, and a Redis outage does not reset it.
"""

from __future__ import annotations

import time

from django.db import connection

from danvan.core.models import RateCounter

_TABLE = RateCounter._meta.db_table


def _now() -> int:
    return int(time.time())


def hit(name: str, seconds: int) -> int:
    """Count one use of ``name`` in a window of ``seconds``; the uses of the window so far."""
    now = _now()
    sql = (
        f"INSERT INTO {_TABLE} (name, hits, window_ends) VALUES (%s, 1, %s) "  # noqa: S608
        f"ON CONFLICT (name) DO UPDATE SET "
        f"hits = CASE WHEN {_TABLE}.window_ends <= %s THEN 1 ELSE {_TABLE}.hits + 1 END, "
        f"window_ends = CASE WHEN {_TABLE}.window_ends <= %s "
        f"THEN excluded.window_ends ELSE {_TABLE}.window_ends END "
        f"RETURNING hits"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [name[:200], now + seconds, now, now])
        return int(cursor.fetchone()[0])


def used(name: str) -> int:
    """The uses of ``name`` in its current window (0 once the window has passed)."""
    row = RateCounter.objects.filter(name=name[:200], window_ends__gt=_now()).values_list(
        "hits", flat=True
    )
    return next(iter(row), 0)


def over_limit(name: str, limit: tuple[int, int], *, count: bool = True) -> bool:
    """Whether ``name`` has used up ``limit`` = (uses, seconds); counts this use when
    ``count`` (a use refused for being over the limit counts too, without moving the window)."""
    allowed, seconds = limit
    if not count:
        return used(name) >= allowed
    return hit(name, seconds) > allowed


def prune(*, now: int | None = None) -> int:
    deleted, _ = RateCounter.objects.filter(window_ends__lte=now or _now()).delete()
    return deleted
