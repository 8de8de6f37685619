"""Pages of periodic reports: my unit's reports, rounds with their completeness dashboard,
a report (fill, submit, review, versions), consolidation with drill-down and exports, templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.downloads import attachment
from danvan.core.errors import ConflictError, NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.reports import exports, selectors, services
from danvan.reports.forms import (
    DatesForm,
    FillFromForm,
    IndicatorForm,
    ReviewForm,
    RoundForm,
    SubmissionForm,
    TemplateForm,
)
from danvan.reports.models import SubmissionStatus
from danvan.reports.rules import MANAGE, OPEN, SUBMIT
from danvan.reports.services.templates import require_unlocked

PAGE_SIZE = 30
STATUS_FILTERS = ("missing", "late", *SubmissionStatus.values)


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() and len(str(value)) < 12 else None


# --- Home ----------------------------------------------------------------------------------


@login_required
@require_GET
def home(request):
    """My unit's reports (the ones to do first) and the rounds I receive or opened."""
    todo = keyset_page(
        selectors.my_submissions(request.user).exclude(status=SubmissionStatus.ACCEPTED),
        request.GET.get("before"),
        PAGE_SIZE,
    )
    rounds = keyset_page(
        selectors.rounds_received(request.user), request.GET.get("rounds_before"), PAGE_SIZE
    )
    return render(
        request,
        "reports/home.html",
        {
            "todo": todo,
            "rounds": rounds,
            "can_open": selectors.can_open(request.user),
            "can_manage": bool(access.reach(request.user, MANAGE)),
        },
    )


# --- Templates -----------------------------------------------------------------------------


@login_required
@require_GET
def template_list(request):
    page = keyset_page(
        selectors.template_queryset(request.user), request.GET.get("before"), PAGE_SIZE
    )
    return render(
        request,
        "reports/template_list.html",
        {"page": page, "can_manage": bool(access.reach(request.user, MANAGE))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    form = TemplateForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The template was created. Now add its indicators."))
        return redirect("reports:template", form.result.pk)
    return render(request, "reports/template_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, template_id: int):
    template = selectors.get_template_for(request.user, template_id)
    access.require(request.user, MANAGE, template)
    require_unlocked(template)
    form = TemplateForm(posted(request), actor=request.user, template=template)
    if request.method == "POST" and form.save():
        messages.success(request, _("The template was saved."))
        return redirect("reports:template", template.pk)
    return render(request, "reports/template_form.html", {"form": form, "template": template})


@login_required
@require_http_methods(["GET", "POST"])
def template_detail(request, template_id: int):
    """The template, its indicators, and (while no round uses it) the form to add one."""
    template = selectors.get_template_for(request.user, template_id)
    can_edit = access.can(request.user, MANAGE, template) and not template.rounds.exists()
    form = None
    if can_edit:
        form = IndicatorForm(posted(request), actor=request.user, template=template)
        if request.method == "POST" and form.save():
            messages.success(request, _("The indicator was added."))
            return redirect("reports:template", template.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, template)
        require_unlocked(template)
    return render(
        request,
        "reports/template_detail.html",
        {
            "template": template,
            "indicators": selectors.template_indicators(template),
            "form": form,
            "can_edit": can_edit,
            "can_copy": bool(access.reach(request.user, MANAGE)),
        },
    )


@login_required
@require_POST
def indicator_delete(request, indicator_id: int):
    indicator = selectors.get_indicator_for(request.user, indicator_id)
    template_id = indicator.template_id
    services.indicator_delete(actor=request.user, indicator=indicator)
    messages.success(request, _("The indicator was deleted."))
    return redirect("reports:template", template_id)


@login_required
@require_POST
def template_copy(request, template_id: int):
    template = selectors.get_template_for(request.user, template_id)
    homes = selectors.home_units(request.user, MANAGE)
    if not homes:
        raise NotFoundError()
    copy = services.template_copy(actor=request.user, template=template, unit=homes[0])
    messages.success(request, _("The copy was created: change it as you need."))
    return redirect("reports:template", copy.pk)


# --- Rounds --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    if not selectors.can_open(request.user):
        raise NotFoundError()
    form = RoundForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        count = form.result.submissions.count()
        messages.success(
            request,
            _("The round is open: %(count)d units must report.") % {"count": count},
        )
        return redirect("reports:round", form.result.pk)
    return render(request, "reports/round_form.html", {"form": form})


@login_required
@require_GET
def round_detail(request, round_id: int):
    """The round and, for the recipient, its completeness dashboard and every report."""
    report_round = selectors.get_round_for(request.user, round_id)
    is_recipient = selectors.is_recipient(request.user, report_round) or access.can(
        request.user, OPEN, report_round
    )
    context = {"round": report_round, "is_recipient": is_recipient}
    if is_recipient:
        area_id = _int(request.GET.get("area"))
        status = request.GET.get("status", "")
        status = status if status in STATUS_FILTERS else ""
        context["state"] = selectors.completeness(report_round, area_id=area_id)
        context["area_id"] = area_id
        context["status"] = status
        context["page"] = keyset_page(
            selectors.round_submissions(report_round, status=status, area_id=area_id),
            request.GET.get("before"),
            PAGE_SIZE,
        )
        query = request.GET.copy()
        query.pop("before", None)
        context["query_string"] = query.urlencode()
        if access.can(request.user, OPEN, report_round):
            context["dates_form"] = DatesForm(actor=request.user, report_round=report_round)
    else:
        context["own"] = list(
            selectors.submission_queryset(request.user).filter(round=report_round)[:50]
        )
    return render(request, "reports/round_detail.html", context)


@login_required
@require_POST
def round_dates(request, round_id: int):
    report_round = _recipient_round(request, round_id)
    form = DatesForm(request.POST, actor=request.user, report_round=report_round)
    if form.save():
        messages.success(request, _("The dates were changed."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("reports:round", report_round.pk)


@login_required
@require_POST
def round_remind(request, round_id: int):
    """One click: remind every missing unit, or the one given."""
    report_round = _recipient_round(request, round_id)
    submission_id = _int(request.POST.get("submission"))
    count = services.round_remind(
        actor=request.user,
        report_round=report_round,
        submission_ids=[submission_id] if submission_id else None,
    )
    if count:
        messages.success(request, _("Reminder sent to %(count)d units.") % {"count": count})
    else:
        messages.warning(request, _("Nobody to remind: no account acts for these units yet."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("reports:round", args=[report_round.pk])
    return redirect(target)


def _recipient_round(request, round_id: int):
    report_round = selectors.get_round_for(request.user, round_id)
    if not (
        selectors.is_recipient(request.user, report_round)
        or access.can(request.user, OPEN, report_round)
    ):
        raise NotFoundError()
    return report_round


@login_required
@require_GET
def consolidation(request, round_id: int):
    report_round = _recipient_round(request, round_id)
    return render(
        request,
        "reports/consolidation.html",
        {
            "round": report_round,
            "figures": selectors.consolidated_figures(report_round),
            "narrative": selectors.compiled_narrative(report_round, limit=200),
            "accepted": selectors.completeness(report_round).total.accepted,
        },
    )


@login_required
@require_GET
def indicator_drilldown(request, round_id: int, indicator_id: int):
    report_round = _recipient_round(request, round_id)
    indicator = report_round.template.indicators.filter(pk=_int(indicator_id)).first()
    if indicator is None:
        raise NotFoundError()
    qs = selectors.indicator_breakdown(report_round, indicator)
    after = _int(request.GET.get("after"))
    if after:
        qs = qs.filter(submission_id__gt=after)
    rows = list(qs[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return render(
        request,
        "reports/drilldown.html",
        {
            "round": report_round,
            "indicator": indicator,
            "rows": rows,
            "next_after": rows[-1].submission_id if more and rows else None,
        },
    )


@login_required
@require_GET
def consolidation_docx(request, round_id: int):
    report_round = _recipient_round(request, round_id)
    data = exports.consolidated_docx(report_round)
    return attachment(data, exports.filename(report_round, "docx"))


@login_required
@require_GET
def consolidation_xlsx(request, round_id: int):
    report_round = _recipient_round(request, round_id)
    data = exports.figures_xlsx(report_round)
    return attachment(data, exports.filename(report_round, "xlsx"))


# --- A report ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request, submission_id: int):
    """A unit's report: the form while a draft (save; a leader submits), the submitted figures
    otherwise, the review for the recipient, and every version."""
    submission = selectors.get_submission_for(request.user, submission_id)
    report_round = submission.round
    indicators = selectors.template_indicators(report_round.template)
    stored = selectors.submission_values(submission)
    can_fill = submission.is_editable and access.can(request.user, MANAGE, submission)
    can_submit = can_fill and access.can(request.user, SUBMIT, submission.unit)
    form = None
    if can_fill:
        form = SubmissionForm(
            posted(request),
            actor=request.user,
            submission=submission,
            indicators=indicators,
            stored=stored,
        )
        if request.method == "POST":
            form.action = SubmissionForm.SUBMIT if "submit" in request.POST else SubmissionForm.SAVE
            if form.save():
                if form.action == SubmissionForm.SUBMIT:
                    messages.success(
                        request,
                        _("The report was submitted to %(unit)s.")
                        % {"unit": report_round.recipient.name},
                    )
                else:
                    messages.success(request, _("The draft was saved."))
                return redirect("reports:submission", submission.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, submission)
        raise ConflictError(
            _(
                "This report has been submitted and is locked. The recipient can return it for "
                "changes."
            ),
            code="locked",
        )
    is_recipient = selectors.is_recipient(request.user, report_round)
    review_form = None
    if is_recipient and submission.status == SubmissionStatus.SUBMITTED:
        review_form = ReviewForm(actor=request.user, submission=submission)
    fill_form = None
    if can_fill:
        rounds = selectors.rounds_to_feed(request.user, submission)
        if rounds:
            fill_form = FillFromForm(actor=request.user, submission=submission, rounds=rounds)
    return render(
        request,
        "reports/submission_detail.html",
        {
            "submission": submission,
            "round": report_round,
            "form": form,
            "can_submit": can_submit,
            "review_form": review_form,
            "fill_form": fill_form,
            "is_recipient": is_recipient,
            "rows": [(i, stored.get(i.pk)) for i in indicators],
            "sections": [
                (title, (submission.narrative or {}).get(key, ""))
                for key, title in report_round.template.section_list()
            ],
            "versions": selectors.submission_versions(submission),
        },
    )


@login_required
@require_POST
def submission_review(request, submission_id: int):
    submission = selectors.get_submission_for(request.user, submission_id)
    if not selectors.is_recipient(request.user, submission.round):
        raise NotFoundError()
    form = ReviewForm(request.POST, actor=request.user, submission=submission)
    form.accept = "accept" in request.POST
    if form.save():
        if form.accept:
            messages.success(request, _("The report was accepted."))
        else:
            messages.success(request, _("The report was returned to the unit with your comments."))
        return redirect("reports:submission", submission.pk)
    report_round = submission.round
    indicators = selectors.template_indicators(report_round.template)
    stored = selectors.submission_values(submission)
    return render(
        request,
        "reports/submission_detail.html",
        {
            "submission": submission,
            "round": report_round,
            "review_form": form,
            "is_recipient": True,
            "rows": [(i, stored.get(i.pk)) for i in indicators],
            "sections": [
                (title, (submission.narrative or {}).get(key, ""))
                for key, title in report_round.template.section_list()
            ],
            "versions": selectors.submission_versions(submission),
        },
        status=400,
    )


@login_required
@require_POST
def submission_fill_from(request, submission_id: int):
    submission = selectors.get_submission_for(request.user, submission_id)
    rounds = selectors.rounds_to_feed(request.user, submission)
    form = FillFromForm(request.POST, actor=request.user, submission=submission, rounds=rounds)
    if form.save():
        messages.success(
            request,
            _("The figures and narrative were filled from the consolidation. Check them and save."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("reports:submission", submission.pk)
