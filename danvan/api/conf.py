"""The API's part of the settings, read from the environment when settings.py loads.

settings.py merges it in one line: ``REST_FRAMEWORK.update(api_platform_settings())``.
This module imports nothing from Django or DRF (settings are not configured yet when it runs).

- DANVAN_API_RATE_USER: requests a logged-in user (token or browser) may make, e.g. "300/minute".
- DANVAN_API_RATE_ANON: requests per anonymous IP address (the schema and docs pages).
  "off" turns a limit off. Periods: second, minute, hour, day.
- DANVAN_API_NUM_PROXIES: how many reverse proxies stand in front of the server, to find the
  client's address in X-Forwarded-For. Defaults to 1 with DANVAN_BEHIND_PROXY=1, else 0: the
  header is then ignored, so a client cannot dodge the limit by inventing addresses.
"""

import re

from danvan.conf import ConfigError, env_bool, env_int, env_str

DEFAULT_USER_RATE = "300/minute"
DEFAULT_ANON_RATE = "60/minute"
_RATE = re.compile(r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$")
_OFF = {"off", "none", "0"}


def parse_rate(name: str, default: str) -> str | None:
    """A DRF rate string from ``name``, or None (no limit) for "off"; a typo stops the start."""
    value = env_str(name, default).strip().lower()
    if value in _OFF:
        return None
    if not _RATE.match(value):
        raise ConfigError(
            f"{name} must look like 300/minute (a number, then second, minute, hour or day) "
            f"or be 'off', got {value!r}."
        )
    return value


def api_platform_settings() -> dict:
    """The REST_FRAMEWORK keys the API platform sets: authentication, throttles, schema class."""
    proxies_default = 1 if env_bool("DANVAN_BEHIND_PROXY", False) else 0
    return {
        "DEFAULT_SCHEMA_CLASS": "danvan.api.schema.AutoSchema",
        # Tokens first: an anonymous request then gets 401 with WWW-Authenticate, not 403.
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "danvan.api.authentication.ApiTokenAuthentication",
            "rest_framework.authentication.SessionAuthentication",
        ],
        # JSON nested past 32 levels is a 400, not a RecursionError (danvan/api/parsers.py).
        "DEFAULT_PARSER_CLASSES": [
            "danvan.api.parsers.JSONParser",
            "rest_framework.parsers.FormParser",
            "rest_framework.parsers.MultiPartParser",
        ],
        "DEFAULT_THROTTLE_CLASSES": [
            "danvan.api.throttling.UserRateThrottle",
            "danvan.api.throttling.AnonRateThrottle",
        ],
        "DEFAULT_THROTTLE_RATES": {
            "user": parse_rate("DANVAN_API_RATE_USER", DEFAULT_USER_RATE),
            "anon": parse_rate("DANVAN_API_RATE_ANON", DEFAULT_ANON_RATE),
        },
        "NUM_PROXIES": env_int("DANVAN_API_NUM_PROXIES", proxies_default, minimum=0),
    }
