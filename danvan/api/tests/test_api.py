"""The API platform: token endpoints, one error format, access as in the UI, cursors, throttles."""

import base64
import socket
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from danvan.api.models import ApiToken
from danvan.api.tests.helpers import error_of
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type

TOKENS = reverse("api:token-list")
UNITS = reverse("api:unit-list")


def unit_url(unit) -> str:
    return reverse("api:unit-detail", args=[unit.pk])


# --- Same reach as the web pages ----------------------------------------------------------


def test_a_token_of_commune_b_cannot_see_commune_a(cast, api_client):
    client = api_client(cast.official_b)
    for unit in (cast.tree.commune_a, cast.tree.village_a):
        response = client.get(unit_url(unit))
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    response = client.get(reverse("api:unit-children", args=[cast.tree.commune_a.pk]))
    assert response.status_code == 404
    listed = {u["id"] for u in client.get(UNITS).json()["results"]}
    assert cast.tree.commune_a.pk not in listed
    assert cast.tree.commune_b.pk in listed


def test_a_token_of_commune_a_sees_commune_a(cast, api_client):
    response = api_client(cast.official_a).get(unit_url(cast.tree.commune_a))
    assert response.status_code == 200
    assert response.json()["name"] == "Xã Trường Sơn"


# --- The caller's own tokens --------------------------------------------------------------


def test_the_token_list_shows_ones_own_tokens_without_secrets(cast, api_client, token_for):
    token_for(cast.official_b, name="Của Bình")
    secret = token_for(cast.official_a, name="Của An")
    body = api_client(cast.official_a, secret).get(TOKENS).json()
    assert [t["name"] for t in body["results"]] == ["Của An"]
    [listed] = body["results"]
    assert set(listed) == {
        "id", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at",
        "is_active",
    }  # fmt: skip
    assert listed["is_active"] is True
    assert secret.startswith(listed["prefix"])
    assert secret not in str(body)


def test_another_persons_token_is_404(cast, api_client, token_for):
    token_for(cast.official_a)
    theirs = ApiToken.objects.get()
    client = api_client(cast.official_b)
    response = client.get(reverse("api:token-detail", args=[theirs.pk]))
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert client.get(reverse("api:token-detail", args=[theirs.pk + 100])).status_code == 404
    mine = ApiToken.objects.get(user=cast.official_b)
    assert client.get(reverse("api:token-detail", args=[mine.pk])).json()["id"] == mine.pk


def test_the_token_list_walks_by_cursor(cast, api_client, token_for):
    for i in range(6):
        token_for(cast.official_a, name=f"t{i}")
    client = api_client(cast.official_a)  # the seventh
    seen, url, pages = [], f"{TOKENS}?page_size=3", 0
    while url:
        body = client.get(url).json()
        seen += [t["name"] for t in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert seen == ["script", "t5", "t4", "t3", "t2", "t1", "t0"]  # newest first


def test_the_units_list_walks_by_cursor_with_a_token(cast, api_client):
    for i in range(8):
        OrgUnitFactory(
            name=f"Thôn {i}", unit_type=unit_type("village"), level=Level.VILLAGE,
            parent=cast.tree.commune_a,
        )  # fmt: skip
    client = api_client(cast.official_a)
    first = client.get(UNITS, {"page_size": 4}).json()
    assert "count" not in first
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert third["next"] is None
    ids = [u["id"] for page in (first, second, third) for u in page["results"]]
    assert len(ids) == len(set(ids)) == 11
    assert ids == sorted(ids, reverse=True)
    back = client.get(second["previous"]).json()
    assert back["results"] == first["results"]


def test_an_altered_cursor_is_a_404_in_the_error_format(cast, api_client):
    altered = base64.b64encode(b"o=x&p=1").decode()  # a cursor is base64 of o, r, p
    response = api_client(cast.official_a).get(UNITS, {"cursor": altered})
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "not_found"
    assert error["message"] == "This page link is not valid. Start again from the first page."


# --- One error format ---------------------------------------------------------------------


def test_an_unknown_api_address_is_a_json_404(cast, api_client):
    for path in ("/api/v2/units/", "/api/v1/units/-1/", "/api/v1/units"):
        response = api_client(cast.official_a).get(path)
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


def test_a_wrong_method_is_405_in_the_error_format(cast, api_client):
    response = api_client(cast.official_a).delete(unit_url(cast.tree.commune_a))
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_browser_sessions_still_work_and_writes_need_the_csrf_token(cast, client_for):
    session = client_for(cast.official_a)
    assert session.get(UNITS).status_code == 200
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.official_a)
    response = strict.post(TOKENS, {})
    assert response.status_code == 403
    assert error_of(response)["code"] == "csrf_failed"


def test_a_token_needs_no_csrf_token(cast, token_for):
    secret = token_for(cast.official_a)
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    assert client.post(TOKENS, {}).status_code == 405  # past authentication: only no such method


def test_an_unverified_administrator_session_gets_a_json_403(cast):
    client = Client()
    client.force_login(cast.admin)
    response = client.get(UNITS)
    assert response.status_code == 403
    assert error_of(response)["code"] == "otp_required"


# --- Throttling ---------------------------------------------------------------------------


def _rates(settings, user: str | None, anon: str | None) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": user, "anon": anon},
    }


def _redis_available() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["memory", "redis"])
def throttle_cache(request, settings):
    """Counts in process memory (one PC) and in Redis (several web processes). Redis keys
    expire after the rate's period; the prefix keeps runs apart."""
    if request.param == "redis":
        if not _redis_available():
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/2",
                "KEY_PREFIX": f"danvan-test-{uuid.uuid4()}",
            },
        }
    return request.param  # "memory": the fresh cache of conftest's _own_throttle_counts


def test_too_many_requests_are_429_with_retry_after(cast, api_client, settings, throttle_cache):
    _rates(settings, "3/minute", None)
    client = api_client(cast.official_a)
    assert [client.get(UNITS).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(UNITS)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    error = error_of(response)
    assert error["code"] == "throttled"
    assert error["message"].startswith("Too many requests. Please try again in ")
    # The limit is per person: someone else is still served.
    assert api_client(cast.official_b).get(UNITS).status_code == 200


def test_anonymous_requests_are_limited_per_address(cast, settings, throttle_cache):
    _rates(settings, None, "2/minute")
    here, there = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    assert [here.get("/api/schema/").status_code for _ in range(2)] == [200, 200]
    response = here.get("/api/schema/")
    assert response.status_code == 429
    assert error_of(response)["code"] == "throttled"
    # A made-up X-Forwarded-For does not escape the limit (no proxy is configured).
    assert here.get("/api/schema/", headers={"X-Forwarded-For": "1.2.3.4"}).status_code == 429
    assert there.get("/api/schema/").status_code == 200
