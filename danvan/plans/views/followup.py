"""Following plans up: my unit's tasks and their status reports, evidence files, the overdue
tasks of a whole subtree, and the cascade to subordinate units with its dashboard."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.core.files import CONTENT_TYPES
from danvan.core.views import posted
from danvan.plans import selectors
from danvan.plans.forms import CascadeForm, StatusForm
from danvan.plans.rules import ISSUE, MANAGE
from danvan.plans.selectors import AssignmentFilters

PAGE_SIZE = 30


@login_required
@require_GET
def my_tasks(request):
    """Tasks assigned to my units, overdue first, then by the nearest deadline."""
    scope = request.GET.get("scope", selectors.SCOPE_MINE)
    filters = AssignmentFilters(
        scope=selectors.SCOPE_SUBTREE if scope == selectors.SCOPE_SUBTREE else selectors.SCOPE_MINE,
        include_done=request.GET.get("done") == "1",
        overdue_only=request.GET.get("overdue") == "1",
    )
    page = selectors.deadline_page(
        selectors.my_assignments(request.user, filters), request.GET.get("after"), PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "page": page,
        "filters": filters,
        "query_string": query.urlencode(),
        "can_report": bool(access.reach(request.user, MANAGE)),
    }
    template = "plans/_assignment_rows.html" if request.htmx else "plans/my_tasks.html"
    return render(request, template, context)


@login_required
@require_GET
def overdue(request):
    """Leaders' page: every overdue task assigned to a unit of the whole subtree."""
    page = selectors.deadline_page(
        selectors.overdue_assignments(request.user),
        request.GET.get("after"),
        PAGE_SIZE,
        all_overdue=True,
    )
    return render(
        request,
        "plans/overdue.html",
        {"page": page, "query_string": "", "show_unit": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request, assignment_id: int):
    """One unit's part of a task: its reports, and (for the assignee) the report form."""
    assignment = selectors.get_assignment_for(request.user, assignment_id)
    can_report = access.can(request.user, MANAGE, assignment) and not assignment.task.plan.is_draft
    form = None
    if can_report:
        form = StatusForm(
            posted(request),
            request.FILES if request.method == "POST" else None,
            actor=request.user,
            assignment=assignment,
        )
        if request.method == "POST" and form.save():
            messages.success(request, _("Your report was saved."))
            return redirect("plans:assignment-detail", assignment.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, assignment)
    return render(
        request,
        "plans/assignment_detail.html",
        {
            "assignment": assignment,
            "task": assignment.task,
            "plan": assignment.task.plan,
            "updates": selectors.assignment_updates(request.user, assignment),
            "form": form,
        },
    )


@login_required
@require_GET
def evidence_download(request, evidence_id: int):
    """An evidence file, to those who may see its report (never a public media address)."""
    item = selectors.get_evidence_for(request.user, evidence_id)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, OSError):
        raise NotFoundError(_("This file is no longer stored.")) from None
    content_type = CONTENT_TYPES.get(item.kind) or mimetypes.guess_type(item.original_name)[0]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.original_name,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def cascade(request, plan_id: int):
    """Ask subordinate units for implementing plans (the issuer), and the dashboard of who
    issued theirs and how their tasks progress (anyone who sees the plan)."""
    plan = selectors.get_plan_for(request.user, plan_id)
    can_cascade = not plan.is_draft and access.can(request.user, ISSUE, plan)
    form = None
    if can_cascade:
        form = CascadeForm(
            posted(request),
            actor=request.user,
            plan=plan,
            options_url=reverse("plans:unit-options", args=[plan.pk]),
        )
        if request.method == "POST" and form.save():
            messages.success(
                request,
                _("%(count)d units were asked for an implementing plan.")
                % {"count": len(form.result)},
            )
            return redirect("plans:cascade", plan.pk)
    elif request.method == "POST":
        access.require(request.user, ISSUE, plan)
    return render(
        request,
        "plans/cascade.html",
        {"plan": plan, "form": form, "rows": selectors.cascade_dashboard(plan)},
    )
