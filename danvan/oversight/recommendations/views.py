"""Pages of recommendations: the list (issued by or addressed to my units), the addressee's
inbox, the follow-up dashboard of a subtree, one recommendation with its answers, and the
answer, verification, return and edit forms."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import jobs
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError, PermissionDeniedError
from danvan.core.files import CONTENT_TYPES
from danvan.core.pagination import keyset_page
from danvan.core.pickers import PickerField
from danvan.core.views import posted
from danvan.oversight import rules
from danvan.oversight.models import Topic
from danvan.oversight.recommendations import exports, forms, selectors, sources
from danvan.units.selectors import get_unit_for

PAGE_SIZE = 30


def _int(value, low: int = 1, high: int = 2**31 - 1) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _unit(request, name: str):
    pk = _int(request.GET.get(name))
    if pk is None:
        return None
    try:
        return get_unit_for(request.user, pk)
    except NotFoundError:
        return None


def _query_string(request, *drop: str) -> str:
    query = request.GET.copy()
    for name in ("before", "after", *drop):
        query.pop(name, None)
    return query.urlencode()


def list_filters(request) -> selectors.RecommendationFilters:
    get = request.GET
    topic = _int(get.get("topic"))
    kind = get.get("kind", "")
    return selectors.RecommendationFilters(
        side=get.get("side", "") if get.get("side") in selectors.SIDES else "",
        status=get.get("status", "") if get.get("status") in selectors.STATUS_FILTERS else "",
        source_kind=kind if sources.get(kind) else "",
        topic=Topic.objects.filter(pk=topic).first() if topic else None,
        addressee=_unit(request, "addressee"),
        issuer=_unit(request, "issuer"),
        year=_int(get.get("year"), 1945, 2100),
        query=get.get("q", "").strip()[:100],
    )


def _status_choices() -> list[tuple[str, str]]:
    return [
        ("awaiting", _("Awaiting an answer")),
        ("overdue", _("Overdue")),
        ("answered", _("Answered, to verify")),
        ("unclosed", _("Not closed")),
        ("closed", _("Closed")),
        ("done", _("Done (verified)")),
        ("not_accepted", _("Not accepted")),
    ]


def _filter_context(request, filters) -> dict:
    return {
        "filters": filters,
        "statuses": _status_choices(),
        "kinds": [(kind.key, kind.label) for kind in sources.kinds()],
        "topics": Topic.objects.filter(is_active=True),
        "sides": [
            ("", _("Everything I see")),
            ("issued", _("Issued by my units")),
            ("received", _("Addressed to my units")),
        ],
        "query_string": _query_string(request),
        "today": timezone.localdate(),
    }


@login_required
@require_GET
def recommendation_list(request):
    filters = list_filters(request)
    qs = selectors.recommendation_list(request.user, filters)
    page = keyset_page(qs, request.GET.get("before"), PAGE_SIZE)
    return render(
        request,
        "oversight/recommendation_list.html",
        {"page": page, **_filter_context(request, filters)},
    )


@login_required
@require_GET
def recommendation_export(request):
    filters = list_filters(request)
    qs = selectors.recommendation_list(request.user, filters).order_by("-id")
    rows = list(qs[: exports.INLINE_MAX + 1])
    if len(rows) <= exports.INLINE_MAX:
        return attachment(exports.recommendations_xlsx(rows), "kien-nghi.xlsx")
    job = jobs.job_start(
        actor=request.user,
        kind="oversight.recommendations-xlsx",
        title=_("Excel of recommendations"),
        params=exports.filters_to_params(filters),
    )
    return redirect("core:job-detail", job.pk)


@login_required
@require_GET
def recommendation_inbox(request):
    include_answered = request.GET.get("answered") == "1"
    page = selectors.inbox(
        request.user, request.GET.get("after"), PAGE_SIZE, include_answered=include_answered
    )
    return render(
        request,
        "oversight/recommendation_inbox.html",
        {
            "page": page,
            "include_answered": include_answered,
            "query_string": _query_string(request),
            "today": timezone.localdate(),
        },
    )


def _dashboard(request):
    roots = selectors.dashboard_roots(request.user)
    root = _unit(request, "unit") or (roots[0] if roots else None)
    if root is None:
        raise NotFoundError()
    kind = request.GET.get("kind", "")
    topic = _int(request.GET.get("topic"))
    filters = selectors.DashboardFilters(
        side=selectors.SIDE_ISSUED if request.GET.get("side") == "issued" else "received",
        year=_int(request.GET.get("year"), 1945, 2100),
        source_kind=kind if sources.get(kind) else "",
        topic=Topic.objects.filter(pk=topic).first() if topic else None,
    )
    return selectors.recommendation_dashboard(request.user, root, filters)


@login_required
@require_GET
def recommendation_dashboard(request):
    dashboard = _dashboard(request)
    picker = PickerField("units.visible", label=_("Unit"), required=False)
    picker.bind_actor(request.user)
    return render(
        request,
        "oversight/recommendation_dashboard.html",
        {
            "dashboard": dashboard,
            "unit_widget": picker.widget.render(
                "unit", dashboard.root.pk, {"id": "dash-unit", "aria-label": _("Unit")}
            ),
            "kinds": [(kind.key, kind.label) for kind in sources.kinds()],
            "topics": Topic.objects.filter(is_active=True),
            "query_string": _query_string(request),
        },
    )


@login_required
@require_GET
def recommendation_dashboard_export(request):
    dashboard = _dashboard(request)
    return attachment(exports.dashboard_xlsx(dashboard), "theo-doi-kien-nghi.xlsx")


def _detail_context(request, recommendation, **forms_given) -> dict:
    actor = request.user
    can_answer = rules.can_answer(actor, recommendation)
    can_verify = rules.can_verify(actor, recommendation)
    context = {
        "rec": recommendation,
        "answers": selectors.answers_of(recommendation),
        "kind_label": sources.label(recommendation.source_kind),
        "today": timezone.localdate(),
        "can_edit": rules.can_edit(actor, recommendation),
        "answer_form": None,
        "verify_form": None,
        "return_form": None,
    }
    if can_answer:
        context["answer_form"] = forms_given.get("answer_form") or forms.AnswerForm(
            actor=actor, recommendation=recommendation
        )
    if can_verify:
        context["verify_form"] = forms_given.get("verify_form") or forms.VerifyForm(
            actor=actor, recommendation=recommendation
        )
        context["return_form"] = forms_given.get("return_form") or forms.ReturnForm(
            actor=actor, recommendation=recommendation
        )
    return context


@login_required
@require_GET
def recommendation_detail(request, recommendation_id: int):
    recommendation = selectors.get_recommendation_for(request.user, recommendation_id)
    return render(
        request,
        "oversight/recommendation_detail.html",
        _detail_context(request, recommendation),
    )


def _post_action(request, recommendation_id, form_class, name: str, success: str):
    recommendation = selectors.get_recommendation_for(request.user, recommendation_id)
    if request.method == "POST":
        data = (posted(request), request.FILES) if name == "answer_form" else (posted(request),)
        form = form_class(*data, actor=request.user, recommendation=recommendation)
        if form.save():
            messages.success(request, success)
            return redirect("oversight:recommendation-detail", recommendation.pk)
        context = _detail_context(request, recommendation, **{name: form})
        if context.get(name) is None:  # the action is no longer open: say so on the page
            messages.error(request, "; ".join(str(e) for e in form.non_field_errors()))
        return render(request, "oversight/recommendation_detail.html", context)
    return redirect("oversight:recommendation-detail", recommendation.pk)


@login_required
@require_POST
def recommendation_answer(request, recommendation_id: int):
    return _post_action(
        request,
        recommendation_id,
        forms.AnswerForm,
        "answer_form",
        _("Your answer was sent to the issuer."),
    )


@login_required
@require_POST
def recommendation_verify(request, recommendation_id: int):
    return _post_action(
        request,
        recommendation_id,
        forms.VerifyForm,
        "verify_form",
        _("The answer was verified and the recommendation closed."),
    )


@login_required
@require_POST
def recommendation_return(request, recommendation_id: int):
    return _post_action(
        request,
        recommendation_id,
        forms.ReturnForm,
        "return_form",
        _("The answer was returned to the addressee."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_update(request, recommendation_id: int):
    recommendation = selectors.get_recommendation_for(request.user, recommendation_id)
    if not rules.can_follow_up(request.user, recommendation):
        raise PermissionDeniedError()
    form = forms.RecommendationEditForm(
        posted(request), actor=request.user, recommendation=recommendation
    )
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("oversight:recommendation-detail", recommendation.pk)
    return render(
        request, "oversight/recommendation_form.html", {"form": form, "rec": recommendation}
    )


@login_required
@require_GET
def evidence_download(request, evidence_id: int):
    """An evidence file, to those who may see its recommendation (never a media address)."""
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
