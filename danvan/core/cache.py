"""A Redis cache that survives Redis being away.

The cache is an accelerator: nothing in danvan may fail because it is gone. Every operation
that cannot reach Redis (refused, reset, timed out) is answered locally instead, with one
logged warning per outage:

- with ``FALLBACK`` (the default cache: API throttles, cached pages) a small cache in the
  process's memory stands in, so limits keep counting — per process — instead of vanishing;
- without it (the sessions' cache) a read is a miss and a write is skipped: sessions are kept
  in the database (``cached_db``), which then answers alone.

After a failure Redis is left alone for ``RETRY_SECONDS``, so a dead server costs one refused
connection every few seconds rather than one per call. Keys written or deleted while Redis was
away are deleted from Redis when it answers again: an entry it kept from before the outage
(a session since logged out, a stale count) is never served again.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
DIRTY_MAX = 10_000


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis.exceptions

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        use_fallback = options.pop("FALLBACK", True)
        self.retry_seconds = float(options.pop("RETRY_SECONDS", RETRY_SECONDS))
        # A stopped server is refused at once; an unreachable one must not hang a request.
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 2)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._fallback = None
        if use_fallback:
            local = {k: v for k, v in params.items() if k in {"TIMEOUT", "KEY_PREFIX", "VERSION"}}
            self._fallback = LocMemCache(f"danvan-fallback-{id(self)}", local)
        self._errors = _redis_errors()
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down_since: float | None = None
        self._dirty: set[tuple[str, int | None]] = set()

    # -- state ------------------------------------------------------------------------------

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, operation: str, exc: BaseException) -> None:
        with self._lock:
            first = self._down_since is None
            self._down_until = time.monotonic() + self.retry_seconds
            if first:
                self._down_since = time.monotonic()
        if first:
            logger.warning(
                "cache: Redis is unreachable (%s during %s); answering from %s until it is back",
                type(exc).__name__,
                operation,
                "this process's memory" if self._fallback is not None else "the database",
            )

    def _recover(self) -> None:
        """Redis answers again: first delete what was written or deleted while it was away
        (raises, keeping the list, if it fails again), then serve from it."""
        with self._lock:
            dirty = list(self._dirty)
        for key, version in dirty:
            super().delete(key, version=version)
        with self._lock:
            self._dirty.difference_update(dirty)
            outage = time.monotonic() - (self._down_since or time.monotonic())
            self._down_since = None
        logger.warning(
            "cache: Redis answers again after %.0f s; %d stale keys dropped", outage, len(dirty)
        )

    def _mark_dirty(self, keys, version) -> None:
        with self._lock:
            if len(self._dirty) < DIRTY_MAX:
                self._dirty.update((key, version) for key in keys)

    def _call(self, operation: str, keys, version, write: bool, remote, local, missing):
        if not self.is_down:
            try:
                if self._down_since is not None:
                    self._recover()
                return remote()
            except self._errors as exc:
                self._failed(operation, exc)
        if write:
            self._mark_dirty(keys, version)
        if self._fallback is None:
            return missing
        return local(self._fallback)

    # -- the cache API ----------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call(
            "get",
            [key],
            version,
            False,
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda f: f.get(key, default, version),
            default,
        )

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._call(
            "get_many",
            keys,
            version,
            False,
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda f: f.get_many(keys, version),
            {},
        )

    def has_key(self, key, version=None):
        return self._call(
            "has_key",
            [key],
            version,
            False,
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda f: f.has_key(key, version),
            False,
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set",
            [key],
            version,
            True,
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            lambda f: f.set(key, value, timeout, version),
            None,
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "add",
            [key],
            version,
            True,
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            lambda f: f.add(key, value, timeout, version),
            False,
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        data = dict(data)
        return self._call(
            "set_many",
            list(data),
            version,
            True,
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            lambda f: f.set_many(data, timeout, version),
            list(data),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "touch",
            [key],
            version,
            True,
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            lambda f: f.touch(key, timeout, version),
            False,
        )

    def delete(self, key, version=None):
        return self._call(
            "delete",
            [key],
            version,
            True,
            lambda: super(ResilientRedisCache, self).delete(key, version),
            lambda f: f.delete(key, version),
            False,
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call(
            "delete_many",
            keys,
            version,
            True,
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda f: f.delete_many(keys, version),
            None,
        )

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found")

        result = self._call(
            "incr",
            [key],
            version,
            True,
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            lambda f: f.incr(key, delta, version),
            missing,
        )
        return result() if callable(result) else result

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def clear(self):
        if self._fallback is not None:
            self._fallback.clear()
        return self._call(
            "clear",
            [],
            None,
            False,
            lambda: super(ResilientRedisCache, self).clear(),
            lambda f: True,
            False,
        )

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz), whatever the circuit breaker says."""
        try:
            self._cache.get_client(write=False).ping()
        except self._errors as exc:
            self._failed("ping", exc)
            return False
        if self._down_since is not None:
            try:
                self._recover()
            except self._errors as exc:
                self._failed("ping", exc)
                return False
        return True
