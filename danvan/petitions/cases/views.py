"""Staff pages of cases: the inbox, intake (with likely duplicates), a case and one small view
per action, the confidential identity, files, statistics and their Excel export, time limits
and fields. Each action's form is on the case's page; a refused one comes back there with its
errors and the user's input."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core import downloads
from danvan.core.errors import ConflictError, NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.petitions.cases import exports as case_exports
from danvan.petitions.cases import forms as case_forms
from danvan.petitions.cases import limits as case_limits
from danvan.petitions.cases import rules
from danvan.petitions.cases import selectors as case_selectors
from danvan.petitions.cases import services as case_services
from danvan.petitions.cases.selectors import CaseFilters
from danvan.petitions.models import CaseAttachment, CaseField, CaseKind, CaseStatus, CaseTimeLimit

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
def case_list(request):
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
        "can_create": rules.can_receive(request.user),
    }
    template = "petitions/case_results.html" if request.htmx else "petitions/case_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    if not rules.can_receive(request.user):
        raise NotFoundError()
    form = case_forms.CaseForm(posted(request), request.FILES or None, actor=request.user)
    if request.method == "POST" and form.save():
        case = form.result
        messages.success(
            request,
            _("Case %(ref)s was received. Time limit to accept or refuse: %(date)s.")
            % {
                "ref": case.reference,
                "date": case.accept_due.strftime("%d/%m/%Y") if case.accept_due else "—",
            },
        )
        for warning in case_limits.filing_warnings(case):
            messages.warning(request, warning)
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


# -- a case and its actions -----------------------------------------------------------------------

ACTIONS = {
    "accept": case_forms.AcceptForm,
    "refuse": case_forms.RefuseForm,
    "advise": case_forms.AdviseForm,
    "extend_acceptance": case_forms.ExtendAcceptanceForm,
    "forward": case_forms.ForwardForm,
    "duplicate": case_forms.DuplicateForm,
    "resolve": case_forms.ResolveForm,
    "extend": case_forms.ExtendForm,
    "assign": case_forms.AssignForm,
    "grant": case_forms.GrantForm,
    "hide": case_forms.HideForm,
    "escalate": case_forms.EscalateForm,
}


def _detail_context(request, case, *, failed: str = "", form=None) -> dict:
    actor = request.user
    today = timezone.localdate()
    allowed = {
        "accept": rules.can_accept(actor, case),
        "refuse": rules.can_refuse(actor, case),
        "advise": rules.can_advise(actor, case),
        "extend_acceptance": rules.can_extend_acceptance(actor, case),
        "forward": rules.can_forward(actor, case),
        "duplicate": rules.can_file_duplicate(actor, case),
        "resolve": rules.can_resolve(actor, case),
        "extend": rules.can_extend(actor, case),
        "assign": rules.can_assign(actor, case),
        "grant": rules.can_grant_identity(actor, case),
        "hide": rules.can_hide(actor, case) and not case.is_hidden,
        "escalate": rules.can_escalate(actor, case, today),
    }
    forms = {}
    for name, form_class in ACTIONS.items():
        if name == failed:
            forms[name] = form
        elif allowed[name]:
            forms[name] = form_class(actor=actor, case=case)
        else:
            continue
        forms[name].auto_id = f"id_{name}_%s"  # several forms on one page: unique ids
    return {
        "case": case,
        "forms": forms,
        "failed": failed,
        "events": case.events.select_related("actor", "unit"),
        "handlers": case.handlers.select_related("user"),
        "extensions": case.extensions.all(),
        "attachments": case.attachments.all(),
        "duplicates": case_selectors.duplicates_of(actor, case) if case.is_open else [],
        "warnings": case_limits.filing_warnings(case),
        "can_handle": rules.can_handle(actor, case),
        "can_lead": rules.can_lead(actor, case),
        "can_edit": rules.can_edit(actor, case),
        "can_publish": rules.can_publish(actor, case),
        "can_unhide": rules.can_hide(actor, case) and case.is_hidden,
        "can_identity": rules.can_read_identity(actor, case),
        "today": today,
    }


@login_required
@require_GET
def case_detail(request, pk):
    case = case_selectors.get_case_for(request.user, pk)
    response = render(request, "petitions/case_detail.html", _detail_context(request, case))
    response["Cache-Control"] = "no-store"  # a petitioner's name and contact
    return response


def _act(request, pk, name: str, done: str):
    """Run action ``name`` on case ``pk``: back to the case with a message, or to its page with
    the form's errors (400). Out of sight: 404; in sight but not allowed: 403."""
    case = case_selectors.get_case_for(request.user, pk)
    form = ACTIONS[name](request.POST, actor=request.user, case=case)
    if form.save():
        messages.success(request, done)
        return None, form
    case = case_selectors.get_case_for(request.user, pk)
    context = _detail_context(request, case, failed=name, form=form)
    context["failed_errors"] = [e for errors in form.errors.values() for e in errors]
    return render(request, "petitions/case_detail.html", context, status=400), form


def _back(request, pk, name: str, done: str):
    response, _form = _act(request, pk, name, done)
    return response or redirect("petitions:case-detail", pk)


@login_required
@require_POST
def case_accept(request, pk):
    return _back(request, pk, "accept", _("The case was accepted (thụ lý)."))


@login_required
@require_POST
def case_refuse(request, pk):
    return _back(request, pk, "refuse", _("The case was refused; the reasons are recorded."))


@login_required
@require_POST
def case_advise(request, pk):
    return _back(request, pk, "advise", _("The advice given to the citizen is recorded."))


@login_required
@require_POST
def case_extend_acceptance(request, pk):
    return _back(request, pk, "extend_acceptance", _("The time to accept is now 10 working days."))


@login_required
@require_POST
def case_file_duplicate(request, pk):
    return _back(request, pk, "duplicate", _("The case was filed as a duplicate."))


@login_required
@require_POST
def case_resolve(request, pk):
    return _back(request, pk, "resolve", _("The decision or answer is recorded."))


@login_required
@require_POST
def case_extend(request, pk):
    return _back(request, pk, "extend", _("The extension is recorded."))


@login_required
@require_POST
def handler_create(request, pk):
    return _back(request, pk, "assign", _("The handler was assigned."))


@login_required
@require_POST
def identity_grant(request, pk):
    return _back(request, pk, "grant", _("Access to the identity was granted."))


@login_required
@require_POST
def case_hide(request, pk):
    return _back(request, pk, "hide", _("The content is hidden from public pages."))


def _simple(request, pk, form_class, done: str):
    """An action without input (a button): done, or refused with its reason."""
    case = case_selectors.get_case_for(request.user, pk)
    form = form_class(request.POST, actor=request.user, case=case)
    if form.save():
        messages.success(request, done)
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("petitions:case-detail", pk)


@login_required
@require_POST
def case_unhide(request, pk):
    return _simple(request, pk, case_forms.UnhideForm, _("The content is shown again."))


@login_required
@require_POST
def case_publish(request, pk):
    return _simple(
        request, pk, case_forms.PublishForm, _("The answer is published to the citizen.")
    )


@login_required
@require_POST
def case_unpublish(request, pk):
    return _simple(request, pk, case_forms.UnpublishForm, _("The answer is no longer published."))


@login_required
@require_POST
def case_escalate(request, pk):
    response, form = _act(request, pk, "escalate", _("The second-level complaint was received."))
    return response or redirect("petitions:case-detail", form.result.pk)


@login_required
@require_POST
def case_forward(request, pk):
    """Forward in two steps: the form, then a page naming the body (“Forward case 2026-8 to
    UBND xã Kim Phú · Tỉnh Quảng Trị?”); only the confirmation sends the case."""
    case = case_selectors.get_case_for(request.user, pk)
    form = case_forms.ForwardForm(request.POST, actor=request.user, case=case)
    if form.needs_confirmation and rules.can_forward(request.user, case):
        return render(
            request,
            "petitions/case_forward_confirm.html",
            {"case": case, "form": form, "target": form.target_label()},
        )
    response, form = _act(request, pk, "forward", _("The case was forwarded with its history."))
    if response is not None:
        return response
    if not rules.can_view(request.user, form.result):
        return redirect("petitions:case-list")
    return redirect("petitions:case-detail", pk)


@login_required
@require_http_methods(["GET", "POST"])
def case_update(request, pk):
    case = case_selectors.get_case_for(request.user, pk)
    if not rules.can_edit(request.user, case):
        access.require(request.user, rules.HANDLE, case)
        raise ConflictError(_("A closed case is not corrected."))
    form = case_forms.CaseEditForm(posted(request), actor=request.user, case=case)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        for warning in case_limits.filing_warnings(form.result):
            messages.warning(request, warning)
        return redirect("petitions:case-detail", pk)
    return render(request, "petitions/case_edit.html", {"form": form, "case": case})


@login_required
@require_POST
def handler_delete(request, pk, user_id):
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
def attachment_detail(request, pk, file_id):
    case = case_selectors.get_case_for(request.user, pk)
    attachment = CaseAttachment.objects.filter(case=case, pk=file_id).first()
    if attachment is None:
        raise NotFoundError()
    data = case_services.attachment_content(actor=request.user, attachment=attachment)
    return downloads.attachment(data, f"case-{case.pk}-{attachment.pk}.{attachment.content_type}")


# -- statistics and exports -----------------------------------------------------------------------


def _stats(request):
    form = case_forms.StatsForm(request.GET or None)
    start, end, by = form.period()
    rows = case_selectors.case_stats(request.user, start=start, end=end, by=by)
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("received", "resolved", "on_time", "open", "overdue")
    }
    return form, rows, totals, start, end, by


@login_required
@require_GET
def case_stats(request):
    form, rows, totals, start, end, by = _stats(request)
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
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def case_stats_export(request):
    _form, rows, totals, start, end, by = _stats(request)
    content = case_exports.stats_workbook(rows, totals, start=start, end=end, by=by)
    return downloads.attachment(content, f"thong-ke-don-thu-{start}-{end}.xlsx")


@login_required
@require_GET
def case_export(request):
    """The filtered inbox as Excel (at most EXPORT_MAX rows; never a petitioner's identity)."""
    rows = case_selectors.case_list(request.user, _filters(request)).order_by("-id")[
        : case_exports.EXPORT_MAX
    ]
    return downloads.attachment(case_exports.cases_workbook(rows), "don-thu.xlsx")


# -- time limits and fields -----------------------------------------------------------------------


def _limits_page(request, *, limit_form=None, field_form=None, status=200):
    can_edit = rules.can_edit_limits(request.user)
    rows = []
    for limit in CaseTimeLimit.objects.all():
        if limit_form is not None and limit_form.limit.pk == limit.pk:
            rows.append((limit, limit_form))
        else:
            rows.append(
                (limit, case_forms.LimitForm(actor=request.user, limit=limit) if can_edit else None)
            )
    return render(
        request,
        "petitions/case_limits.html",
        {
            "rows": rows,
            "fields": list(CaseField.objects.all()),
            "can_edit": can_edit,
            "field_form": field_form or case_forms.FieldForm(actor=request.user),
        },
        status=status,
    )


@login_required
@require_GET
def time_limit_list(request):
    """The legal time limits (everyone reads them; administrators change them) and fields."""
    return _limits_page(request)


def _require_limits(request) -> None:
    if not rules.can_edit_limits(request.user):
        raise NotFoundError()


@login_required
@require_POST
def time_limit_update(request, limit_id: int):
    _require_limits(request)
    limit = CaseTimeLimit.objects.filter(pk=limit_id).first()
    if limit is None:
        raise NotFoundError()
    form = case_forms.LimitForm(request.POST, actor=request.user, limit=limit)
    if form.save():
        messages.success(request, _("The time limit was changed."))
        return redirect("petitions:time-limit-list")
    return _limits_page(request, limit_form=form, status=400)


@login_required
@require_POST
def field_create(request):
    _require_limits(request)
    form = case_forms.FieldForm(request.POST, actor=request.user)
    if form.save():
        messages.success(request, _("The list of fields was saved."))
        return redirect("petitions:time-limit-list")
    return _limits_page(request, field_form=form, status=400)


@login_required
@require_POST
def field_update(request, field_id: int):
    _require_limits(request)
    field = CaseField.objects.filter(pk=field_id).first()
    if field is None:
        raise NotFoundError()
    form = case_forms.FieldForm(request.POST, actor=request.user, field=field)
    if form.save():
        messages.success(request, _("The list of fields was saved."))
        return redirect("petitions:time-limit-list")
    return _limits_page(request, field_form=form, status=400)
