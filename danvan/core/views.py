from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.core import health, jobs, pickers
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError
from danvan.core.middleware import error_payload, wants_json
from danvan.core.models import JobStatus


@require_GET
@never_cache
def healthz(request):
    """Each part (database, keys, disk, cache, broker) and the overall status: 200 while the
    site can serve ("ok" or "degraded"), 503 when it cannot (danvan/core/health.py)."""
    body, status = health.report()
    return JsonResponse(body, status=status)


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
