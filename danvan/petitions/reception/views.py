"""Pages of citizen reception, voter petitions and dialogue conferences (staff), and the public
pages of published answers to voter petitions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.downloads import attachment
from danvan.core.errors import ConflictError, NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.petitions.models import SessionKind
from danvan.petitions.reception import exports, forms, rules, selectors
from danvan.petitions.reception.rules import MANAGE

PAGE_SIZE = 30
EXPORT_MAX = 5000


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 1945 <= int(value) <= 2100 else None


def _can_record(request) -> bool:
    return rules.can_record(request.user)


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("before", None)
    return query.urlencode()


# --- Reception ------------------------------------------------------------------------------


def _session_filters(request) -> selectors.SessionFilters:
    kind = request.GET.get("kind", "")
    return selectors.SessionFilters(
        year=_year(request), kind=kind if kind in SessionKind.values else ""
    )


@login_required
@require_GET
def session_list(request):
    filters = _session_filters(request)
    page = keyset_page(
        selectors.session_list(request.user, filters), request.GET.get("before"), PAGE_SIZE
    )
    return render(
        request,
        "petitions/reception_list.html",
        {
            "page": page,
            "filters": filters,
            "kinds": SessionKind.choices,
            "query_string": _query_string(request),
            "can_record": _can_record(request),
        },
    )


@login_required
@require_GET
def session_export(request):
    sessions = list(
        selectors.session_list(request.user, _session_filters(request)).order_by("-held_on", "-id")[
            :EXPORT_MAX
        ]
    )
    return attachment(exports.sessions_xlsx(sessions), "tiep-cong-dan.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    if not _can_record(request):
        raise NotFoundError()
    form = forms.SessionForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The reception session was recorded. Add the matters raised."))
        return redirect("petitions:reception-detail", form.result.pk)
    return render(request, "petitions/reception_form.html", {"form": form})


def case_url(case) -> str:
    """The staff page of a case (the cases pages may not be wired yet: then no link)."""
    try:
        return reverse("petitions:case-detail", args=[case.pk])
    except NoReverseMatch:
        return ""


def _session_context(request, session, **extra):
    can_manage = rules.can_manage(request.user, session)
    matters = selectors.session_matters(session)
    for matter in matters:
        matter.case_url = case_url(matter.case) if matter.case_id else ""
    return {
        "session": session,
        "matters": matters,
        "can_manage": can_manage,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request, session_id: int):
    session = selectors.get_session_for(request.user, session_id)
    form = None
    if rules.can_manage(request.user, session):
        form = forms.MatterForm(posted(request), actor=request.user, session=session)
        if request.method == "POST" and form.save():
            if form.result.case_id:
                messages.success(request, _("The matter was recorded and received as a case."))
            else:
                messages.success(request, _("The matter was recorded."))
            return redirect("petitions:reception-detail", session.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, session)
    return render(
        request, "petitions/reception_detail.html", _session_context(request, session, form=form)
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request, session_id: int):
    session = selectors.get_session_for(request.user, session_id)
    access.require(request.user, MANAGE, session)
    form = forms.SessionEditForm(posted(request), actor=request.user, session=session)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("petitions:reception-detail", session.pk)
    return render(request, "petitions/reception_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def matter_to_case(request, matter_id: int):
    matter = selectors.get_matter_for(request.user, matter_id)
    access.require(request.user, MANAGE, matter.session)
    form = forms.MatterCaseForm(posted(request), actor=request.user, matter=matter)
    if request.method == "POST" and form.save():
        messages.success(request, _("The matter was received as a case."))
        return redirect("petitions:reception-detail", matter.session_id)
    return render(request, "petitions/reception_matter_case.html", {"form": form, "matter": matter})


@login_required
@require_http_methods(["GET", "POST"])
def schedule_list(request):
    form = None
    if _can_record(request):
        form = forms.ScheduleForm(posted(request), actor=request.user)
        if request.method == "POST" and form.save():
            messages.success(request, _("The reception day was added."))
            return redirect("petitions:schedule-list")
    elif request.method == "POST":
        raise NotFoundError()
    return render(
        request,
        "petitions/reception_schedules.html",
        {
            "items": selectors.compliance(request.user),
            "rules": selectors.rules(),
            "form": form,
        },
    )


@login_required
@require_POST
def schedule_stop(request, schedule_id: int):
    schedule = selectors.get_schedule_for(request.user, schedule_id)
    form = forms.ScheduleStopForm(request.POST, actor=request.user, schedule=schedule)
    if form.save():
        messages.success(request, _("The reception day is no longer in force."))
    return redirect("petitions:schedule-list")


# --- Voter petitions ------------------------------------------------------------------------


def _petition_filters(request) -> selectors.PetitionFilters:
    status = request.GET.get("status", "")
    return selectors.PetitionFilters(
        status=status if status in selectors.PETITION_STATUSES else "",
        year=_year(request),
        query=request.GET.get("q", "").strip()[:100],
        to_my_unit=request.GET.get("to") == "me",
    )


def _status_choices():
    return [
        (selectors.STATUS_NEW, _("Not forwarded yet")),
        (selectors.STATUS_FORWARDED, _("Waiting for an answer")),
        (selectors.STATUS_OVERDUE, _("Overdue")),
        (selectors.STATUS_ANSWERED, _("Answered")),
    ]


@login_required
@require_GET
def voter_petition_list(request):
    filters = _petition_filters(request)
    page = keyset_page(
        selectors.petition_list(request.user, filters), request.GET.get("before"), PAGE_SIZE
    )
    return render(
        request,
        "petitions/voter_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": _status_choices(),
            "today": timezone.localdate(),
            "query_string": _query_string(request),
            "can_record": _can_record(request),
            "meetings": selectors.meeting_list(request.user).order_by("-held_on", "-id")[:10],
        },
    )


@login_required
@require_GET
def voter_petition_export(request):
    petitions = list(
        selectors.petition_list(request.user, _petition_filters(request)).order_by("-id")[
            :EXPORT_MAX
        ]
    )
    return attachment(
        exports.petitions_xlsx(petitions, timezone.localdate()), "kien-nghi-cu-tri.xlsx"
    )


@login_required
@require_http_methods(["GET", "POST"])
def voter_meeting_create(request):
    if not _can_record(request):
        raise NotFoundError()
    form = forms.VoterMeetingForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The meeting was recorded. Add the voters' petitions."))
        return redirect("petitions:voter-meeting-detail", form.result.pk)
    return render(request, "petitions/voter_meeting_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def voter_meeting_detail(request, meeting_id: int):
    meeting = selectors.get_meeting_for(request.user, meeting_id)
    form = None
    if rules.can_manage(request.user, meeting):
        form = forms.VoterPetitionForm(posted(request), actor=request.user, meeting=meeting)
        if request.method == "POST" and form.save():
            messages.success(request, _("The petition was recorded."))
            return redirect("petitions:voter-meeting-detail", meeting.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, meeting)
    return render(
        request,
        "petitions/voter_meeting_detail.html",
        {
            "meeting": meeting,
            "petitions": selectors.meeting_petitions(meeting),
            "form": form,
            "today": timezone.localdate(),
        },
    )


def _petition_page(request, petition, *, status=200, **forms_given):
    user = request.user
    context = {
        "petition": petition,
        "today": timezone.localdate(),
        "can_manage": rules.can_manage(user, petition.meeting),
        "can_edit": rules.can_edit_petition(user, petition),
        "can_publish": rules.can_publish_petition(user, petition),
        "forward_form": None,
        "answer_form": None,
    }
    if rules.can_forward_petition(user, petition):
        context["forward_form"] = forms_given.get("forward_form") or forms.ForwardForm(
            actor=user, petition=petition
        )
    if rules.can_record_answer(user, petition):
        context["answer_form"] = forms_given.get("answer_form") or forms.AnswerForm(
            actor=user, petition=petition
        )
    return render(request, "petitions/voter_detail.html", context, status=status)


@login_required
@require_GET
def voter_petition_detail(request, petition_id: int):
    petition = selectors.get_petition_for(request.user, petition_id)
    return _petition_page(request, petition)


@login_required
@require_POST
def voter_petition_forward(request, petition_id: int):
    petition = selectors.get_petition_for(request.user, petition_id)
    access.require(request.user, MANAGE, petition.meeting)
    form = forms.ForwardForm(request.POST, actor=request.user, petition=petition)
    if form.save():
        messages.success(request, _("The petition was forwarded."))
        return redirect("petitions:voter-petition-detail", petition.pk)
    petition = selectors.get_petition_for(request.user, petition_id)
    return _petition_page(request, petition, forward_form=form)


@login_required
@require_POST
def voter_petition_answer(request, petition_id: int):
    petition = selectors.get_petition_for(request.user, petition_id)
    if not rules.can_answer(request.user, petition):
        access.require(request.user, MANAGE, petition.meeting)
    form = forms.AnswerForm(request.POST, actor=request.user, petition=petition)
    if form.save():
        messages.success(request, _("The answer was recorded."))
        return redirect("petitions:voter-petition-detail", petition.pk)
    petition = selectors.get_petition_for(request.user, petition_id)
    return _petition_page(request, petition, answer_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def voter_petition_update(request, petition_id: int):
    petition = selectors.get_petition_for(request.user, petition_id)
    if not rules.can_edit_petition(request.user, petition):
        access.require(request.user, MANAGE, petition.meeting)
        raise ConflictError(_("This petition has been answered: its text is no longer corrected."))
    form = forms.VoterPetitionEditForm(posted(request), actor=request.user, petition=petition)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("petitions:voter-petition-detail", petition.pk)
    return render(
        request, "petitions/voter_petition_form.html", {"form": form, "petition": petition}
    )


@login_required
@require_POST
def voter_petition_publish(request, petition_id: int):
    petition = selectors.get_petition_for(request.user, petition_id)
    form = forms.PublishForm(request.POST, actor=request.user, petition=petition)
    if form.save():
        messages.success(
            request,
            _("The answer is published on the public site.")
            if form.cleaned_data["published"]
            else _("The answer was withdrawn from the public site."),
        )
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("petitions:voter-petition-detail", petition.pk)


# --- Dialogue conferences -------------------------------------------------------------------


@login_required
@require_GET
def dialogue_list(request):
    year = _year(request)
    page = keyset_page(
        selectors.dialogue_list(request.user, year), request.GET.get("before"), PAGE_SIZE
    )
    return render(
        request,
        "petitions/dialogue_list.html",
        {
            "page": page,
            "year": year,
            "query_string": _query_string(request),
            "can_record": _can_record(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request):
    if not _can_record(request):
        raise NotFoundError()
    form = forms.DialogueForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The conference was recorded. Add the issues raised."))
        return redirect("petitions:dialogue-detail", form.result.pk)
    return render(request, "petitions/dialogue_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_detail(request, conference_id: int):
    conference = selectors.get_dialogue_for(request.user, conference_id)
    form = None
    if rules.can_manage(request.user, conference):
        form = forms.IssueForm(posted(request), actor=request.user, conference=conference)
        if request.method == "POST" and form.save():
            issue = form.result
            if issue.task_id:
                messages.success(request, _("The issue was recorded; its commitment is a task."))
            elif issue.commitment:
                messages.info(
                    request,
                    _(
                        "The issue was recorded. A leader of the unit turns its commitment into a task."
                    ),
                )
            else:
                messages.success(request, _("The issue was recorded."))
            return redirect("petitions:dialogue-detail", conference.pk)
    elif request.method == "POST":
        access.require(request.user, MANAGE, conference)
    return render(
        request,
        "petitions/dialogue_detail.html",
        {
            "conference": conference,
            "issues": selectors.dialogue_issues(conference),
            "form": form,
            "can_make_tasks": rules.can_make_tasks(request.user, conference),
            "can_manage": rules.can_manage(request.user, conference),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_update(request, conference_id: int):
    conference = selectors.get_dialogue_for(request.user, conference_id)
    access.require(request.user, MANAGE, conference)
    form = forms.DialogueEditForm(posted(request), actor=request.user, conference=conference)
    if request.method == "POST" and form.save():
        messages.success(request, _("The changes were saved."))
        return redirect("petitions:dialogue-detail", conference.pk)
    return render(request, "petitions/dialogue_form.html", {"form": form, "conference": conference})


@login_required
@require_POST
def issue_make_task(request, issue_id: int):
    issue = selectors.get_issue_for(request.user, issue_id)
    form = forms.MakeTaskForm(request.POST, actor=request.user, issue=issue)
    if form.save():
        messages.success(request, _("The commitment is now a task of the plan."))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("petitions:dialogue-detail", issue.conference_id)


# --- Public: published answers --------------------------------------------------------------


@require_GET
def public_answers(request):
    year = _year(request)
    unit_query = request.GET.get("unit", "").strip()[:100]
    query = request.GET.get("q", "").strip()[:100]
    page = keyset_page(
        selectors.published_answers(unit_query=unit_query, year=year, query=query),
        request.GET.get("before"),
        PAGE_SIZE,
    )
    return render(
        request,
        "petitions/voter_public_list.html",
        {
            "page": page,
            "year": year,
            "unit_query": unit_query,
            "query": query,
            "query_string": _query_string(request),
        },
    )


@require_GET
def public_answer(request, petition_id: int):
    petition = selectors.get_published(petition_id)
    if petition is None:
        raise Http404
    return render(request, "petitions/voter_public_detail.html", {"petition": petition})
