"""Keeps the current request's client address where services can find it for the audit row."""

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("danvan_client_ip", default=None)


def current_ip() -> str | None:
    return _client_ip.get()


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # REMOTE_ADDR only: behind a proxy, the proxy must set it (see docs/operations.md);
        # a client-supplied X-Forwarded-For would let anyone write any address into the trail.
        token = _client_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
