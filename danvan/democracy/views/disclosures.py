"""Pages of the disclosure register (dân biết) and the compliance view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core import jobs
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.democracy import exports, selectors
from danvan.democracy.forms.disclosures import (
    ComplianceForm,
    DisclosureEditForm,
    DisclosureFilter,
    DisclosureForm,
    PostingForm,
)
from danvan.democracy.models import Audience
from danvan.democracy.rules import MANAGE
from danvan.democracy.selectors.compliance import compliance as compliance_of
from danvan.democracy.services import disclosures as services
from danvan.units.models import Level, OrgUnit

PAGE_SIZE = 30
COMMUNE_PAGE = 50


def _only_commune(actor) -> dict:
    """The unit field filled in when the actor keeps the records of one commune only."""
    from danvan.democracy import pickers

    communes = list(pickers.communes(actor).values_list("pk", flat=True)[:2])
    return {"unit": communes[0]} if len(communes) == 1 else {}


def _files(request):
    return request.FILES if request.method == "POST" else None


def _filtered(request):
    form = DisclosureFilter(request.GET or None, actor=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.disclosure_list(
        request.user,
        within=data.get("within"),
        year=data.get("year"),
        item=data.get("item"),
        flag=data.get("flag") or "",
        query=data.get("q") or "",
    )
    return form, qs


@login_required
@require_GET
def disclosure_list(request):
    form, qs = _filtered(request)
    page = keyset_page(qs, request.GET.get("before"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "democracy/disclosure_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": bool(access.reach(request.user, MANAGE)),
        },
    )


@login_required
@require_GET
def disclosure_export(request):
    _form, qs = _filtered(request)
    return attachment(exports.disclosures_xlsx(qs.order_by("-id")), "cong-khai.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    form = DisclosureForm(
        posted(request), _files(request), actor=request.user, initial=_only_commune(request.user)
    )
    if request.method == "POST" and form.save():
        messages.success(request, _("The disclosure was entered in the register."))
        return redirect("democracy:disclosure-detail", form.result.pk)
    return render(request, "democracy/disclosure_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_detail(request, disclosure_id: int):
    disclosure = selectors.get_disclosure_for(request.user, disclosure_id)
    can_manage = access.can(request.user, MANAGE, disclosure)
    form = None
    if can_manage:
        form = PostingForm(
            posted(request), _files(request), actor=request.user, disclosure=disclosure
        )
        if request.method == "POST" and form.save():
            messages.success(request, _("The posting was added."))
            return redirect("democracy:disclosure-detail", disclosure.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, disclosure)
    postings = list(disclosure.postings.all())
    return render(
        request,
        "democracy/disclosure_detail.html",
        {
            "disclosure": disclosure,
            "postings": postings,
            "gaps": services.channel_gaps(disclosure, postings),
            "rules": list(disclosure.item.rules.all()),
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_update(request, disclosure_id: int):
    disclosure = selectors.get_disclosure_for(request.user, disclosure_id)
    access.require(request.user, MANAGE, disclosure)
    form = DisclosureEditForm(posted(request), actor=request.user, disclosure=disclosure)
    if request.method == "POST" and form.save():
        messages.success(request, _("The disclosure was saved."))
        return redirect("democracy:disclosure-detail", disclosure.pk)
    return render(
        request, "democracy/disclosure_edit.html", {"form": form, "disclosure": disclosure}
    )


@login_required
@require_POST
def posting_delete(request, posting_id: int):
    posting = selectors.get_posting_for(request.user, posting_id)
    disclosure_id = posting.disclosure_id
    services.posting_delete(actor=request.user, posting=posting)
    messages.success(request, _("The posting was removed."))
    return redirect("democracy:disclosure-detail", disclosure_id)


@login_required
@require_GET
def posting_photo(request, posting_id: int):
    posting = selectors.get_posting_for(request.user, posting_id)
    if not posting.photo:
        raise NotFoundError()
    response = FileResponse(
        posting.photo.open("rb"),
        content_type="image/jpeg" if posting.photo.name.endswith(".jpg") else "image/png",
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def item_list(request):
    return render(
        request,
        "democracy/item_list.html",
        {
            "commune_items": selectors.items(Audience.COMMUNE),
            "agency_items": selectors.items(Audience.AGENCY),
        },
    )


# --- Compliance -------------------------------------------------------------------------------


def _compliance_root(request, form) -> OrgUnit | None:
    if form.is_valid() and form.cleaned_data.get("unit"):
        return form.cleaned_data["unit"]
    prefixes = access.reach(request.user, "democracy.view")
    if not prefixes:
        return None
    if prefixes == ["/"]:
        return OrgUnit.objects.filter(parent__isnull=True).order_by("id").first()
    return OrgUnit.objects.filter(path=prefixes[0]).first()


@login_required
@require_http_methods(["GET", "POST"])
def compliance(request):
    form = ComplianceForm(request.GET or None, actor=request.user)
    root = _compliance_root(request, form)
    if root is None:
        raise NotFoundError()
    year = (form.cleaned_data.get("year") if form.is_valid() else None) or timezone.localdate().year
    if request.method == "POST":  # the Excel of a large subtree: a job
        access.require(request.user, "democracy.view", root)
        job = jobs.job_start(
            actor=request.user,
            kind="democracy.compliance-xlsx",
            title=_("Disclosure compliance %(year)d: %(unit)s") % {"year": year, "unit": root.name},
            params={"unit": root.pk, "year": year},
        )
        return redirect("core:job-detail", job.pk)
    state = compliance_of(request.user, root, year)
    large = len(state.communes) > exports.JOB_COMMUNES
    if request.GET.get("format") == "xlsx" and not large:
        return attachment(exports.compliance_xlsx(state), f"tuan-thu-cong-khai-{year}.xlsx")
    try:
        offset = max(0, int(request.GET.get("from", 0)))
    except ValueError:
        offset = 0
    shown = [] if state.areas else state.communes[offset : offset + COMMUNE_PAGE]
    query = request.GET.copy()
    query.pop("from", None)
    return render(
        request,
        "democracy/compliance.html",
        {
            "form": form,
            "state": state,
            "root": root,
            "year": year,
            "rows": shown,
            "offset": offset,
            "next_from": offset + COMMUNE_PAGE
            if offset + COMMUNE_PAGE < len(state.communes)
            else None,
            "large": large,
            "query": query.urlencode(),
            "is_commune": root.level == Level.COMMUNE,
        },
    )
