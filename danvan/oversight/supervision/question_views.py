"""Pages of council questions (chất vấn): sessions, their questions, the answers and the
commitments followed as recommendations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.core.pagination import keyset_page
from danvan.core.views import posted
from danvan.oversight import rules
from danvan.oversight.recommendations import forms as recommendation_forms
from danvan.oversight.supervision import forms, selectors, services

PAGE_SIZE = 30


@login_required
@require_GET
def session_list(request):
    try:
        year = int(request.GET.get("year", ""))
        year = year if 1945 <= year <= 2100 else None
    except ValueError:
        year = None
    page = keyset_page(
        selectors.session_list(request.user, year), request.GET.get("before"), PAGE_SIZE
    )
    return render(
        request,
        "oversight/session_list.html",
        {
            "page": page,
            "year": year,
            "can_record": bool(access.reach(request.user, rules.MANAGE)),
        },
    )


@login_required
@require_GET
def session_export(request):
    """One row per question the actor may see, with its session, answer and commitments."""
    from danvan.accounts import access as access_module
    from danvan.core.downloads import attachment
    from danvan.oversight.models import Question
    from danvan.oversight.sheets import workbook_of

    questions = (
        access_module.scope(request.user, Question.objects.all())
        .select_related("session__unit", "addressee")
        .order_by("-session__held_on", "id")[:5000]
    )
    columns = [
        (_("People's Council"), 28),
        (_("Session"), 40),
        (_("Date"), 12),
        (_("Deputy asking"), 24),
        (_("Agency asked"), 28),
        (_("Answered by (position)"), 24),
        (_("Question"), 60),
        (_("Answered on"), 12),
        (_("Answer"), 60),
        (_("Written answer due by"), 14),
    ]
    rows = (
        [
            q.session.unit.name,
            q.session.title,
            q.session.held_on,
            q.deputy,
            q.addressee.name,
            q.respondent,
            q.text,
            q.answered_on,
            q.answer,
            q.written_answer_due,
        ]
        for q in questions
    )
    return attachment(workbook_of(_("Council questions"), columns, rows), "chat-van.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    if not access.reach(request.user, rules.MANAGE):
        raise NotFoundError()
    form = forms.SessionForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(request, _("The session was recorded. Add its questions."))
        return redirect("oversight:session-detail", form.result.pk)
    return render(
        request,
        "oversight/simple_form.html",
        {
            "form": form,
            "title": _("Record a council session"),
            "active": "questions",
            "cancel": "oversight:session-list",
        },
    )


def _commit_form(request, question, data=None):
    def issue(**cleaned):
        return services.question_commit(actor=request.user, question=question, **cleaned)

    form = recommendation_forms.RecommendationForm(
        data, actor=request.user, issue=issue, prefix=f"commit{question.pk}"
    )
    if data is None:
        form.initial["addressee"] = question.addressee_id
    return form


def _session_page(request, session, bound: dict | None = None):
    bound = bound or {}
    manages = access.can(request.user, rules.MANAGE, session)
    questions = selectors.session_questions(request.user, session)
    for question in questions:
        question.answer_form = question.commit_form = None
        if manages:
            question.answer_form = bound.get(("answer", question.pk)) or forms.QuestionAnswerForm(
                actor=request.user,
                question=question,
                initial={
                    "answer": question.answer,
                    "answered_on": question.answered_on or timezone.localdate(),
                },
            )
            if question.answered_on:
                question.commit_form = bound.get(("commit", question.pk)) or _commit_form(
                    request, question
                )
    question_form = None
    if manages:
        question_form = bound.get("question") or forms.QuestionForm(
            actor=request.user, session=session
        )
    return render(
        request,
        "oversight/session_detail.html",
        {
            "session": session,
            "questions": questions,
            "question_form": question_form,
            "manages": manages,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def session_detail(request, session_id: int):
    return _session_page(request, selectors.get_session_for(request.user, session_id))


@login_required
@require_POST
def question_add(request, session_id: int):
    session = selectors.get_session_for(request.user, session_id)
    access.require(request.user, rules.MANAGE, session)
    form = forms.QuestionForm(posted(request), actor=request.user, session=session)
    if form.save():
        messages.success(request, _("The question was recorded."))
        return redirect("oversight:session-detail", session.pk)
    return _session_page(request, session, {"question": form})


@login_required
@require_POST
def question_step(request, question_id: int, step: str):
    question = selectors.get_question_for(request.user, question_id)
    access.require(request.user, rules.MANAGE, question)
    if step == "answer":
        form = forms.QuestionAnswerForm(posted(request), actor=request.user, question=question)
        done = _("The answer was saved.")
    elif step == "commit":
        form = _commit_form(request, question, posted(request))
        done = _("The commitment is followed as a recommendation.")
    else:
        raise NotFoundError()
    if form.save():
        messages.success(request, done)
        return redirect("oversight:session-detail", question.session_id)
    return _session_page(request, question.session, {(step, question.pk): form})
