"""Pages of the “Dân vận khéo” app: the list, a model's page and its steps, rounds with their
rubric and council, the quota dashboard, the most replicated models, and the exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.exemplars import exports, forms, selectors, services
from danvan.exemplars.models import (
    Evidence,
    EvidenceKind,
    Exemplar,
    Field,
    Kind,
    Origin,
    Round,
    Status,
)
from danvan.exemplars.rules import MANAGE, ORGANISE
from danvan.units.models import OrgUnit

PAGE_SIZE = 30


def _year(value) -> int | None:
    value = (value or "").strip()
    if value.isdigit() and services.YEAR_MIN <= int(value) <= services.YEAR_MAX:
        return int(value)
    return None


def _filters(request) -> selectors.ExemplarFilters:
    get = request.GET
    unit = None
    if get.get("unit", "").isdigit():
        unit = (
            access.scope(request.user, OrgUnit.objects.all(), "exemplars.view")
            .filter(pk=int(get["unit"]))
            .first()
        )
    return selectors.ExemplarFilters(
        year=_year(get.get("year")),
        field=get.get("field", "") if get.get("field") in Field.values else "",
        kind=get.get("kind", "") if get.get("kind") in Kind.values else "",
        status=get.get("status", "") if get.get("status") in Status.values else "",
        origin=get.get("origin", "") if get.get("origin") in Origin.values else "",
        query=get.get("q", "").strip()[:100],
        unit=unit,
    )


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("before", None)
    return query.urlencode()


@login_required
@require_GET
def home(request):
    filters = _filters(request)
    page = keyset_page(
        selectors.exemplar_list(request.user, filters), request.GET.get("before"), PAGE_SIZE
    )
    context = {
        "page": page,
        "filters": filters,
        "fields": Field.choices,
        "kinds": Kind.choices,
        "statuses": Status.choices,
        "query_string": _query_string(request),
        "can_create": bool(access.reach(request.user, MANAGE)),
        "can_organise": bool(access.reach(request.user, ORGANISE)),
    }
    template = "exemplars/_results.html" if request.htmx else "exemplars/list.html"
    return render(request, template, context)


@login_required
@require_GET
def list_xlsx(request):
    return exports.exemplars_xlsx(selectors.exemplar_list(request.user, _filters(request)))


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    if _year(request.GET.get("year")):
        initial["year"] = _year(request.GET.get("year"))
    if request.GET.get("replicates", "").isdigit():
        initial["replicates"] = int(request.GET["replicates"])
    form = forms.ExemplarForm(posted(request), actor=request.user, initial=initial)
    if request.method == "POST" and form.save():
        messages.success(request, _("The draft was saved. Register it when it is ready."))
        return redirect("exemplars:detail", form.result.pk)
    return render(request, "exemplars/form.html", {"form": form, "exemplar": None})


@login_required
@require_GET
def detail(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id)
    user = request.user
    member = services.member_of(user, exemplar.round)
    show_scores = selectors.scores_visible(user, exemplar)
    evidence = list(exemplar.evidence.select_related("created_by")[:100])
    tree = selectors.replication_tree(exemplar)
    context = {
        "exemplar": exemplar,
        "linkable": selectors.visible_ids(
            user, Exemplar, [node.exemplar.pk for node in tree] + [exemplar.replicates_id]
        ),
        "round_linkable": bool(selectors.visible_ids(user, Round, [exemplar.round_id])),
        "evidence": evidence,
        "photos": [e for e in evidence if e.kind == EvidenceKind.PHOTO],
        "tree": tree,
        "reach": selectors.reach(exemplar),
        "commendations": list(exemplar.commendations.all()),
        "criteria": list(exemplar.round.criteria.all()) if exemplar.round_id else [],
        "scores": list(exemplar.scores.select_related("member__user")) if show_scores else [],
        "show_scores": show_scores,
        "can_manage": selectors.can_manage(user, exemplar),
        "can_organise": selectors.can_organise(user, exemplar),
        "can_publish": access.can(user, ORGANISE, exemplar),
        "member": member,
        "has_scored": bool(member and member.scores.filter(exemplar=exemplar).exists()),
        "evidence_form": forms.EvidenceForm(actor=user, exemplar=exemplar),
        "S": Status,
    }
    return render(request, "exemplars/detail.html", context)


def _step(request, exemplar, form, *, title, button, success, template="exemplars/step.html"):
    if request.method == "POST" and form.save():
        messages.success(request, success)
        return redirect("exemplars:detail", exemplar.pk)
    return render(
        request,
        template,
        {"form": form, "exemplar": exemplar, "title": title, "button": button},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id, permission=MANAGE)
    form = forms.ExemplarForm(posted(request), actor=request.user, exemplar=exemplar)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("exemplars:detail", exemplar.pk)
    return render(request, "exemplars/form.html", {"form": form, "exemplar": exemplar})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id, permission=MANAGE)
    form = forms.ConfirmForm(
        posted(request),
        service=lambda: services.exemplar_delete(actor=request.user, exemplar=exemplar),
    )
    if request.method == "POST" and form.save():
        messages.success(request, _("The draft was deleted."))
        return redirect("exemplars:home")
    return render(
        request,
        "exemplars/step.html",
        {
            "form": form,
            "exemplar": exemplar,
            "title": _("Delete this draft?"),
            "button": _("Delete the draft"),
            "danger": True,
        },
    )


@login_required
@require_POST
def register(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id, permission=MANAGE)
    services.exemplar_register(actor=request.user, exemplar=exemplar)
    messages.success(request, _("The model is registered for %(year)d.") % {"year": exemplar.year})
    return redirect("exemplars:detail", exemplar.pk)


@login_required
@require_POST
def start(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id, permission=MANAGE)
    services.exemplar_start(actor=request.user, exemplar=exemplar)
    messages.success(request, _("The model is now in progress."))
    return redirect("exemplars:detail", exemplar.pk)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id, permission=MANAGE)
    form = forms.EvidenceForm(
        posted(request), request.FILES or None, actor=request.user, exemplar=exemplar
    )
    return _step(
        request,
        exemplar,
        form,
        title=_("Add evidence"),
        button=_("Add"),
        success=_("The evidence was added."),
    )


@login_required
@require_GET
def evidence_file(request, evidence_id: int):
    evidence = access.get_for(request.user, Evidence.objects.exclude(file=""), evidence_id)
    return _file_response(evidence)


def _file_response(evidence: Evidence):
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404() from None
    inline = evidence.kind == EvidenceKind.PHOTO
    return FileResponse(handle, as_attachment=not inline, filename=evidence.original_name or "file")


@login_required
@require_http_methods(["GET", "POST"])
def self_assess(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id, permission=MANAGE)
    round_ = services._round_of(exemplar)
    form = forms.SelfAssessForm(
        posted(request), actor=request.user, exemplar=exemplar, criteria=round_.criteria.all()
    )
    return _step(
        request,
        exemplar,
        form,
        title=_("Self-assessment"),
        button=_("Submit the self-assessment"),
        success=_("The self-assessment was recorded: the council can now review the model."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def score(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id)
    if services.member_of(request.user, exemplar.round) is None:
        raise NotFoundError()
    form = forms.ScoreForm(
        posted(request),
        actor=request.user,
        exemplar=exemplar,
        criteria=exemplar.round.criteria.all(),
    )
    return _step(
        request,
        exemplar,
        form,
        title=_("Score this model"),
        button=_("Submit my score"),
        success=_("Your score was recorded."),
    )


@login_required
@require_POST
def close_review(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id)
    services.review_close(actor=request.user, exemplar=exemplar)
    messages.success(request, _("The council's review is closed."))
    return redirect("exemplars:detail", exemplar.pk)


def _organiser_step(request, exemplar_id, form_class, **texts):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id)
    if not selectors.can_organise(request.user, exemplar):
        raise NotFoundError()
    form = form_class(posted(request), actor=request.user, exemplar=exemplar)
    return _step(request, exemplar, form, **texts)


@login_required
@require_http_methods(["GET", "POST"])
def recognise(request, exemplar_id: int):
    return _organiser_step(
        request,
        exemplar_id,
        forms.RecogniseForm,
        title=_("Recognise this model"),
        button=_("Recognise"),
        success=_("The model is recognised."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def reject(request, exemplar_id: int):
    return _organiser_step(
        request,
        exemplar_id,
        forms.RejectForm,
        title=_("Do not recognise this model"),
        button=_("Record the decision"),
        success=_("The model is not recognised; the unit sees the reasons."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commend(request, exemplar_id: int):
    return _organiser_step(
        request,
        exemplar_id,
        forms.CommendForm,
        title=_("Record a commendation"),
        button=_("Record"),
        success=_("The commendation was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, exemplar_id: int):
    exemplar = selectors.get_exemplar_for(request.user, exemplar_id, permission=ORGANISE)
    form = forms.PublishForm(posted(request), actor=request.user, exemplar=exemplar)
    return _step(
        request,
        exemplar,
        form,
        title=_("Public page"),
        button=_("Save"),
        success=_("The public page was updated."),
    )


# --- Replication -----------------------------------------------------------------------------


@login_required
@require_GET
def most_replicated(request):
    year = _year(request.GET.get("year"))
    rows = list(selectors.most_replicated(request.user, year=year)[:100])
    if request.GET.get("format") == "xlsx":
        return exports.workbook_response(
            "mo-hinh-nhan-rong-nhieu-nhat.xlsx",
            _("Most replicated"),
            [*exports.exemplar_headers()],
            exports.exemplar_rows(selectors.most_replicated(request.user, year=year)[:1000]),
        )
    return render(request, "exemplars/most_replicated.html", {"rows": rows, "year": year})


# --- Dashboard -------------------------------------------------------------------------------


def _dashboard_unit(request) -> OrgUnit:
    reach = access.reach(request.user, "exemplars.view")
    if not reach:
        raise NotFoundError()
    units = access.scope(request.user, OrgUnit.objects.all(), "exemplars.view")
    wanted = request.GET.get("unit", "")
    unit = units.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    if unit is None:
        home_unit = request.user.home_unit
        if home_unit is not None and access.can(request.user, "exemplars.view", home_unit):
            unit = home_unit
        else:
            unit = OrgUnit.objects.filter(path=reach[0]).first()
    if unit is None:
        raise NotFoundError()
    return unit


@login_required
@require_GET
def dashboard(request):
    unit = _dashboard_unit(request)
    year = _year(request.GET.get("year")) or timezone.localdate().year
    if request.GET.get("format") == "xlsx":
        quota_min, _target, _round = selectors.quota_of(unit, year)
        return exports.summary_xlsx(unit, year, quota_min, selectors.unit_summary(unit, year))
    board = selectors.dashboard(unit, year)
    children = access.scope(request.user, OrgUnit.objects.filter(parent=unit), "exemplars.view")
    ancestors = OrgUnit.objects.filter(
        pk__in=[int(p) for p in unit.path.strip("/").split("/")[:-1]]
    ).order_by("depth")
    ancestors = [a for a in ancestors if access.can(request.user, "exemplars.view", a)]
    return render(
        request,
        "exemplars/dashboard.html",
        {
            "board": board,
            "children": list(children.exclude(level="village").order_by("name")[:200]),
            "ancestors": ancestors,
            "round_linkable": bool(
                board.round and selectors.visible_ids(request.user, Round, [board.round.pk])
            ),
            "can_create": bool(access.reach(request.user, MANAGE)),
        },
    )


# --- Rounds ----------------------------------------------------------------------------------


@login_required
@require_GET
def round_list(request):
    return render(
        request,
        "exemplars/round_list.html",
        {
            "rounds": list(selectors.round_list(request.user)[:200]),
            "can_create": bool(access.reach(request.user, ORGANISE)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    if not access.reach(request.user, ORGANISE):
        raise NotFoundError()
    form = forms.RoundForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The round is open; its rubric holds the seed criteria."))
        return redirect("exemplars:round-detail", form.result.pk)
    return render(request, "exemplars/round_form.html", {"form": form, "round": None})


@login_required
@require_GET
def round_detail(request, round_id: int):
    round_ = selectors.get_round_for(request.user, round_id)
    can_organise = access.can(request.user, ORGANISE, round_)
    is_member = services.member_of(request.user, round_) is not None
    exemplars = round_.exemplars.exclude(status=Status.DRAFT).select_related("unit")
    if request.GET.get("format") == "xlsx":
        return exports.exemplars_xlsx(exemplars, f"dot-binh-xet-{round_.year}.xlsx")
    page = keyset_page(exemplars, request.GET.get("before"), PAGE_SIZE)
    return render(
        request,
        "exemplars/round_detail.html",
        {
            "round": round_,
            "criteria": list(round_.criteria.all()),
            "members": list(round_.members.select_related("user")),
            "page": page,
            "can_organise": can_organise,
            "is_member": is_member,
            "criterion_form": forms.CriterionForm(actor=request.user, round=round_),
            "member_form": forms.MemberForm(actor=request.user, round=round_),
            "query_string": "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, round_id: int):
    round_ = selectors.get_round_for(request.user, round_id, permission=ORGANISE)
    form = forms.RoundForm(posted(request), actor=request.user, round=round_)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("exemplars:round-detail", round_.pk)
    return render(request, "exemplars/round_form.html", {"form": form, "round": round_})


def _round_step(request, round_, form, title, success):
    if request.method == "POST" and form.save():
        messages.success(request, success)
        return redirect("exemplars:round-detail", round_.pk)
    return render(
        request,
        "exemplars/round_step.html",
        {"form": form, "round": round_, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request, round_id: int):
    round_ = selectors.get_round_for(request.user, round_id, permission=ORGANISE)
    form = forms.CriterionForm(posted(request), actor=request.user, round=round_)
    return _round_step(request, round_, form, _("Add a criterion"), _("The rubric was changed."))


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, criterion_id: int):
    criterion = selectors.get_criterion_for(request.user, criterion_id)
    form = forms.CriterionForm(
        posted(request), actor=request.user, round=criterion.round, criterion=criterion
    )
    return _round_step(
        request, criterion.round, form, _("Change a criterion"), _("The rubric was changed.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_delete(request, criterion_id: int):
    criterion = selectors.get_criterion_for(request.user, criterion_id)
    form = forms.ConfirmForm(
        posted(request),
        service=lambda: services.criterion_delete(actor=request.user, criterion=criterion),
    )
    return _round_step(
        request,
        criterion.round,
        form,
        _("Delete the criterion “%(text)s”?") % {"text": criterion.text},
        _("The rubric was changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, round_id: int):
    round_ = selectors.get_round_for(request.user, round_id, permission=ORGANISE)
    form = forms.MemberForm(posted(request), actor=request.user, round=round_)
    return _round_step(request, round_, form, _("Add a council member"), _("The member was added."))


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, member_id: int):
    member = selectors.get_member_for(request.user, member_id)
    form = forms.ConfirmForm(
        posted(request),
        service=lambda: services.member_remove(actor=request.user, member=member),
    )
    return _round_step(
        request,
        member.round,
        form,
        _("Remove %(user)s from the council?") % {"user": member.user},
        _("The member was removed."),
    )


# --- Public showcase ---------------------------------------------------------------------------


def _public_filters(request) -> selectors.PublicFilters:
    get = request.GET
    province = get.get("province", "")
    return selectors.PublicFilters(
        field=get.get("field", "") if get.get("field") in Field.values else "",
        province=int(province) if province.isdigit() else None,
        year=_year(get.get("year")),
        query=get.get("q", "").strip()[:100],
    )


@require_GET
def public_list(request):
    filters = _public_filters(request)
    page = keyset_page(selectors.public_list(filters), request.GET.get("before"), PAGE_SIZE)
    context = {
        "page": page,
        "filters": filters,
        "fields": Field.choices,
        "provinces": list(selectors.public_provinces().values_list("pk", "name")),
        "query_string": _query_string(request),
    }
    template = "exemplars/public/_results.html" if request.htmx else "exemplars/public/list.html"
    return render(request, template, context)


@require_GET
def public_detail(request, exemplar_id: int):
    exemplar = selectors.get_public_exemplar(exemplar_id)
    photos = list(exemplar.evidence.filter(kind=EvidenceKind.PHOTO)[:24])
    figures = list(exemplar.evidence.filter(kind=EvidenceKind.FIGURE)[:50])
    return render(
        request,
        "exemplars/public/detail.html",
        {
            "exemplar": exemplar,
            "photos": photos,
            "figures": figures,
            "tree": selectors.replication_tree(exemplar, limit=200),
            "reach": selectors.reach(exemplar),
            "commendations": list(exemplar.commendations.all()),
        },
    )


@require_GET
def public_photo(request, evidence_id: int):
    try:
        pk = int(evidence_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    evidence = (
        Evidence.objects.filter(
            pk=pk,
            kind=EvidenceKind.PHOTO,
            exemplar__is_public=True,
            exemplar__status__in=[Status.RECOGNISED, Status.COMMENDED],
        )
        .exclude(file="")
        .first()
    )
    if evidence is None:
        raise NotFoundError()
    return _file_response(evidence)
