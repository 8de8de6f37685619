"""Staff pages of cases: the inbox, intake (with likely duplicates), a case and its actions,
the confidential identity, files, statistics and their Excel export, time limits and fields."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core import downloads
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError
from danvan.core.pagination import keyset_page
from danvan.petitions.cases import exports as case_exports
from danvan.petitions.cases import forms as case_forms
from danvan.petitions.cases import selectors as case_selectors
from danvan.petitions.cases import services as case_services
from danvan.petitions.cases.rules import HANDLE, LEAD, LIMITS
from danvan.petitions.cases.selectors import CaseFilters
from danvan.petitions.models import (
    CaseAttachment,
    CaseField,
    CaseKind,
    CaseStatus,
    CaseTimeLimit,
)

PAGE_SIZE = 30


def _filters(request) -> CaseFilters:
    field = request.GET.get("field", "")
    scope = request.GET.get("scope", case_selectors.SCOPE_ALL)
    return CaseFilters(
        status=request.GET.get("status", "")
        if request.GET.get("status") in CaseStatus.values
        else "",
        kind=request.GET.get("kind", "") if request.GET.get("kind") in CaseKind.values else "",
        field=int(field) if field.isdigit() and len(field) < 10 else None,
        overdue=request.GET.get("overdue") == "1",
        scope=scope
        if scope in (case_selectors.SCOPE_ALL, case_selectors.SCOPE_MINE)
        else case_selectors.SCOPE_ALL,
        query=request.GET.get("q", "").strip()[:100],
    )


@login_required
@require_GET
def home(request):
    """The inbox: the cases the user may see, overdue ones standing out."""
    filters = _filters(request)
    page = keyset_page(
        case_selectors.case_list(request.user, filters), request.GET.get("before"), PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("before", None)
    context = {
        "page": page,
        "filters": filters,
        "statuses": CaseStatus.choices,
        "kinds": CaseKind.choices,
        "fields": CaseField.objects.filter(is_active=True),
        "query_string": query.urlencode(),
        "today": timezone.localdate(),
        "can_create": bool(access.reach(request.user, HANDLE)),
        "can_limits": access.reach(request.user, LIMITS) == ["/"],
    }
    template = "petitions/case_results.html" if request.htmx else "petitions/case_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    if not access.reach(request.user, HANDLE):
        raise NotFoundError()
    form = case_forms.CaseForm(
        request.POST if request.method == "POST" else None, actor=request.user
    )
    if request.method == "POST":
        case = form.save(files=request.FILES.getlist("files"))
        if case is not None:
            messages.success(
                request,
                _("Case %(ref)s was received. Time limit to accept or refuse: %(date)s.")
                % {
                    "ref": case.reference,
                    "date": case.accept_due.strftime("%d/%m/%Y") if case.accept_due else "—",
                },
            )
            return redirect("petitions:case-detail", case.pk)
    return render(request, "petitions/case_form.html", {"form": form})


@login_required
@require_POST
def case_duplicates(request):
    """The likely duplicates of what is being typed on the intake form (an HTMX fragment)."""
    found = case_selectors.likely_duplicates(
        request.user,
        name=request.POST.get("petitioner_name", "")[:200],
        phone=request.POST.get("petitioner_phone", "")[:30],
        email=request.POST.get("petitioner_email", "")[:200],
        content=request.POST.get("content", "")[:10_000],
    )
    return render(request, "petitions/case_duplicates.html", {"duplicates": found})


def _detail_context(request, case, forms=None):
    actor = request.user
    can_handle = access.can(actor, HANDLE, case)
    can_lead = access.can(actor, LEAD, case)
    candidates = case_selectors.handler_candidates(actor, case) if can_lead else []
    today = timezone.localdate()
    forms = forms or {}
    defaults = {
        "accept": lambda: case_forms.AcceptForm(initial={"accepted_on": today}),
        "refuse": lambda: case_forms.NoteForm(),
        "advise": lambda: case_forms.NoteForm(),
        "forward": lambda: case_forms.ForwardForm(),
        "duplicate": lambda: case_forms.DuplicateForm(),
        "resolve": lambda: case_forms.ResolveForm(initial={"decision_date": today}),
        "extend": lambda: case_forms.ExtendForm(initial={"decision_date": today}),
        "assign": lambda: case_forms.AssignForm(candidates=candidates),
        "grant": lambda: case_forms.GrantForm(candidates=candidates),
        "hide": lambda: case_forms.HideForm(),
        "escalate": lambda: case_forms.EscalateForm(actor=actor, initial={"received_on": today}),
    }
    for name, make in defaults.items():
        forms.setdefault(name, make())
        forms[name].auto_id = f"id_{name}_%s"  # several forms on one page: unique ids
    return {
        "case": case,
        "forms": forms,
        "events": case.events.select_related("actor", "unit"),
        "handlers": case.handlers.select_related("user"),
        "extensions": case.extensions.all(),
        "attachments": case.attachments.all(),
        "duplicates": case_selectors.duplicates_of(actor, case) if case.is_open else [],
        "can_handle": can_handle,
        "can_lead": can_lead,
        "can_identity": case_services.can_read_identity(actor, case),
        "can_escalate": case.kind == CaseKind.COMPLAINT
        and case.level == 1
        and case.status == CaseStatus.RESOLVED
        and bool(access.reach(actor, HANDLE)),
        "today": today,
    }


@login_required
@require_GET
def case_detail(request, pk):
    case = case_selectors.get_case_for(request.user, pk)
    return render(request, "petitions/case_detail.html", _detail_context(request, case))


def _run(request, case, name: str):
    """Bind the form of action ``name`` and call its service; (result, form)."""
    actor, data = request.user, request.POST
    if name == "accept":
        form = case_forms.AcceptForm(data)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_accept,
            actor=actor,
            case=case,
            accepted_on=d.get("accepted_on"),
            note=d.get("note", ""),
        ), form
    if name in ("refuse", "advise"):
        form = case_forms.NoteForm(data)
        d = form.cleaned_data if form.is_valid() else {}
        if name == "refuse":
            return form.call(
                case_services.case_refuse, actor=actor, case=case, reason=d.get("note", "")
            ), form
        return form.call(
            case_services.case_advise, actor=actor, case=case, advice=d.get("note", "")
        ), form
    if name == "forward":
        form = case_forms.ForwardForm(data)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_forward,
            actor=actor,
            case=case,
            to_unit_id=d.get("to_unit"),
            note=d.get("note", ""),
        ), form
    if name == "duplicate":
        form = case_forms.DuplicateForm(data)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_file_duplicate,
            actor=actor,
            case=case,
            duplicate_of_id=d.get("duplicate_of"),
            note=d.get("note", ""),
        ), form
    if name == "resolve":
        form = case_forms.ResolveForm(data)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_resolve,
            actor=actor,
            case=case,
            decision_number=d.get("decision_number", ""),
            decision_date=d.get("decision_date"),
            content=d.get("decision_content", ""),
            publish=d.get("publish", False),
        ), form
    if name == "extend":
        form = case_forms.ExtendForm(data)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_extend,
            actor=actor,
            case=case,
            days=d.get("days"),
            decision_number=d.get("decision_number", ""),
            decision_date=d.get("decision_date"),
            reason=d.get("reason", ""),
        ), form
    if name in ("assign", "grant"):
        candidates = case_selectors.handler_candidates(actor, case)
        if name == "grant":
            form = case_forms.GrantForm(data, candidates=candidates)
            d = form.cleaned_data if form.is_valid() else {}
            return form.call(
                case_services.identity_grant,
                actor=actor,
                case=case,
                user=form.candidates.get(d.get("user")),
                reason=d.get("reason", ""),
            ), form
        form = case_forms.AssignForm(data, candidates=candidates)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_assign,
            actor=actor,
            case=case,
            user=form.candidates.get(d.get("user")),
            is_lead=d.get("is_lead", False),
        ), form
    if name in ("hide", "unhide"):
        form = case_forms.HideForm(data)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_hide,
            actor=actor,
            case=case,
            hidden=name == "hide",
            reason=d.get("reason", ""),
        ), form
    if name in ("publish", "unpublish"):
        form = case_forms.HideForm(data)
        return form.call(
            case_services.case_publish, actor=actor, case=case, public=name == "publish"
        ), form
    if name == "escalate":
        form = case_forms.EscalateForm(data, actor=actor)
        d = form.cleaned_data if form.is_valid() else {}
        return form.call(
            case_services.case_escalate,
            actor=actor,
            case=case,
            unit=d.get("unit"),
            received_on=d.get("received_on"),
            content=d.get("content", ""),
        ), form
    raise NotFoundError()


DONE = {
    "accept": gettext_lazy("The case was accepted (thụ lý)."),
    "refuse": gettext_lazy("The case was refused; the reasons are recorded."),
    "advise": gettext_lazy("The advice given to the citizen is recorded."),
    "forward": gettext_lazy("The case was forwarded with its history."),
    "duplicate": gettext_lazy("The case was filed as a duplicate."),
    "resolve": gettext_lazy("The decision or answer is recorded."),
    "extend": gettext_lazy("The extension is recorded."),
    "assign": gettext_lazy("The handler was assigned."),
    "grant": gettext_lazy("Access to the identity was granted."),
    "hide": gettext_lazy("The content is hidden from public pages."),
    "unhide": gettext_lazy("The content is shown again."),
    "publish": gettext_lazy("The answer is published to the citizen."),
    "unpublish": gettext_lazy("The answer is no longer published."),
    "escalate": gettext_lazy("The second-level complaint was received."),
}


@login_required
@require_POST
def case_action(request, pk, action):
    case = case_selectors.get_case_for(request.user, pk)
    if action not in DONE:
        raise NotFoundError()
    result, form = _run(request, case, action)
    if result is None:
        case = case_selectors.get_case_for(request.user, pk)
        context = _detail_context(request, case, {action: form})
        context["failed"] = action
        context["failed_errors"] = [e for errors in form.errors.values() for e in errors]
        return render(request, "petitions/case_detail.html", context, status=400)
    messages.success(request, str(DONE[action]))
    if action == "escalate":
        return redirect("petitions:case-detail", result.pk)
    if action == "forward" and not access.can(request.user, "petitions.view", result):
        return redirect("petitions:home")
    return redirect("petitions:case-detail", pk)


@login_required
@require_POST
def case_unassign(request, pk, user_id):
    case = case_selectors.get_case_for(request.user, pk)
    case_services.case_unassign(actor=request.user, case=case, user_id=user_id)
    return redirect("petitions:case-detail", pk)


@login_required
@require_POST
def case_identity(request, pk):
    """The denouncer's identity, shown on request (POST: a read that is audited)."""
    case = case_selectors.get_case_for(request.user, pk)
    identity = case_services.identity_read(actor=request.user, case=case)
    response = render(request, "petitions/case_identity.html", {"case": case, "identity": identity})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def case_file(request, pk, file_id):
    case = case_selectors.get_case_for(request.user, pk)
    attachment = CaseAttachment.objects.filter(case=case, pk=file_id).first()
    if attachment is None:
        raise NotFoundError()
    data = case_services.attachment_content(actor=request.user, attachment=attachment)
    return downloads.attachment(data, f"case-{case.pk}-{attachment.pk}.{attachment.content_type}")


@login_required
@require_GET
def case_stats(request):
    form = case_forms.StatsForm(request.GET or None)
    start, end, by = form.period()
    rows = case_selectors.case_stats(request.user, start=start, end=end, by=by)
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("received", "resolved", "on_time", "open", "overdue")
    }
    if request.GET.get("format") == "xlsx":
        content = case_exports.stats_workbook(rows, totals, start=start, end=end, by=by)
        return attachment(content, f"thong-ke-don-thu-{start}-{end}.xlsx")
    query = request.GET.copy()
    query["format"] = "xlsx"
    return render(
        request,
        "petitions/case_stats.html",
        {
            "form": form,
            "rows": rows,
            "totals": totals,
            "start": start,
            "end": end,
            "by": by,
            "export_query": query.urlencode(),
        },
    )


@login_required
@require_GET
def case_export(request):
    """The filtered inbox as Excel (at most EXPORT_MAX rows; never a petitioner's identity)."""
    rows = case_selectors.case_list(request.user, _filters(request)).order_by("-id")[
        : case_exports.EXPORT_MAX
    ]
    return attachment(case_exports.cases_workbook(rows), "don-thu.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def case_limits(request):
    """The legal time limits (everyone reads them; administrators change them) and fields."""
    can_edit = access.reach(request.user, LIMITS) == ["/"]
    limits = list(CaseTimeLimit.objects.all())
    fields = list(CaseField.objects.all())
    forms = {}
    if request.method == "POST":
        if not can_edit:
            raise NotFoundError()
        if request.POST.get("limit", "").isdigit():
            limit = CaseTimeLimit.objects.filter(pk=int(request.POST["limit"])).first()
            if limit is None:
                raise NotFoundError()
            form = case_forms.LimitForm(request.POST)
            d = form.cleaned_data if form.is_valid() else {}
            if form.call(
                case_services.time_limit_update,
                actor=request.user,
                limit=limit,
                days=d.get("days"),
                working_days=d.get("working_days", False),
                max_count=d.get("max_count"),
                legal_basis=d.get("legal_basis", ""),
            ):
                messages.success(request, _("The time limit was changed."))
                return redirect("petitions:case-limits")
            forms[limit.pk] = form
        else:
            field = None
            if request.POST.get("field", "").isdigit():
                field = CaseField.objects.filter(pk=int(request.POST["field"])).first()
                if field is None:
                    raise NotFoundError()
            form = case_forms.FieldForm(request.POST)
            d = form.cleaned_data if form.is_valid() else {}
            if form.call(
                case_services.field_save,
                actor=request.user,
                field=field,
                name=d.get("name", ""),
                is_active=d.get("is_active", False),
            ):
                messages.success(request, _("The list of fields was saved."))
                return redirect("petitions:case-limits")
            forms["field"] = form
    rows = []
    for limit in limits:
        form = forms.get(limit.pk) or case_forms.LimitForm(
            initial={
                "days": limit.days,
                "working_days": limit.working_days,
                "max_count": limit.max_count,
                "legal_basis": limit.legal_basis,
            },
        )
        rows.append((limit, form))
    return render(
        request,
        "petitions/case_limits.html",
        {
            "rows": rows,
            "fields": fields,
            "can_edit": can_edit,
            "field_form": forms.get("field") or case_forms.FieldForm(),
        },
        status=400 if forms else 200,
    )
