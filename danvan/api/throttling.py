"""Request limits per user and per anonymous address, counted in the cache (Redis when
REDIS_URL is set, so every web process shares one count; process memory otherwise).

DRF's own classes copy the rates once, when they are imported; these read them on every
request, so a changed setting (in a test, say) takes effect at once.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _CurrentRates:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserRateThrottle(_CurrentRates, throttling.UserRateThrottle):
    """A logged-in user's requests, whether by token or by browser session."""


class AnonRateThrottle(_CurrentRates, throttling.AnonRateThrottle):
    """Requests without credentials, per client IP (see DANVAN_API_NUM_PROXIES)."""
