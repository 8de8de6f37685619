"""/healthz reports each part; errors tell the truth (503 when the database is away, a 500
that does not claim "nothing was saved")."""

import logging

import pytest
from django.db import OperationalError
from django.test import Client

from danvan.conftest import login

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens there: as if Redis were stopped


def test_healthz_reports_every_part(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok" and body["keys"] == "ok" and body["disk"] == "ok"
    assert body["cache"] in ("ok", "local") and body["broker"] == "ok"


def test_home_sends_visitors_to_the_public_site(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/cong-khai/"


@pytest.fixture
def redis_stopped(settings):
    """The production cache and sessions, with Redis not answering."""
    settings.CACHES = {
        "default": {
            "BACKEND": "danvan.core.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "KEY_PREFIX": "danvan",
        },
        "sessions": {
            "BACKEND": "danvan.core.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"FALLBACK": False},
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    settings.CELERY_BROKER_URL = DEAD_REDIS


def test_with_redis_stopped_pages_are_served_and_healthz_says_degraded(redis_stopped, cast, caplog):
    caplog.set_level(logging.WARNING, logger="danvan.core.cache")
    client = login(cast.official_a)  # the session is written to the database
    for url in ("/", "/don-vi/", "/thong-bao/", "/ke-hoach/", "/don-thu/"):
        assert client.get(url).status_code == 200, url
    assert "Redis is unreachable" in caplog.text

    health = Client().get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "degraded"
    assert body["database"] == "ok" and body["cache"] == "down"
    assert body["broker"].startswith("down")


def test_with_redis_stopped_api_limits_still_count_in_the_process(
    redis_stopped, cast, settings, caplog
):
    """Throttles fail open to a count in the process's memory, never to an error."""
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "user": "3/minute"},
    }
    client = login(cast.official_a)
    codes = [client.get("/api/v1/units/?q=truong").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_cache_drops_what_it_could_not_update_when_redis_is_back(settings):
    """A key deleted while Redis was away is deleted from Redis when it answers again: a
    session logged out during the outage does not come back."""
    import redis

    from danvan.core.cache import ResilientRedisCache

    url = settings.REDIS_URL or "redis://127.0.0.1:6379/4"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis does not answer")
    cache = ResilientRedisCache(
        url, {"KEY_PREFIX": "test-resilient", "OPTIONS": {"FALLBACK": False}}
    )
    cache.set("session", "logged in", 60)
    live_pool = cache._cache._pools
    cache._cache._pools = {}
    cache._cache._servers = [DEAD_REDIS]  # Redis "stops"
    cache.delete("session")  # logout during the outage: the database alone knows
    assert cache.get("session") is None
    cache._cache._pools = live_pool
    cache._cache._servers = [url]  # Redis is back
    cache._down_until = 0
    assert cache.get("session") is None  # not the stale "logged in"
    cache.delete("session")


def test_a_database_outage_answers_503_with_retry_after(cast, monkeypatch):
    from danvan.units import selectors

    def gone(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    client = login(cast.official_a)
    client.raise_request_exception = False
    monkeypatch.setattr(selectors, "unit_roots", gone)
    monkeypatch.setattr(selectors, "unit_search", gone, raising=False)
    page = client.get("/")
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert "không kết nối được cơ sở dữ liệu" in page.content.decode()

    from danvan.units import api as units_api

    monkeypatch.setattr(units_api.UnitList, "get_queryset", gone)
    api = client.get("/api/v1/units/?q=x")
    assert api.status_code == 503 and api["Retry-After"] == "30"
    assert api.json()["error"]["code"] == "unavailable"


def test_a_500_does_not_claim_nothing_was_saved(cast, monkeypatch):
    from danvan.units import selectors

    def bug(*args, **kwargs):
        raise RuntimeError("a bug")

    client = login(cast.official_a)
    client.raise_request_exception = False
    monkeypatch.setattr(selectors, "unit_roots", bug)
    page = client.get("/")
    assert page.status_code == 500
    text = page.content.decode()
    assert "có thể đã được lưu hoặc chưa" in text
    assert "chưa được lưu" not in text
