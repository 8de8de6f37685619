"""Pages that write the sections and tasks of a plan (an amendment once it is issued)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.accounts import access
from danvan.core.views import posted
from danvan.plans import selectors, services
from danvan.plans.forms import ConfirmForm, SectionForm, TaskForm
from danvan.plans.rules import ISSUE, MANAGE
from danvan.plans.views.plans import picker_results


def _writable_plan(request, plan_id):
    """The plan if the user may change it now: a draft with plans.manage, an issued plan
    with plans.issue (an amendment). 404 if out of sight, 403 if only visible."""
    plan = selectors.get_plan_for(request.user, plan_id)
    access.require(request.user, MANAGE if plan.is_draft else ISSUE, plan)
    return plan


def _saved(request, plan) -> None:
    messages.success(
        request,
        _("The changes were saved.") if plan.is_draft else _("The amendment was recorded."),
    )


def _detail_url(plan, anchor: str = "") -> str:
    return reverse("plans:plan-detail", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request, plan_id: int):
    plan = _writable_plan(request, plan_id)
    form = SectionForm(posted(request), actor=request.user, plan=plan)
    if request.method == "POST" and form.save():
        _saved(request, plan)
        return redirect(_detail_url(plan, f"section-{form.result.pk}"))
    return render(request, "plans/section_form.html", {"form": form, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, section_id: int):
    section = selectors.get_section_for(request.user, section_id)
    plan = _writable_plan(request, section.plan_id)
    form = SectionForm(posted(request), actor=request.user, plan=plan, section=section)
    if request.method == "POST" and form.save():
        _saved(request, plan)
        return redirect(_detail_url(plan, f"section-{section.pk}"))
    return render(
        request, "plans/section_form.html", {"form": form, "plan": plan, "section": section}
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request, section_id: int):
    section = selectors.get_section_for(request.user, section_id)
    return _confirm_delete(
        request,
        _writable_plan(request, section.plan_id),
        lambda **kw: services.section_delete(actor=request.user, section=section, **kw),
        title=_("Delete the section “%(section)s”?") % {"section": section},
        text=_("Only an empty section can be deleted."),
        button=_("Delete the section"),
    )


def _confirm_delete(request, plan, service, *, title, text, button):
    """GET asks for confirmation (and, on an issued plan, a reason); POST deletes."""
    form = ConfirmForm(posted(request), plan=plan, service=service)
    if request.method == "POST" and form.save():
        _saved(request, plan)
        return redirect(_detail_url(plan))
    context = {"form": form, "plan": plan, "title": title, "text": text, "button": button}
    return render(request, "plans/confirm.html", context)


def _section_of(request, plan):
    section_id = request.GET.get("section", "")
    if not section_id.isdigit():
        return None
    return plan.sections.filter(pk=int(section_id)).first()


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request, plan_id: int):
    plan = _writable_plan(request, plan_id)
    form = TaskForm(
        posted(request),
        actor=request.user,
        plan=plan,
        section=_section_of(request, plan),
        options_url=reverse("plans:unit-options", args=[plan.pk]),
    )
    if request.method == "POST" and form.save():
        _saved(request, plan)
        if "add_another" in request.POST:
            url = reverse("plans:task-create", args=[plan.pk])
            section_id = form.result.section_id
            return redirect(f"{url}?section={section_id}" if section_id else url)
        return redirect(_detail_url(plan, f"task-{form.result.pk}"))
    return render(request, "plans/task_form.html", {"form": form, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, task_id: int):
    task = selectors.get_task_for(request.user, task_id)
    plan = _writable_plan(request, task.plan_id)
    form = TaskForm(
        posted(request),
        actor=request.user,
        plan=plan,
        task=task,
        options_url=reverse("plans:unit-options", args=[plan.pk]),
    )
    if request.method == "POST" and form.save():
        _saved(request, plan)
        return redirect(_detail_url(plan, f"task-{task.pk}"))
    return render(request, "plans/task_form.html", {"form": form, "plan": plan, "task": task})


@login_required
@require_http_methods(["GET", "POST"])
def task_delete(request, task_id: int):
    task = selectors.get_task_for(request.user, task_id)
    return _confirm_delete(
        request,
        _writable_plan(request, task.plan_id),
        lambda **kw: services.task_delete(actor=request.user, task=task, **kw),
        title=_("Delete this task?"),
        text=str(task),
        button=_("Delete the task"),
    )


@login_required
@require_GET
def unit_options(request, plan_id: int):
    """Checkboxes of the plan's reachable units matching ``q`` (the unit picker's search)."""
    plan = _writable_plan(request, plan_id)
    field = request.GET.get("field", "")
    if field not in ("lead_units", "support_units", "units"):
        field = "lead_units"

    def labelled(units):
        for unit in units:
            unit.picker_label = selectors.unit_label(unit)
        return units

    allowed = services.assignable_units(plan.unit).select_related("parent")
    context = picker_results(
        request,
        field,
        lambda query: labelled(selectors.unit_options(plan, query, exclude_self=field == "units")),
        lambda ids: labelled(list(allowed.filter(pk__in=ids))),
    )
    return render(request, "plans/widgets/_found.html", context)
