"""Pages of village matters for the commune official and the village head: prepare a matter,
record a meeting's or the ballots' tally, run an online vote (print the household codes, open,
extend, count after the close), send the result, and the commune's recognition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core import once
from danvan.core.downloads import attachment
from danvan.core.errors import ConflictError, NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.democracy import exports, pickers, rules, selectors
from danvan.democracy.forms.decisions import (
    CancelForm,
    ExtendForm,
    HouseholdForm,
    MatterActionForm,
    MatterForm,
    RecogniseForm,
    TallyForm,
)
from danvan.democracy.models import DecisionForm, MatterStatus
from danvan.democracy.rules import MANAGE
from danvan.democracy.services import decisions as services
from danvan.democracy.services import voting
from danvan.lib.grassroots import decide
from danvan.units.selectors import get_unit_for

PAGE_SIZE = 30
STATUSES = MatterStatus.choices


def _filtered(request):
    status = request.GET.get("status", "")
    form = request.GET.get("form", "")
    return selectors.matter_list(
        request.user,
        status=status if status in MatterStatus.values else "",
        form=form if form in DecisionForm.values else "",
        query=request.GET.get("q", "")[:100],
    )


@login_required
@require_GET
def matter_list(request):
    page = keyset_page(_filtered(request), request.GET.get("before"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "democracy/matter_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "statuses": STATUSES,
            "forms": DecisionForm.choices,
            "can_manage": bool(access.reach(request.user, MANAGE)),
            "now": timezone.now(),
        },
    )


@login_required
@require_GET
def matter_export(request):
    return attachment(exports.matters_xlsx(_filtered(request).order_by("-id")), "bieu-quyet.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def matter_create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    villages = list(pickers.villages(request.user).values_list("pk", flat=True)[:2])
    initial = {
        "form": DecisionForm.MEETING,
        **({"village": villages[0]} if len(villages) == 1 else {}),
    }
    form = MatterForm(posted(request), actor=request.user, initial=initial)
    if request.method == "POST" and form.save():
        messages.success(request, _("The matter was created."))
        return redirect("democracy:matter-detail", form.result.pk)
    return render(request, "democracy/matter_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def matter_update(request, matter_id: int):
    matter = selectors.get_matter_for(request.user, matter_id)
    access.require(request.user, MANAGE, matter)
    form = MatterForm(posted(request), actor=request.user, matter=matter)
    if request.method == "POST" and form.save():
        messages.success(request, _("The matter was saved."))
        return redirect("democracy:matter-detail", matter.pk)
    return render(request, "democracy/matter_form.html", {"form": form, "matter": matter})


def _result(matter, now):
    """What the page may show of the result: the recorded tally, or the online one after the
    close; None while an online vote is open (hidden)."""
    if matter.agreeing is not None:
        return decide(
            households=matter.households,
            taking_part=matter.taking_part or 0,
            agreeing=matter.agreeing,
            disagreeing=matter.disagreeing or 0,
            meeting=matter.form == DecisionForm.MEETING,
        )
    if matter.is_online and matter.status == MatterStatus.VOTING and matter.is_closed(now):
        return selectors.vote_result(matter, now)["outcome"]
    return None


@login_required
@require_GET
def matter_detail(request, matter_id: int):
    matter = selectors.get_matter_for(request.user, matter_id)
    actor, now = request.user, timezone.now()
    can = {
        "edit": rules.can_edit_matter(actor, matter),
        "tally": rules.can_record_tally(actor, matter),
        "vote": rules.can_run_vote(actor, matter),
        "count": rules.can_record_online_result(actor, matter, now),
        "send": rules.can_send(actor, matter),
        "recognise": rules.can_recognise(actor, matter),
        "extend": matter.status == MatterStatus.VOTING
        and not matter.is_closed(now)
        and access.can(actor, MANAGE, matter),
        "cancel": (
            matter.status == MatterStatus.DRAFT
            or (matter.status == MatterStatus.VOTING and not matter.is_closed(now))
        )
        and access.can(actor, MANAGE, matter),
    }
    context = {
        "matter": matter,
        "can": can,
        "outcome": _result(matter, now),
        "state": matter.vote_state(now),
        "turnout": voting.turnout(matter) if matter.status == MatterStatus.VOTING else None,
        "tally_form": TallyForm(actor=actor, matter=matter) if can["tally"] else None,
        "action_form": MatterActionForm(actor=actor, matter=matter, action="open")
        if can["vote"] or can["send"] or can["count"]
        else None,
        "extend_form": ExtendForm(actor=actor, matter=matter) if can["extend"] else None,
        "cancel_form": CancelForm(actor=actor, matter=matter) if can["cancel"] else None,
        "recognise_form": RecogniseForm(actor=actor, matter=matter) if can["recognise"] else None,
        "overdue": matter.status == MatterStatus.DECIDED
        and matter.report_due
        and matter.report_due < timezone.localdate(),
    }
    return render(request, "democracy/matter_detail.html", context)


def _step(request, matter_id, form_class, success: str, **extra):
    matter = selectors.get_matter_for(request.user, matter_id)
    access.require(
        request.user, MANAGE if form_class is not RecogniseForm else "democracy.view", matter
    )
    form = form_class(posted(request), actor=request.user, matter=matter, **extra)
    if form.save():
        messages.success(request, success)
        return redirect("democracy:matter-detail", matter.pk)
    return render(
        request,
        "democracy/matter_step.html",
        {"form": form, "matter": matter, "title": success},
        status=400,
    )


@login_required
@require_POST
def matter_tally(request, matter_id: int):
    return _step(request, matter_id, TallyForm, _("The result was recorded."))


@login_required
@require_POST
def matter_open(request, matter_id: int):
    return _step(request, matter_id, MatterActionForm, _("The online vote is open."), action="open")


@login_required
@require_POST
def matter_count(request, matter_id: int):
    return _step(
        request,
        matter_id,
        MatterActionForm,
        _("The ballots were counted and the result recorded."),
        action="count",
    )


@login_required
@require_POST
def matter_send(request, matter_id: int):
    return _step(
        request,
        matter_id,
        MatterActionForm,
        _("The result was sent to the commune."),
        action="send",
    )


@login_required
@require_POST
def matter_extend(request, matter_id: int):
    return _step(request, matter_id, ExtendForm, _("The vote now closes later."))


@login_required
@require_POST
def matter_cancel(request, matter_id: int):
    return _step(request, matter_id, CancelForm, _("The matter was cancelled."))


@login_required
@require_POST
def matter_recognise(request, matter_id: int):
    return _step(request, matter_id, RecogniseForm, _("The commune's decision was recorded."))


@login_required
@never_cache
@require_POST
def matter_codes(request, matter_id: int):
    """Make the household codes and show the sheet to print, this once (the codes are never
    stored: a reload of this page does not show them again)."""
    matter = selectors.get_matter_for(request.user, matter_id)
    access.require(request.user, MANAGE, matter)
    try:
        with once.guard(once.token_of(request.POST), request.user):
            printed = services.codes_issue(actor=request.user, matter=matter)
    except once.AlreadyDone:
        messages.warning(
            request,
            _(
                "The codes were already made by this click and cannot be shown again. Make new codes if the sheet was not printed."
            ),
        )
        return redirect("democracy:matter-detail", matter.pk)
    except ConflictError as error:
        messages.error(request, str(error.message))
        return redirect("democracy:matter-detail", matter.pk)
    matter.refresh_from_db()
    vote_url = request.build_absolute_uri(reverse("grassroots:vote", args=[matter.pk]))
    return render(
        request,
        "democracy/code_sheet.html",
        {"matter": matter, "slips": list(enumerate(printed, start=1)), "vote_url": vote_url},
    )


# --- Households --------------------------------------------------------------------------------


def _village(request, village_id):
    village = get_unit_for(request.user, village_id)
    return village, selectors.household_list(request.user, village)


@login_required
@require_http_methods(["GET", "POST"])
def household_list(request, village_id: int):
    village, households = _village(request, village_id)
    form = HouseholdForm(posted(request), actor=request.user, village=village)
    if request.method == "POST" and form.save():
        messages.success(request, _("The household was added."))
        return redirect("democracy:household-list", village.pk)
    page = keyset_page(households, request.GET.get("before"), 100)
    return render(
        request,
        "democracy/household_list.html",
        {
            "village": village,
            "page": page,
            "form": form,
            "active": households.filter(is_active=True).count(),
        },
    )


@login_required
@require_GET
def household_export(request, village_id: int):
    village, households = _village(request, village_id)
    return attachment(
        exports.households_xlsx(households.order_by("number")), f"ho-gia-dinh-{village.pk}.xlsx"
    )


@login_required
@require_POST
def household_leave(request, household_id: int):
    household = selectors.get_household_for(request.user, household_id)
    services.household_leave(actor=request.user, household=household)
    messages.success(request, _("The household is marked as no longer living here."))
    return redirect("democracy:household-list", household.village_id)
