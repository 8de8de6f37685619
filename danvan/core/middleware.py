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


class RequestBodyMiddleware:
    """Bodies are judged before a view sees them (placed right after LocaleMiddleware, so the
    answer is in the visitor's language, and before anything reads the body):

    - a body announced larger than allowed is refused from its Content-Length with 413, in the
      API's JSON under /api/ — before a byte of it is read (``DANVAN_MAX_UPLOAD_MB`` for forms
      with files, ``DATA_UPLOAD_MAX_MEMORY_SIZE`` for anything else);
    - a body that ends before its announced length (the client disconnected in the middle of
      a file, or stalled past ``DANVAN_WEB_BODY_TIMEOUT``) is refused with 400 and the view
      never runs: nothing is saved, rather than a case without its attachment.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        from danvan.core import responses

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return responses.bad_request(request)
        content_type = request.META.get("CONTENT_TYPE", "")
        multipart = content_type.startswith("multipart/")
        limit = settings.DANVAN_MAX_UPLOAD_BYTES if multipart else settings.DANVAN_MAX_BODY_BYTES
        if length > limit:
            response = responses.too_large(request, limit)
            response["Connection"] = "close"  # the rest of the body is never read
            return response
        form = multipart or content_type.startswith("application/x-www-form-urlencoded")
        if length and (
            request.method == "POST" or (request.method in {"PUT", "PATCH"} and not multipart)
        ):
            try:
                if form and request.method == "POST":
                    request.POST  # noqa: B018 — parse now, to know whether it was whole
                else:
                    request.body  # noqa: B018
            except OSError:  # the connection broke or stalled while reading
                return self._interrupted(request)
            except Exception:  # noqa: BLE001, S110 — malformed: the view answers as before
                pass
            stream = getattr(request, "_stream", None)
            position, expected = getattr(stream, "_pos", None), getattr(stream, "limit", None)
            if position is not None and expected is not None and position < expected:
                return self._interrupted(request)
        return self.get_response(request)

    @staticmethod
    def _interrupted(request: HttpRequest) -> HttpResponse:
        from django.utils.translation import gettext as _

        from danvan.core import responses

        response = responses.plain_error(
            request,
            status=400,
            code="incomplete_body",
            message=_(
                "The sending was interrupted before it ended (the connection broke). Nothing "
                "was saved: send it again."
            ),
            template="400.html",
        )
        response["Connection"] = "close"
        return response
