"""Pages of supervision (staff: programmes, supervisions, results, recommendations,
publication) and of the public site (published results and the answers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.oversight import rules
from danvan.oversight.models import SupervisionStatus, SupervisorKind
from danvan.oversight.recommendations import forms as recommendation_forms
from danvan.oversight.supervision import forms, selectors, services

PAGE_SIZE = 30
EXPORT_MAX = 5000


def _int(value, low=1, high=2**31 - 1):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _filters(request) -> selectors.SupervisionFilters:
    kind = request.GET.get("kind", "")
    return selectors.SupervisionFilters(
        year=_int(request.GET.get("year"), 1945, 2100),
        status=request.GET.get("status", "")
        if request.GET.get("status") in SupervisionStatus.values
        else "",
        query=request.GET.get("q", "").strip()[:100],
        kind=kind if kind in SupervisorKind.values else "",
    )


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("before", None)
    return query.urlencode()


@login_required
@require_GET
def supervision_list(request):
    filters = _filters(request)
    page = keyset_page(
        selectors.supervision_list(request.user, filters), request.GET.get("before"), PAGE_SIZE
    )
    return render(
        request,
        "oversight/supervision_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": SupervisionStatus.choices,
            "kinds": SupervisorKind.choices,
            "programmes": list(
                selectors.programme_list(request.user, filters.year).order_by("-year", "-id")[:50]
            ),
            "query_string": _query_string(request),
            "can_plan": bool(access.reach(request.user, rules.MANAGE)),
        },
    )


@login_required
@require_GET
def supervision_export(request):
    from danvan.oversight.sheets import workbook_of

    rows = selectors.supervision_list(request.user, _filters(request)).order_by("-id")[:EXPORT_MAX]
    columns = [
        (_("Supervising body"), 30),
        (_("Programme"), 36),
        (_("Subject"), 50),
        (_("Topic"), 26),
        (_("From"), 12),
        (_("To"), 12),
        (_("Status"), 16),
        (_("Result"), 16),
        (_("Date of the result"), 14),
        (_("Published"), 10),
    ]
    values = (
        [
            item.programme.unit.name,
            item.programme.title,
            item.subject,
            item.topic.name if item.topic_id else "",
            item.starts_on,
            item.ends_on,
            item.get_status_display(),
            item.result_number,
            item.result_date,
            _("Yes") if item.is_published else _("No"),
        ]
        for item in rows
    )
    return attachment(workbook_of(_("Supervision"), columns, values), "giam-sat.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not access.reach(request.user, rules.MANAGE):
        raise NotFoundError()
    form = forms.ProgrammeForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The programme was created. Add its supervisions."))
        return redirect("oversight:programme-detail", form.result.pk)
    return render(
        request,
        "oversight/simple_form.html",
        {
            "form": form,
            "title": _("New supervision programme"),
            "active": "supervision",
            "cancel": "oversight:supervision-list",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_detail(request, programme_id: int):
    programme = selectors.get_programme_for(request.user, programme_id)
    form = None
    if access.can(request.user, rules.MANAGE, programme):
        form = forms.SupervisionAddForm(posted(request), actor=request.user, programme=programme)
        if request.method == "POST" and form.save():
            messages.success(request, _("The supervision was added."))
            return redirect("oversight:supervision-detail", form.result.pk)
    elif request.method == "POST":
        access.require(request.user, rules.MANAGE, programme)
    return render(
        request,
        "oversight/programme_detail.html",
        {
            "programme": programme,
            "supervisions": list(
                programme.supervisions.select_related("topic").order_by("starts_on", "id")
            ),
            "form": form,
        },
    )


def _recommend_form(request, supervision, data=None):
    def issue(**cleaned):
        return services.supervision_recommend(
            actor=request.user, supervision=supervision, **cleaned
        )

    form = recommendation_forms.RecommendationForm(
        data, actor=request.user, issue=issue, prefix="rec"
    )
    if data is None:
        first = supervision.units.order_by("depth", "name").first()
        form.initial.update(
            {"addressee": first.pk if first else None, "topic": supervision.topic_id}
        )
    return form


def _supervision_page(request, supervision, *, result_form=None, recommend_form=None):
    detail = selectors.supervision_detail(request.user, supervision)
    if detail["can_manage"] and not supervision.is_concluded:
        result_form = result_form or forms.ResultForm(actor=request.user, supervision=supervision)
    else:
        result_form = None
    if detail["can_recommend"]:
        recommend_form = recommend_form or _recommend_form(request, supervision)
    else:
        recommend_form = None
    return render(
        request,
        "oversight/supervision_detail.html",
        {
            "supervision": supervision,
            "result_form": result_form,
            "recommend_form": recommend_form,
            "today": timezone.localdate(),
            **detail,
        },
    )


@login_required
@require_GET
def supervision_detail(request, supervision_id: int):
    supervision = selectors.get_supervision_for(request.user, supervision_id)
    return _supervision_page(request, supervision)


@login_required
@require_POST
def supervision_step(request, supervision_id: int, step: str):
    supervision = selectors.get_supervision_for(request.user, supervision_id)
    if step == "result":
        form = forms.ResultForm(posted(request), actor=request.user, supervision=supervision)
        done = _("The result was recorded. Add its recommendations.")
    elif step == "recommend":
        form = _recommend_form(request, supervision, posted(request))
        done = _("The recommendation was issued and sent to the unit.")
    elif step == "publish":
        form = forms.PublishForm(posted(request), actor=request.user, supervision=supervision)
        done = _("Saved.")
    else:
        raise NotFoundError()
    if form.save():
        messages.success(request, done)
        return redirect("oversight:supervision-detail", supervision.pk)
    supervision.refresh_from_db()
    if step == "publish":
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("oversight:supervision-detail", supervision.pk)
    return _supervision_page(
        request,
        supervision,
        result_form=form if step == "result" else None,
        recommend_form=form if step == "recommend" else None,
    )


# --- Public site --------------------------------------------------------------------------------


@require_GET
def public_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = keyset_page(selectors.public_supervisions(query), request.GET.get("before"), PAGE_SIZE)
    return render(
        request,
        "oversight/public_list.html",
        {
            "page": page,
            "query": query,
            "query_string": _query_string(request),
        },
    )


@require_GET
def public_detail(request, supervision_id: int):
    supervision = selectors.get_public_supervision(supervision_id)
    return render(
        request,
        "oversight/public_detail.html",
        {
            "supervision": supervision,
            "units": list(supervision.units.order_by("depth", "name")),
            "recommendations": selectors.public_recommendations(supervision),
            "today": timezone.localdate(),
        },
    )
