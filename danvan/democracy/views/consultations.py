"""Pages of consultations (dân tham gia ý kiến): the draft, its comments, grouping and answers,
the decision and the published answer table."""

from __future__ import annotations

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
from danvan.democracy import exports, pickers, rules, selectors
from danvan.democracy.forms.others import (
    AnswerForm,
    CommentEntryForm,
    ConsultationForm,
    DecideForm,
    GroupForm,
)
from danvan.democracy.models import ConsultationStatus
from danvan.democracy.rules import MANAGE
from danvan.democracy.services import consultations as services

PAGE_SIZE = 30
COMMENTS_SHOWN = 200


def _filtered(request):
    status = request.GET.get("status", "")
    return selectors.consultation_list(
        request.user,
        status=status if status in ConsultationStatus.values else "",
        query=request.GET.get("q", "")[:100],
    )


@login_required
@require_GET
def consultation_list(request):
    page = keyset_page(_filtered(request), request.GET.get("before"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "democracy/consultation_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "statuses": ConsultationStatus.choices,
            "can_manage": bool(access.reach(request.user, MANAGE)),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def consultation_export(request):
    return attachment(
        exports.consultations_xlsx(_filtered(request).order_by("-id")), "lay-y-kien.xlsx"
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    if not access.reach(request.user, MANAGE):
        raise NotFoundError()
    communes = list(pickers.communes(request.user).values_list("pk", flat=True)[:2])
    form = ConsultationForm(
        posted(request),
        actor=request.user,
        initial={"unit": communes[0]} if len(communes) == 1 else {},
    )
    if request.method == "POST" and form.save():
        messages.success(
            request, _("The consultation was created. Open it when the draft is ready.")
        )
        return redirect("democracy:consultation-detail", form.result.pk)
    return render(request, "democracy/consultation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_update(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    access.require(request.user, MANAGE, consultation)
    form = ConsultationForm(posted(request), actor=request.user, consultation=consultation)
    if request.method == "POST" and form.save():
        messages.success(request, _("The consultation was saved."))
        return redirect("democracy:consultation-detail", consultation.pk)
    return render(
        request, "democracy/consultation_form.html", {"form": form, "consultation": consultation}
    )


@login_required
@require_GET
def consultation_detail(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    actor = request.user
    can_manage = access.can(actor, MANAGE, consultation)
    comments = list(
        consultation.comments.select_related("group", "village").order_by("id")[:COMMENTS_SHOWN]
    )
    groups = list(consultation.groups.order_by("number"))
    loose = [c for c in comments if c.group_id is None and not c.is_hidden]
    answering = rules.can_answer_comments(actor, consultation)
    loose_count, open_groups = services.unanswered(consultation)
    return render(
        request,
        "democracy/consultation_detail.html",
        {
            "consultation": consultation,
            "comments": comments,
            "total_comments": consultation.comments.count(),
            "groups": groups,
            "answer_forms": {g.pk: AnswerForm(actor=actor, group=g) for g in groups}
            if answering
            else {},
            "group_form": GroupForm(actor=actor, consultation=consultation, loose=loose)
            if answering
            else None,
            "entry_form": CommentEntryForm(
                actor=actor,
                consultation=consultation,
                initial={"received_on": timezone.localdate()},
            )
            if can_manage
            and consultation.status in (ConsultationStatus.OPEN, ConsultationStatus.ANSWERING)
            else None,
            "decide_form": DecideForm(
                actor=actor, consultation=consultation, initial={"decided_on": timezone.localdate()}
            )
            if rules.can_decide_consultation(actor, consultation)
            else None,
            "can_manage": can_manage,
            "loose_count": loose_count,
            "open_groups": open_groups,
        },
    )


def _again(request, consultation, form, title):
    return render(
        request,
        "democracy/consultation_step.html",
        {"form": form, "consultation": consultation, "title": title},
        status=400,
    )


@login_required
@require_POST
def consultation_open(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    services.consultation_open(actor=request.user, consultation=consultation)
    messages.success(request, _("The draft is on the commune's public page for comments."))
    return redirect("democracy:consultation-detail", consultation.pk)


@login_required
@require_POST
def consultation_close(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    services.consultation_close(actor=request.user, consultation=consultation)
    messages.success(request, _("Comments are closed: group them and answer each group."))
    return redirect("democracy:consultation-detail", consultation.pk)


@login_required
@require_POST
def comment_add(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    access.require(request.user, MANAGE, consultation)
    form = CommentEntryForm(posted(request), actor=request.user, consultation=consultation)
    if form.save():
        messages.success(request, _("The comment was entered."))
        return redirect("democracy:consultation-detail", consultation.pk)
    return _again(request, consultation, form, _("Enter a comment"))


@login_required
@require_POST
def comment_hide(request, comment_id: int):
    comment = selectors.get_comment_for(request.user, comment_id)
    services.comment_hide(
        actor=request.user, comment=comment, hidden=request.POST.get("hidden") != "0"
    )
    return redirect("democracy:consultation-detail", comment.consultation_id)


@login_required
@require_POST
def group_add(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    access.require(request.user, MANAGE, consultation)
    loose = list(consultation.comments.filter(group__isnull=True, is_hidden=False))
    form = GroupForm(posted(request), actor=request.user, consultation=consultation, loose=loose)
    if form.save():
        messages.success(request, _("The group was made."))
        return redirect("democracy:consultation-detail", consultation.pk)
    return _again(request, consultation, form, _("Group comments"))


@login_required
@require_POST
def group_answer(request, group_id: int):
    group = selectors.get_group_for(request.user, group_id)
    access.require(request.user, MANAGE, group)
    form = AnswerForm(posted(request), actor=request.user, group=group)
    if form.save():
        messages.success(request, _("The answer was saved."))
        return redirect("democracy:consultation-detail", group.consultation_id)
    return _again(request, group.consultation, form, _("Answer the group"))


@login_required
@require_POST
def consultation_decide(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    form = DecideForm(posted(request), actor=request.user, consultation=consultation)
    if form.save():
        messages.success(request, _("The decision was recorded."))
        return redirect("democracy:consultation-detail", consultation.pk)
    return _again(request, consultation, form, _("Decide"))


@login_required
@require_POST
def consultation_publish(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    published = request.POST.get("published") != "0"
    services.answers_publish(actor=request.user, consultation=consultation, published=published)
    messages.success(
        request,
        _("The answer table is published.") if published else _("The answer table is withdrawn."),
    )
    return redirect("democracy:consultation-detail", consultation.pk)


@login_required
@require_GET
def comment_export(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    return attachment(exports.comments_xlsx(consultation), f"y-kien-{consultation.pk}.xlsx")
