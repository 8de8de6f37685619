"""Import of an existing plan: read its text, review the proposed draft, save it as a draft
plan (``plan_create_from_draft``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.plans import import_jobs
from danvan.plans.forms.imports import ImportReviewForm, ImportSourceForm
from danvan.plans.rules import MANAGE

STEP_READ = "read"
STEP_SAVE = "save"


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    step = request.POST.get("step") if request.method == "POST" else None
    if step == STEP_SAVE:
        review = ImportReviewForm(request.POST, actor=request.user)
        if review.save():
            plan = review.result
            messages.success(
                request,
                _("The plan was imported as a draft with %(tasks)d tasks: check it, then issue it.")
                % {"tasks": plan.tasks.count()},
            )
            return redirect("plans:plan-detail", plan.pk)
        return render(request, "plans/import_review.html", {"form": review})
    source = ImportSourceForm(
        request.POST if step == STEP_READ else None,
        request.FILES if step == STEP_READ else None,
        actor=request.user,
    )
    if step == STEP_READ and source.is_valid():
        text, upload = source.cleaned_data["text"], source.cleaned_data.get("file")
        if import_jobs.is_large(text, upload if upload and not text else None):
            job = import_jobs.import_start(
                actor=request.user,
                unit=source.cleaned_data["unit"],
                text=text,
                upload=upload if not text else None,
            )
            return redirect(job)  # its progress page; the review page opens when it is done
        review = ImportReviewForm(
            actor=request.user,
            unit=source.cleaned_data["unit"],
            text=source.cleaned_data["text"],
        )
        return render(request, "plans/import_review.html", {"form": review})
    return render(request, "plans/import.html", {"form": source})


@login_required
@require_http_methods(["GET"])
def plan_import_job(request, job_id):
    """The review page of a plan read by a background job (only its owner sees it)."""
    job, unit, *_rest = import_jobs.load(request.user, job_id)
    if unit is None:
        return redirect(job)  # still running (or failed): its own page says so
    review = ImportReviewForm(actor=request.user, job_id=str(job.pk))
    return render(request, "plans/import_review.html", {"form": review})
