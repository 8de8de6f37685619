from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.core import jobs, pickers
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError
from danvan.core.middleware import error_payload, wants_json
from danvan.core.models import JobStatus


@require_GET
@never_cache
def healthz(request):
    """Liveness and database check for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception=None):
    """404 for every unknown address: JSON under /api/, a page elsewhere."""
    if wants_json(request):
        return JsonResponse(
            error_payload(NotFoundError.code, NotFoundError.default_message), status=404
        )
    return render(request, "404.html", status=404)


def server_error(request):
    if wants_json(request):
        message = _("The system had a problem; nothing was saved. Please try again later.")
        return JsonResponse(error_payload("server_error", message), status=500)
    return render(request, "500.html", status=500)


def posted(request):
    """The submitted data for a form, or None for a GET (an empty POST still binds the form)."""
    return request.POST if request.method == "POST" else None


# --- The picker's matches ---------------------------------------------------------------------


@require_GET
def picker(request, source: str):
    """Matches of what the user typed among what ``source`` lets them pick (JSON, ≤ 20 rows)."""
    if not request.user.is_authenticated:
        return JsonResponse(
            error_payload(NotFoundError.code, NotFoundError.default_message), status=404
        )
    try:
        picker_source = pickers.get(source)
    except KeyError:
        return JsonResponse(
            error_payload(NotFoundError.code, NotFoundError.default_message), status=404
        )
    query = request.GET.get("q", "")[:100]
    results = [
        {"value": str(row.pk), "text": label}
        for row, label in picker_source.matches(request.user, query)
    ]
    return JsonResponse({"results": results})


# --- Background jobs ---------------------------------------------------------------------------


@login_required
def job_list(request):
    return render(request, "core/job_list.html", {"jobs": jobs.jobs_of(request.user)})


@login_required
def job_detail(request, job_id):
    """The job's progress (the page polls itself while the job runs) and its result."""
    job = jobs.get_job_for(request.user, job_id)
    template = "core/_job_progress.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, job_id):
    job = jobs.get_job_for(request.user, job_id)
    if job.status != JobStatus.DONE or not job.result:
        raise NotFoundError()
    return attachment(job.result.open("rb").read(), job.result_name or "ket-qua")
