from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.core import health
from danvan.core.errors import NotFoundError
from danvan.core.middleware import error_payload, wants_json
from danvan.units import selectors as units


@require_GET
@never_cache
def healthz(request):
    """Each part (database, keys, disk, cache, broker) and the overall status: 200 while the
    site can serve ("ok" or "degraded"), 503 when it cannot (danvan/core/health.py)."""
    body, status = health.report()
    return JsonResponse(body, status=status)


def home(request):
    """Officials see their start page; anyone else the public site."""
    if not request.user.is_authenticated:
        return redirect("portal:home")
    return render(request, "core/home.html", {"roots": units.unit_roots(request.user)})


def not_found(request, exception=None):
    """404 for every unknown address: JSON under /api/, a page elsewhere."""
    if wants_json(request):
        return JsonResponse(
            error_payload(NotFoundError.code, NotFoundError.default_message), status=404
        )
    return render(request, "404.html", status=404)


def posted(request):
    """The submitted data for a form, or None for a GET (an empty POST still binds the form)."""
    return request.POST if request.method == "POST" else None
