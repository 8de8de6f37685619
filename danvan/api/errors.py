"""One error format for every API error: {"error": {"code": ..., "message": ..., "field"?}}.

``code`` is stable and machine-readable; ``message`` is a sentence in the request's language
(Vietnamese by default). A 400 from a serializer also carries ``fields``: every message per
input. The schema documents this as the ``ApiError`` component (danvan/api/schema.py).
"""

import math

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from danvan.core.errors import DomainError, NotFoundError
from danvan.core.middleware import error_payload


def _first_message(detail) -> tuple[str | None, str]:
    """The first (field, message) of a DRF error detail, for a one-line summary."""
    if isinstance(detail, dict):
        for field, value in detail.items():
            inner_field, message = _first_message(value)
            return (field if field != "non_field_errors" else inner_field), message
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return None, str(detail)


def _throttled_message(wait: float | None) -> str:
    if wait is None:
        return _("Too many requests. Please try again later.")
    seconds = max(1, math.ceil(wait))
    return ngettext(
        "Too many requests. Please try again in %(seconds)d second.",
        "Too many requests. Please try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def _payload_for(exc: exceptions.APIException) -> dict:
    from danvan.api.authentication import TokenRejected

    if isinstance(exc, exceptions.ValidationError):
        field, message = _first_message(exc.detail)
        payload = error_payload("invalid", message, field)
        if isinstance(exc.detail, dict):
            payload["error"]["fields"] = exc.detail
        return payload
    if isinstance(exc, TokenRejected):
        return error_payload(exc.error_code, str(exc.detail))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return error_payload(
            "not_authenticated",
            _("Log in, or send an API token in the Authorization header (Bearer <token>)."),
        )
    if isinstance(exc, exceptions.PermissionDenied):
        if str(exc.detail).startswith("CSRF Failed"):
            return error_payload(
                "csrf_failed",
                _("The security token of the page (CSRF) is missing or wrong. Reload the page."),
            )
        return error_payload("forbidden", _("You do not have permission to do this."))
    if isinstance(exc, exceptions.Throttled):
        return error_payload("throttled", _throttled_message(exc.wait))
    if isinstance(exc, exceptions.NotFound):
        default = str(exc.detail) == str(exceptions.NotFound.default_detail)
        return error_payload(
            NotFoundError.code, NotFoundError.default_message if default else str(exc.detail)
        )
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
    return error_payload(str(code), str(exc.detail))


def exception_handler(exc, context):
    if isinstance(exc, RecursionError):  # JSON nested a thousand levels, whatever the parser
        from danvan.api.parsers import MAX_DEPTH, too_deep_message

        return Response(
            error_payload("parse_error", too_deep_message(MAX_DEPTH)),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DomainError):
        return Response(error_payload(exc.code, exc.message, exc.field), status=exc.status)
    if isinstance(exc, Http404):
        return Response(
            error_payload(NotFoundError.code, NotFoundError.default_message),
            status=status.HTTP_404_NOT_FOUND,
        )
    # DRF's handler sets the status and the WWW-Authenticate and Retry-After headers.
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: a 500, logged and mailed like any other
    response.data = _payload_for(exc)
    return response


@csrf_exempt  # nothing to protect: it only answers "not found", for writes too
def api_not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint: a 404 in the same format."""
    return JsonResponse(
        error_payload(NotFoundError.code, _("There is no API endpoint at this address.")),
        status=status.HTTP_404_NOT_FOUND,
    )


class JsonErrorsMixin:
    """For views whose success is not JSON (the YAML schema, the docs page): errors still are."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code >= 400:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response
