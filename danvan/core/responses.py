"""Answers given when the request cannot be served normally: the database is away (503), the
body is too large (413), the request is malformed (400), or an unexpected error (500).

They never touch the database (it may be the thing that failed) and never pretend to know
what happened to the user's data: a 500 says it *may* have been saved.
"""

from __future__ import annotations

import sys

from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from danvan.core.middleware import error_payload, wants_json

RETRY_AFTER_SECONDS = 30


def plain_error(
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: str,
    template: str,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """JSON for the API, a self-contained page otherwise (no context processor, no query)."""
    if wants_json(request):
        response = JsonResponse(error_payload(code, message), status=status)
    else:
        html = render_to_string(template, {"message": message})
        response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` says the database cannot be reached or is busy right now (connection
    refused or lost, server restarting, SQLite locked) rather than a bug in a query."""
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable(request: HttpRequest) -> HttpResponse:
    return plain_error(
        request,
        status=503,
        code="unavailable",
        message=_(
            "The database cannot be reached at the moment. Wait a minute, then check whether "
            "what you sent was saved before sending it again."
        ),
        template="503.html",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 with Retry-After when the database is away, else an honest 500."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable(request)
    return plain_error(
        request,
        status=500,
        code="server_error",
        message=_(
            "The system had a problem. What you sent may or may not have been saved: check "
            "before sending it again. If this happens again, tell the administrator."
        ),
        template="500.html",
    )


def too_large(request: HttpRequest, limit_bytes: int | None = None) -> HttpResponse:
    from django.template.defaultfilters import filesizeformat

    if limit_bytes:
        message = _(
            "What you sent is too large: at most %(max)s can be sent at once. Send fewer or "
            "smaller files, then add the others separately."
        ) % {"max": filesizeformat(limit_bytes)}
    else:
        message = _("What you sent is too large. Send fewer or smaller files.")
    return plain_error(request, status=413, code="too_large", message=message, template="400.html")


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """handler400: the API's JSON format under /api/; a too-large body is a 413."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return too_large(request)
    return plain_error(
        request,
        status=400,
        code="bad_request",
        message=_("The request could not be understood. Reload the page and try again."),
        template="400.html",
    )
