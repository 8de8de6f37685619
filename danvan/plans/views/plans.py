"""Pages of plans: the list, a draft's header, issuing, amending, the plan itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.plans import selectors, services
from danvan.plans.forms import ConfirmForm, IssueForm, PlanForm
from danvan.plans.models import PlanStatus
from danvan.plans.rules import ISSUE, MANAGE
from danvan.plans.selectors import PlanFilters
from danvan.units.models import OrgUnit

PAGE_SIZE = 30
SCOPES = (selectors.SCOPE_ALL, selectors.SCOPE_MINE, selectors.SCOPE_SUBTREE)


def _filters(request) -> PlanFilters:
    status = request.GET.get("status", "")
    scope = request.GET.get("scope", selectors.SCOPE_ALL)
    year = request.GET.get("year", "")
    return PlanFilters(
        status=status if status in PlanStatus.values else "",
        scope=scope if scope in SCOPES else selectors.SCOPE_ALL,
        year=int(year) if year.isdigit() and 1945 <= int(year) <= 2100 else None,
        query=request.GET.get("q", "").strip()[:100],
    )


@login_required
@require_GET
def plan_list(request):
    filters = _filters(request)
    page = keyset_page(
        selectors.plan_list(request.user, filters), request.GET.get("before"), PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("before", None)
    context = {
        "page": page,
        "filters": filters,
        "statuses": PlanStatus.choices,
        "query_string": query.urlencode(),
        "can_create": bool(access.reach(request.user, MANAGE)),
    }
    template = "plans/_plan_results.html" if request.htmx else "plans/plan_list.html"
    return render(request, template, context)


def _preselected_unit(request) -> OrgUnit | None:
    unit_id = request.GET.get("unit", "")
    if not unit_id.isdigit():
        return None
    return selectors.units_for_new_plan(request.user).filter(pk=int(unit_id)).first()


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    form = PlanForm(
        posted(request),
        actor=request.user,
        unit=_preselected_unit(request),
        options_url=reverse("plans:document-options"),
    )
    if request.method == "POST" and form.save():
        messages.success(request, _("The draft plan was created. Now add its tasks."))
        return redirect("plans:plan-detail", form.result.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": None})


@login_required
@require_GET
def plan_detail(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    context = {
        "plan": plan,
        **selectors.plan_detail(plan),
        "can_manage": selectors.can_manage(request.user, plan),
        "can_issue": selectors.can_issue(request.user, plan),
    }
    context["can_edit"] = context["can_issue"] if not plan.is_draft else context["can_manage"]
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id: int):
    """A draft's header, or, once issued, an amendment of it (with its reason)."""
    plan = selectors.get_plan_for(request.user, plan_id)
    access.require(request.user, MANAGE if plan.is_draft else ISSUE, plan)
    form = PlanForm(
        posted(request),
        actor=request.user,
        plan=plan,
        options_url=reverse("plans:document-options"),
    )
    if request.method == "POST" and form.save():
        messages.success(
            request,
            _("The changes were saved.") if plan.is_draft else _("The amendment was recorded."),
        )
        return redirect("plans:plan-detail", plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id, permission=ISSUE)
    if not plan.is_draft:
        messages.info(request, _("This plan has already been issued."))
        return redirect("plans:plan-detail", plan.pk)
    form = IssueForm(posted(request), actor=request.user, plan=plan)
    if request.method == "POST" and form.save():
        messages.success(request, _("The plan was issued. Its assignees have been told."))
        return redirect("plans:plan-detail", plan.pk)
    return render(request, "plans/plan_issue.html", {"form": form, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id, permission=MANAGE)
    form = ConfirmForm(
        posted(request),
        plan=plan,
        service=lambda **_kw: services.plan_delete(actor=request.user, plan=plan),
    )
    if request.method == "POST" and form.save():
        messages.success(request, _("The draft plan was deleted."))
        return redirect("plans:plan-list")
    return render(
        request,
        "plans/confirm.html",
        {
            "form": form,
            "plan": plan,
            "title": _("Delete this draft plan?"),
            "text": _("The draft, its sections and its tasks will be deleted."),
            "button": _("Delete the draft"),
        },
    )


@login_required
@require_POST
def plan_publish(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id, permission=ISSUE)
    public = request.POST.get("is_public") == "1"
    services.plan_set_public(actor=request.user, plan=plan, is_public=public)
    messages.success(
        request,
        _("The plan is now on the public site.") if public else _("The plan is no longer public."),
    )
    return redirect("plans:plan-detail", plan.pk)


@login_required
@require_GET
def document_options(request):
    """Checkboxes of legal documents matching ``q`` (the legal-bases picker's search)."""
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    from danvan.documents.models import LegalDocument

    context = picker_results(
        request,
        "legal_bases",
        selectors.legal_document_options,
        lambda ids: list(LegalDocument.objects.filter(pk__in=ids)),
    )
    return render(request, "plans/widgets/_found.html", context)


def picker_results(request, field: str, find, load) -> dict:
    """The context of a picker's search results: the boxes ticked among earlier results stay
    (ticked, first), then the matches of ``q``; boxes already on the page are not repeated.

    ``find(query)`` returns matching objects, ``load(ids)`` the objects with these ids (both
    within what the field accepts); each object is shown with ``str`` or ``label``."""
    shown = {int(v) for v in request.GET.get("shown", "").split(",") if v.strip().isdigit()}
    ticked = [int(v) for v in request.GET.getlist(field) if v.isdigit()]
    ticked = [pk for pk in dict.fromkeys(ticked) if pk not in shown][:100]
    query = request.GET.get("q", "")[:100]
    kept = load(ticked) if ticked else []
    skip = shown | {obj.pk for obj in kept}
    options = [(obj.pk, getattr(obj, "picker_label", str(obj)), True) for obj in kept]
    options += [
        (obj.pk, getattr(obj, "picker_label", str(obj)), False)
        for obj in find(query)
        if obj.pk not in skip
    ]
    return {"name": field, "options": options, "searched": bool(query.strip())}
