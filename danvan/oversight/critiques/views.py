"""Pages of social critique: drafts for critique, an organisation's critique point by point, the
drafting unit's answer to each point, the final text and the answer table (DOCX)."""

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
from danvan.oversight.critiques import exports, forms, selectors
from danvan.oversight.critiques.services import critique_points
from danvan.oversight.models import CritiqueStatus, CritiqueSubmission
from danvan.oversight.recommendations.forms import AnswerForm

PAGE_SIZE = 30


@login_required
@require_GET
def critique_list(request):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:100]
    page = keyset_page(
        selectors.critique_list(request.user, status=status, query=query),
        request.GET.get("before"),
        PAGE_SIZE,
    )
    return render(
        request,
        "oversight/critique_list.html",
        {
            "page": page,
            "status": status,
            "query": query,
            "statuses": CritiqueStatus.choices,
            "can_publish": bool(access.reach(request.user, rules.MANAGE)),
        },
    )


@login_required
@require_GET
def critique_export(request):
    from danvan.oversight.sheets import workbook_of

    critiques = selectors.critique_list(
        request.user,
        status=request.GET.get("status", ""),
        query=request.GET.get("q", "").strip()[:100],
    ).order_by("-id")[:5000]
    columns = [
        (_("Drafting unit"), 30),
        (_("Draft"), 60),
        (_("Kind of draft"), 14),
        (_("Published for critique on"), 14),
        (_("Critiques due by"), 14),
        (_("Answers due by"), 14),
        (_("Critiques"), 10),
        (_("Status"), 18),
        (_("Number and symbol of the final text"), 18),
        (_("Date of the final text"), 14),
    ]
    rows = (
        [
            c.unit.name,
            c.title,
            c.get_kind_display(),
            c.published_on,
            c.critique_due,
            c.answer_due,
            c.submission_count,
            c.get_status_display(),
            c.final_number,
            c.final_date,
        ]
        for c in critiques
    )
    return attachment(workbook_of(_("Social critique"), columns, rows), "phan-bien.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def critique_create(request):
    if not access.reach(request.user, rules.MANAGE):
        raise NotFoundError()
    form = forms.CritiqueForm(posted(request), actor=request.user)
    if request.method == "POST" and form.save():
        messages.success(
            request, _("The draft was published for critique; the organisations were told.")
        )
        return redirect("oversight:critique-detail", form.result.pk)
    return render(
        request,
        "oversight/simple_form.html",
        {
            "form": form,
            "title": _("Publish a draft for critique"),
            "active": "critique",
            "cancel": "oversight:critique-list",
        },
    )


def _critique_page(request, critique, bound: dict | None = None):
    bound = bound or {}
    detail = selectors.critique_detail(request.user, critique)
    submit_form = final_form = None
    if detail["can_submit_as"]:
        submit_form = bound.get("submit") or forms.SubmitForm(
            actor=request.user,
            critique=critique,
            organisations=detail["can_submit_as"],
            initial={"submitted_on": timezone.localdate()},
        )
    if detail["can_issue_final"]:
        final_form = bound.get("final") or forms.FinalForm(actor=request.user, critique=critique)
    point_forms = (
        {
            s.pk: bound.get(("point", s.pk)) or forms.PointForm(actor=request.user, submission=s)
            for s in detail["own_submissions"]
        }
        if not critique.is_final
        else {}
    )
    if detail["can_answer"]:
        for point in detail["points"]:
            point.answer_form = (
                bound.get(("answer", point.pk))
                or AnswerForm(actor=request.user, recommendation=point, prefix=f"a{point.pk}")
                if point.is_awaiting
                else None
            )
    return render(
        request,
        "oversight/critique_detail.html",
        {
            "critique": critique,
            "submit_form": submit_form,
            "final_form": final_form,
            "point_forms": point_forms,
            "today": timezone.localdate(),
            **detail,
        },
    )


@login_required
@require_GET
def critique_detail(request, critique_id: int):
    return _critique_page(request, selectors.get_critique_for(request.user, critique_id))


@login_required
@require_POST
def critique_step(request, critique_id: int, step: str):
    critique = selectors.get_critique_for(request.user, critique_id)
    detail = selectors.critique_detail(request.user, critique)
    if step == "submit":
        form = forms.SubmitForm(
            posted(request),
            actor=request.user,
            critique=critique,
            organisations=detail["can_submit_as"] or list(critique.organisations.all()),
        )
        done, key = _("Your critique was sent to the drafting unit."), "submit"
    elif step == "final":
        form = forms.FinalForm(posted(request), actor=request.user, critique=critique)
        done, key = _("The final text was issued."), "final"
    elif step == "point":
        submission = CritiqueSubmission.objects.filter(
            critique=critique, pk=_int(request.POST.get("submission"))
        ).first()
        if submission is None:
            raise NotFoundError()
        form = forms.PointForm(posted(request), actor=request.user, submission=submission)
        done, key = _("The point was added."), ("point", submission.pk)
    elif step == "answer":
        point = critique_points(critique).filter(pk=_int(request.POST.get("point"))).first()
        if point is None:
            raise NotFoundError()
        form = AnswerForm(
            posted(request),
            request.FILES,
            actor=request.user,
            recommendation=point,
            prefix=f"a{point.pk}",
        )
        done, key = _("The answer to the point was saved."), ("answer", point.pk)
    else:
        raise NotFoundError()
    if form.save():
        messages.success(request, done)
        return redirect("oversight:critique-detail", critique.pk)
    critique.refresh_from_db()
    return _critique_page(request, critique, {key: form})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def answer_table_docx(request, critique_id: int):
    critique = selectors.get_critique_for(request.user, critique_id)
    detail = selectors.critique_detail(request.user, critique)
    content = exports.answer_table_docx(critique, detail["points"])
    return attachment(content, f"Bang-tiep-thu-giai-trinh-{critique.pk}.docx")
