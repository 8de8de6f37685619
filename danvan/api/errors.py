"""One error format for every API error: {"error": {"code": ..., "message": ...}}."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
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


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(error_payload(exc.code, exc.message, exc.field), status=exc.status)
    if isinstance(exc, Http404):
        return Response(
            error_payload(NotFoundError.code, NotFoundError.default_message),
            status=status.HTTP_404_NOT_FOUND,
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        field, message = _first_message(exc.detail)
        payload = error_payload("invalid", message, field)
        payload["error"]["fields"] = exc.detail if isinstance(exc.detail, dict) else None
        response.data = payload
        return response
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response.data = error_payload("not_authenticated", _("Please log in."))
        return response
    if isinstance(exc, exceptions.PermissionDenied):
        response.data = error_payload("forbidden", _("You do not have permission to do this."))
        return response
    if isinstance(exc, exceptions.Throttled):
        response.data = error_payload("throttled", _("Too many requests. Please try again later."))
        return response
    code = getattr(exc, "default_code", "error")
    response.data = error_payload(str(code), str(getattr(exc, "detail", exc)))
    return response
