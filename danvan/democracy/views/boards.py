"""Pages of the commune's boards (members, activities, findings) and of the public works
under community supervision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.downloads import attachment
from danvan.core.errors import NotFoundError, ValidationFailed
from danvan.core.forms import DateField
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.democracy import exports, pickers, selectors
from danvan.democracy.forms.others import (
    ActivityForm,
    BoardForm,
    FindingCloseForm,
    FindingForm,
    MemberForm,
    ProgressForm,
    WorkForm,
)
from danvan.democracy.rules import MANAGE
from danvan.democracy.services import boards as services
from danvan.units.models import Level, OrgUnit

PAGE_SIZE = 30


def _villages(commune):
    return OrgUnit.objects.active().filter(parent=commune, level=Level.VILLAGE).order_by("name")


@login_required
@require_GET
def board_list(request):
    boards = keyset_page(
        selectors.board_queryset(request.user), request.GET.get("before"), PAGE_SIZE
    )
    activities = keyset_page(
        selectors.activity_queryset(request.user), request.GET.get("activities_before"), PAGE_SIZE
    )
    return render(
        request,
        "democracy/board_list.html",
        {
            "boards": boards,
            "activities": activities,
            "can_manage": bool(access.reach(request.user, MANAGE)),
        },
    )


@login_required
@require_GET
def activity_export(request):
    return attachment(
        exports.activities_xlsx(
            selectors.activity_queryset(request.user).order_by("-held_on", "-id")
        ),
        "hoat-dong-ban.xlsx",
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    form = BoardForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The board was created. Now add its members."))
        return redirect("democracy:board-detail", form.result.pk)
    return render(
        request,
        "democracy/simple_form.html",
        {"form": form, "title": _("New board"), "back": "democracy:board-list"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_detail(request, board_id: int):
    board = selectors.get_board_for(request.user, board_id)
    can_manage = access.can(request.user, MANAGE, board)
    member_form = activity_form = None
    if can_manage:
        member_form = MemberForm(
            posted(request) if request.POST.get("step") == "member" else None,
            actor=request.user,
            board=board,
            villages=_villages(board.unit),
        )
        activity_form = ActivityForm(
            posted(request) if request.POST.get("step") == "activity" else None,
            actor=request.user,
            board=board,
        )
        if request.method == "POST":
            form = member_form if request.POST.get("step") == "member" else activity_form
            if form.save():
                messages.success(request, _("Saved."))
                return redirect("democracy:board-detail", board.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, board)
    members = list(board.members.select_related("village"))
    today = timezone.localdate()
    current = [m for m in members if m.until is None or m.until >= today]
    return render(
        request,
        "democracy/board_detail.html",
        {
            "board": board,
            "members": members,
            "current": len(current),
            "expected": services.members_expected(board),
            "activities": board.activities.select_related("work")[:100],
            "member_form": member_form,
            "activity_form": activity_form,
            "can_manage": can_manage,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def member_end(request, member_id: int):
    member = selectors.get_member_for(request.user, member_id)
    field = DateField()
    try:
        until = field.clean(request.POST.get("until") or timezone.localdate().strftime("%d/%m/%Y"))
    except DjangoValidationError:
        raise ValidationFailed(_("Enter the date as day/month/year."), field="until") from None
    services.member_end(actor=request.user, member=member, until=until)
    messages.success(request, _("The membership ended."))
    return redirect("democracy:board-detail", member.board_id)


def _commune_units(board):
    """The units of the board's commune a recommendation may go to (the commune's agencies and
    its villages, the commune itself), without the long tail of deeper units."""
    return (
        OrgUnit.objects.active()
        .filter(path__startswith=board.unit.path, depth__lte=board.unit.depth + 1)
        .order_by("depth", "name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_detail(request, activity_id: int):
    activity = selectors.get_activity_for(request.user, activity_id)
    can_manage = access.can(request.user, MANAGE, activity)
    findings = list(activity.findings_list.select_related("addressee"))
    form = None
    if can_manage:
        form = FindingForm(
            posted(request),
            actor=request.user,
            activity=activity,
            units=_commune_units(activity.board),
        )
        if request.method == "POST" and form.save():
            messages.success(request, _("The recommendation was recorded."))
            return redirect("democracy:activity-detail", activity.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, activity)
    close_forms = {
        f.pk: FindingCloseForm(
            actor=request.user, finding=f, initial={"closed_on": timezone.localdate()}
        )
        for f in findings
        if can_manage and f.status == "open"
    }
    return render(
        request,
        "democracy/activity_detail.html",
        {
            "activity": activity,
            "findings": findings,
            "form": form,
            "close_forms": close_forms,
            "today": timezone.localdate(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def finding_close(request, finding_id: int):
    finding = selectors.get_finding_for(request.user, finding_id)
    access.require(request.user, MANAGE, finding)
    form = FindingCloseForm(posted(request), actor=request.user, finding=finding)
    if form.save():
        messages.success(request, _("The recommendation was closed."))
        return redirect("democracy:activity-detail", finding.activity_id)
    return render(
        request,
        "democracy/simple_form.html",
        {"form": form, "title": _("Close the recommendation"), "back": "democracy:board-list"},
        status=400,
    )


@login_required
@require_GET
def finding_export(request):
    return attachment(
        exports.findings_xlsx(selectors.finding_queryset(request.user).order_by("-id")),
        "kien-nghi-ban.xlsx",
    )


# --- Public works -----------------------------------------------------------------------------


@login_required
@require_GET
def work_list(request):
    page = keyset_page(selectors.work_queryset(request.user), request.GET.get("before"), PAGE_SIZE)
    return render(
        request,
        "democracy/work_list.html",
        {"page": page, "can_manage": bool(access.reach(request.user, MANAGE))},
    )


@login_required
@require_GET
def work_export(request):
    return attachment(
        exports.works_xlsx(selectors.work_queryset(request.user).order_by("-id")), "cong-trinh.xlsx"
    )


def _commune_for_new_work(request):
    """The commune a new work belongs to: the only one the actor keeps, or the one chosen."""
    choices = pickers.communes(request.user)
    chosen = request.POST.get("unit") or request.GET.get("unit")
    if chosen:
        return choices.filter(pk=chosen if str(chosen).isdigit() else 0).first()
    return choices.first() if choices.count() == 1 else None


@login_required
@require_http_methods(["GET", "POST"])
def work_create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    commune = _commune_for_new_work(request)
    form = WorkForm(
        posted(request),
        actor=request.user,
        commune=commune,
        villages=_villages(commune) if commune else None,
        initial={"unit": commune.pk if commune else None},
    )
    if request.method == "POST" and form.save():
        messages.success(request, _("The public work was entered."))
        return redirect("democracy:work-detail", form.result.pk)
    return render(request, "democracy/work_form.html", {"form": form, "commune": commune})


@login_required
@require_http_methods(["GET", "POST"])
def work_update(request, work_id: int):
    work = selectors.get_work_for(request.user, work_id)
    access.require(request.user, MANAGE, work)
    form = WorkForm(posted(request), actor=request.user, work=work, villages=_villages(work.unit))
    if request.method == "POST" and form.save():
        messages.success(request, _("The public work was saved."))
        return redirect("democracy:work-detail", work.pk)
    return render(
        request, "democracy/work_form.html", {"form": form, "work": work, "commune": work.unit}
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_detail(request, work_id: int):
    work = selectors.get_work_for(request.user, work_id)
    can_manage = access.can(request.user, MANAGE, work)
    form = None
    if can_manage:
        form = ProgressForm(
            posted(request),
            actor=request.user,
            work=work,
            initial={"on": timezone.localdate(), "progress": work.progress},
        )
        if request.method == "POST" and form.save():
            messages.success(request, _("The progress was recorded."))
            return redirect("democracy:work-detail", work.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, work)
    return render(
        request,
        "democracy/work_detail.html",
        {
            "work": work,
            "updates": work.updates.all()[:100],
            "activities": work.activities.select_related("board")[:50],
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if form is not None and form.errors else 200,
    )
