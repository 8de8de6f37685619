"""OpenAPI schema pieces: the error envelope, the token scheme, and an AutoSchema that documents
the errors every endpoint can answer with, so no operation has to list them by hand."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema_serializer
from rest_framework import serializers

from danvan.api.pagination import DefaultCursorPagination as Paging

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@extend_schema_serializer(component_name="ApiErrorBody")
class ApiErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Stable machine-readable code: invalid, not_authenticated, token_invalid, "
        "token_expired, token_revoked, account_inactive, forbidden, otp_required, not_found, "
        "conflict, throttled, …"
    )
    message = serializers.CharField(help_text="A sentence for people, in the request's language.")
    field = serializers.CharField(required=False, help_text="The input the error is about.")
    fields = serializers.DictField(
        required=False, help_text="On invalid input: every message, per input name."
    )


@extend_schema_serializer(component_name="ApiError")
class ApiErrorSerializer(serializers.Serializer):
    """The envelope of every API error: {"error": {"code", "message", "field"?, "fields"?}}."""

    error = ApiErrorBodySerializer()


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(ApiErrorSerializer, description=description)


ERRORS = {
    "400": "Invalid input: `field` names it, `fields` lists every message.",
    "401": "No credentials, or an API token that is wrong, expired or revoked, or whose "
    "account is deactivated.",
    "403": "Not allowed, two-factor verification pending (browser session), or a missing "
    "CSRF token on a write with a browser session.",
    "404": "Not found, out of the caller's reach, or an invalid page cursor.",
    "429": "Too many requests: wait the seconds given in Retry-After.",
}
HEADERS = {
    "401": {
        "WWW-Authenticate": {
            "schema": {"type": "string"},
            "description": 'How to authenticate: Bearer realm="api".',
        }
    },
    "429": {
        "Retry-After": {
            "schema": {"type": "integer"},
            "description": "Seconds to wait before the next request.",
        }
    },
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, plus the error responses the platform can produce anywhere:
    401 (authentication), 403 (permissions), 404 (path ids and page cursors), 400 (any input),
    429 (throttles), each with the ApiError body. An operation's own entries win."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._possible_errors(operation):
            if code not in responses:
                responses[code] = self._get_response_for_code(error_response(ERRORS[code]), code)
            if code in HEADERS:
                responses[code].setdefault("headers", {}).update(HEADERS[code])
        return operation

    def _possible_errors(self, operation: dict) -> list[str]:
        view = self.view
        codes = []
        # A bad page_size is ignored and a bad cursor is a 404: paging alone gives no 400.
        paging = {Paging.cursor_query_param, Paging.page_size_query_param}
        has_query = any(
            p.get("in") == "query" and p.get("name") not in paging
            for p in operation.get("parameters", [])
        )
        if has_query or "requestBody" in operation or self.method in WRITE_METHODS:
            codes.append("400")
        if getattr(view, "authentication_classes", None):
            codes.append("401")
        codes.append("403")
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            codes.append("404")
        if getattr(view, "throttle_classes", None):
            codes.append("429")
        return codes


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "danvan.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "dvn_…",
            "description": "A personal API token, created on your profile page: send "
            "`Authorization: Bearer <token>` (or `Token <token>`).",
        }
