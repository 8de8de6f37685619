from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from danvan.core.errors import DomainError


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def error_payload(code: str, message: str, field: str | None = None) -> dict:
    error = {"code": code, "message": str(message)}
    if field:
        error["field"] = field
    return {"error": error}


class DomainErrorMiddleware:
    """Turn a DomainError that escaped a view into a proper page or JSON answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DomainError):
            return None
        if wants_json(request):
            return JsonResponse(
                error_payload(exception.code, exception.message, exception.field),
                status=exception.status,
            )
        return render(
            request,
            "core/error.html",
            {"status": exception.status, "message": exception.message, "code": exception.code},
            status=exception.status,
        )
