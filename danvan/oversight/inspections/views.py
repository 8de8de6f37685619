"""Pages of inspections: plans (organiser), the list of inspections (organised by my units, of my
units, on my teams), one inspection with each role's forms, the team member's page, and the
downloads (conclusion and report DOCX, files, Excel)."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError
from danvan.core.files import CONTENT_TYPES
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.oversight import rules
from danvan.oversight.inspections import exports, forms, selectors, services
from danvan.oversight.models import (
    AWAITING,
    CLOSED,
    InspectionStatus,
    RecommendationStatus,
    overdue_q,
)
from danvan.oversight.recommendations import forms as recommendation_forms

PAGE_SIZE = 30
EXPORT_MAX = 5000


def _int(value, low=1, high=2**31 - 1):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _filters(request) -> selectors.InspectionFilters:
    side = request.GET.get("side", "")
    status = request.GET.get("status", "")
    return selectors.InspectionFilters(
        side=side if side in selectors.SIDES else "",
        status=status if status in InspectionStatus.values else "",
        year=_int(request.GET.get("year"), 1945, 2100),
        query=request.GET.get("q", "").strip()[:100],
    )


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("before", None)
    return query.urlencode()


# --- Lists -------------------------------------------------------------------------------------


@login_required
@require_GET
def inspection_list(request):
    filters = _filters(request)
    page = keyset_page(
        selectors.inspection_list(request.user, filters), request.GET.get("before"), PAGE_SIZE
    )
    return render(
        request,
        "oversight/inspection_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": InspectionStatus.choices,
            "query_string": _query_string(request),
            "memberships": selectors.my_memberships(request.user),
            "today": timezone.localdate(),
            "can_plan": bool(access.reach(request.user, rules.MANAGE)),
        },
    )


@login_required
@require_GET
def inspection_export(request):
    rows = list(
        selectors.inspection_list(request.user, _filters(request)).order_by("-id")[:EXPORT_MAX]
    )
    return attachment(exports.inspections_xlsx(rows), "kiem-tra.xlsx")


@login_required
@require_GET
def plan_list(request):
    year = _int(request.GET.get("year"), 1945, 2100)
    query = request.GET.get("q", "").strip()[:100]
    page = keyset_page(
        selectors.plan_list(request.user, year=year, query=query),
        request.GET.get("before"),
        PAGE_SIZE,
    )
    return render(
        request,
        "oversight/plan_list.html",
        {
            "page": page,
            "year": year,
            "query": query,
            "query_string": _query_string(request),
            "can_plan": bool(access.reach(request.user, rules.MANAGE)),
        },
    )


@login_required
@require_GET
def plan_export(request):
    from danvan.oversight.sheets import workbook_of

    year = _int(request.GET.get("year"), 1945, 2100)
    query = request.GET.get("q", "").strip()[:100]
    plans = selectors.plan_list(request.user, year=year, query=query).order_by("-id")[:EXPORT_MAX]
    columns = [
        (_("Organising unit"), 32),
        (_("Title"), 60),
        (_("Number and symbol"), 16),
        (_("From"), 12),
        (_("To"), 12),
        (_("Inspections"), 12),
        (_("Concluded"), 12),
        (_("Report the results to"), 30),
        (_("Report by"), 12),
        (_("Reported on"), 12),
    ]
    rows = (
        [
            p.unit.name,
            p.title,
            p.number,
            p.period_start,
            p.period_end,
            p.inspection_count,
            p.concluded_count,
            p.report_to.name if p.report_to_id else "",
            p.report_due,
            p.reported_on,
        ]
        for p in plans
    )
    return attachment(workbook_of(_("Inspection plans"), columns, rows), "ke-hoach-kiem-tra.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    if not access.reach(request.user, rules.MANAGE):
        raise NotFoundError()
    form = forms.PlanForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The inspection plan was created. Add the units to inspect."))
        return redirect("oversight:plan-detail", form.result.pk)
    return render(request, "oversight/plan_form.html", {"form": form})


def _plan_counts(plan) -> dict:
    from danvan.oversight.kinds import INSPECTION
    from danvan.oversight.models import Recommendation

    today = timezone.localdate()
    qs = Recommendation.objects.filter(
        source_kind=INSPECTION, source_id__in=plan.inspections.values("pk")
    )
    return qs.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=RecommendationStatus.DONE)),
        not_accepted=Count("id", filter=Q(status=RecommendationStatus.NOT_ACCEPTED)),
        unclosed=Count("id", filter=~Q(status__in=CLOSED)),
        awaiting=Count("id", filter=Q(status__in=AWAITING)),
        overdue=Count("id", filter=overdue_q(today)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    can_manage = access.can(request.user, rules.MANAGE, plan)
    add_form = reported_form = None
    if can_manage:
        add_form = forms.InspectionAddForm(
            posted(request) if request.POST.get("form") == "add" else None,
            actor=request.user,
            plan=plan,
        )
        reported_form = forms.ReportedForm(
            posted(request) if request.POST.get("form") == "reported" else None,
            actor=request.user,
            plan=plan,
        )
        if request.method == "POST":
            form = add_form if request.POST.get("form") == "add" else reported_form
            if form.save():
                messages.success(request, _("Saved."))
                return redirect("oversight:plan-detail", plan.pk)
    elif request.method == "POST":
        access.require(request.user, rules.MANAGE, plan)
    return render(
        request,
        "oversight/plan_detail.html",
        {
            "plan": plan,
            "inspections": selectors.plan_inspections(plan),
            "counts": _plan_counts(plan),
            "can_manage": can_manage,
            "add_form": add_form,
            "reported_form": reported_form,
            "topics": plan.topics.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_update(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    access.require(request.user, rules.MANAGE, plan)
    form = forms.PlanEditForm(posted(request), actor=request.user, plan=plan)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("oversight:plan-detail", plan.pk)
    return render(request, "oversight/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_GET
def plan_report(request, plan_id: int):
    plan = selectors.get_plan_for(request.user, plan_id)
    content = exports.plan_report_docx(plan, selectors.plan_inspections(plan), _plan_counts(plan))
    return attachment(content, f"Bao-cao-ket-qua-kiem-tra-{plan.pk}.docx")


# --- One inspection ---------------------------------------------------------------------------


STEP_FORMS = {
    "dates": forms.RescheduleForm,
    "member": forms.MemberForm,
    "notice": forms.NoticeForm,
    "self": forms.SelfReportForm,
    "record": forms.RecordForm,
    "finding": forms.FindingForm,
    "document": forms.DocumentForm,
    "conclusion": forms.ConclusionForm,
}
SUCCESS = {
    "dates": gettext_lazy("The dates were changed; the team's access follows them."),
    "member": gettext_lazy("The person was added to the team."),
    "notice": gettext_lazy("The unit was notified."),
    "self": gettext_lazy("The self-report was sent."),
    "record": gettext_lazy("The working record was saved."),
    "finding": gettext_lazy("The finding was added."),
    "document": gettext_lazy("The files were added."),
    "conclusion": gettext_lazy("The conclusion was issued."),
    "recommend": gettext_lazy("The recommendation was issued and sent to the unit."),
}


def _allowed_steps(detail: dict, inspection) -> set[str]:
    steps = set()
    open_ = not inspection.is_concluded
    if detail["organises"] and open_:
        steps |= {"dates", "member"}
        if inspection.status == InspectionStatus.PLANNED:
            steps.add("notice")
    if detail["can_record"] and inspection.status != InspectionStatus.PLANNED:
        steps |= {"record", "finding", "document"}
    if detail["can_self_report"]:
        steps.add("self")
    if detail["can_conclude"]:
        steps.add("conclusion")
    if detail["can_recommend"]:
        steps.add("recommend")
    return steps


def _recommend_form(request, inspection, data=None):
    def issue(**cleaned):
        return services.inspection_recommend(actor=request.user, inspection=inspection, **cleaned)

    form = recommendation_forms.RecommendationForm(
        data, actor=request.user, issue=issue, prefix="rec"
    )
    if data is None:
        form.initial["addressee"] = inspection.unit_id
    return form


def _inspection_page(request, inspection, bound_step: str = "", bound_form=None):
    detail = selectors.inspection_detail(request.user, inspection)
    steps = _allowed_steps(detail, inspection)
    step_forms = {}
    for name in steps:
        if name == bound_step:
            step_forms[name] = bound_form
        elif name == "recommend":
            step_forms[name] = _recommend_form(request, inspection)
        else:
            step_forms[name] = STEP_FORMS[name](actor=request.user, inspection=inspection)
    return render(
        request,
        "oversight/inspection_detail.html",
        {"inspection": inspection, "forms": step_forms, **detail},
    )


@login_required
@require_GET
def inspection_detail(request, inspection_id: int):
    inspection = selectors.get_inspection_for(request.user, inspection_id)
    return _inspection_page(request, inspection)


@login_required
@require_POST
def inspection_step(request, inspection_id: int, step: str):
    """One step posted from the inspection page. The service decides whether the actor may take
    it now (and says why not); the page shows the form again with its errors."""
    if step not in STEP_FORMS and step != "recommend":
        raise NotFoundError()
    inspection = selectors.get_inspection_for(request.user, inspection_id, what=step)
    if step == "recommend":
        form = _recommend_form(request, inspection, posted(request))
    else:
        form = STEP_FORMS[step](
            posted(request), request.FILES, actor=request.user, inspection=inspection
        )
    if form.save():
        messages.success(request, SUCCESS[step])
        return redirect("oversight:inspection-detail", inspection.pk)
    inspection.refresh_from_db()
    detail = selectors.inspection_detail(request.user, inspection)
    if step not in _allowed_steps(detail, inspection):
        # the step is no longer open to the actor (concluded, membership ended): say why
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("oversight:inspection-detail", inspection.pk)
    return _inspection_page(request, inspection, step, form)


@login_required
@require_POST
def member_remove(request, member_id: int):
    member = selectors.get_member_for(request.user, member_id)
    services.team_member_remove(actor=request.user, member=member)
    messages.success(request, _("The person was taken off the team."))
    return redirect("oversight:inspection-detail", member.inspection_id)


@login_required
@require_POST
def finding_delete(request, finding_id: int):
    finding = selectors.get_finding_for(request.user, finding_id)
    services.finding_delete(actor=request.user, finding=finding)
    messages.success(request, _("The finding was deleted."))
    return redirect("oversight:inspection-detail", finding.inspection_id)


@login_required
@require_GET
def conclusion_docx(request, inspection_id: int):
    inspection = selectors.get_inspection_for(request.user, inspection_id, what="conclusion")
    if not inspection.is_concluded:
        raise NotFoundError(_("The conclusion has not been issued yet."))
    detail = selectors.inspection_detail(request.user, inspection)
    content = exports.conclusion_docx(inspection, detail["findings"], detail["recommendations"])
    return attachment(content, exports.conclusion_filename(inspection))


@login_required
@require_GET
def document_download(request, document_id: int):
    item = selectors.get_document_for(request.user, document_id)
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
