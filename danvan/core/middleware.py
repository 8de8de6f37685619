from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from danvan.core.errors import DomainError
from danvan.core.once import AlreadyDone


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def error_payload(code: str, message: str, field: str | None = None) -> dict:
    error = {"code": code, "message": str(message)}
    if field:
        error["field"] = field
    return {"error": error}


def _back(request: HttpRequest) -> str:
    """The page the user sent the form from, when it is one of ours; else the home page."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


class DomainErrorMiddleware:
    """Turn a DomainError that escaped a view into a proper page or JSON answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DomainError):
            return None
        if isinstance(exception, AlreadyDone):
            # The first request did the work: say so, on the page the user came from.
            if wants_json(request):
                return JsonResponse(error_payload(exception.code, exception.message), status=409)
            messages.info(request, exception.message)
            if request.headers.get("HX-Request"):
                return HttpResponse(status=204, headers={"HX-Redirect": _back(request)})
            response = HttpResponseRedirect(_back(request))
            response.status_code = 303
            return response
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
