"""WSGI plumbing around the Django application (danvan/wsgi.py wraps it)."""

from __future__ import annotations

import contextlib
import os

BODY_TIMEOUT_SECONDS = 30


def with_body_timeout(application, seconds: float | None = None):
    """Give each request's socket an idle timeout while its body is read.

    gunicorn's threads read a request body with a blocking socket and no time limit: about
    forty clients that send headers and then stall hold every thread, and the site stops
    answering. With this, a read that waits longer than ``DANVAN_WEB_BODY_TIMEOUT`` seconds
    for the next bytes fails; the request ends with a 400 (``RequestBodyMiddleware``) and the
    thread is free again.
    """
    timeout = float(os.environ.get("DANVAN_WEB_BODY_TIMEOUT") or seconds or BODY_TIMEOUT_SECONDS)

    def app(environ, start_response):
        sock = environ.get("gunicorn.socket")
        if sock is not None and timeout > 0:
            with contextlib.suppress(OSError):
                sock.settimeout(timeout)
        return application(environ, start_response)

    return app
