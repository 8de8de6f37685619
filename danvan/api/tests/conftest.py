import uuid

import pytest
from django.test import Client
from django.utils import translation

from danvan.api import services


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _own_throttle_counts(settings):
    """Each test counts requests in a cache of its own, so throttling never leaks between tests
    (or between parallel workers, which share user ids and Redis)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"api-tests-{uuid.uuid4()}",
        },
    }


@pytest.fixture
def token_for():
    """``token_for(user, **kwargs)``: the secret of a new API token of ``user``."""

    def make(user, *, name="script", expires_at=None) -> str:
        return services.token_create(actor=user, name=name, expires_at=expires_at).secret

    return make


@pytest.fixture
def api_client(token_for):
    """``api_client(user)``: a client that sends a new token of ``user`` with every request."""

    def make(user, secret: str | None = None, keyword: str = "Bearer") -> Client:
        secret = secret or token_for(user)
        return Client(headers={"Authorization": f"{keyword} {secret}"})

    return make
