"""Reads of social critique, scoped by the actor: drafts, their critiques point by point with
each point's answer (the answer table)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from danvan.accounts import access
from danvan.lib.text import search_terms
from danvan.oversight import rules
from danvan.oversight.critiques.services import critique_points
from danvan.oversight.models import (
    AWAITING,
    AnswerOutcome,
    Critique,
    CritiqueStatus,
    CritiqueSubmission,
    RecommendationAnswer,
)


def critique_list(actor, *, status: str = "", query: str = "") -> QuerySet[Critique]:
    qs = (
        access.scope(actor, Critique.objects.all())
        .select_related("unit")
        .annotate(submission_count=Count("submissions", distinct=True))
    )
    if status in CritiqueStatus.values:
        qs = qs.filter(status=status)
    for term in search_terms(query):
        qs = qs.filter(title_folded__contains=term)
    return qs


def get_critique_for(actor, critique_id) -> Critique:
    return access.get_for(
        actor,
        Critique.objects.select_related("unit__unit_type", "topic").prefetch_related(
            "organisations"
        ),
        critique_id,
    )


def answer_rows(critique: Critique) -> list:
    """Every point with its submission and latest answer not returned, in order: the answer
    table (a fixed number of queries)."""
    answers = RecommendationAnswer.objects.exclude(outcome=AnswerOutcome.RETURNED).order_by("-id")
    points = list(
        critique_points(critique)
        .select_related("issuer")
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="kept_answers"))
        .order_by("issued_on", "source_id", "number", "id")
    )
    submissions = CritiqueSubmission.objects.in_bulk({p.source_id for p in points})
    for point in points:
        point.submission = submissions.get(point.source_id)
        point.answer = point.kept_answers[0] if point.kept_answers else None
    return points


def critique_detail(actor, critique: Critique) -> dict:
    visible = {
        s.pk for s in access.scope(actor, CritiqueSubmission.objects.filter(critique=critique))
    }
    manages = access.can(actor, rules.MANAGE, critique)
    points = [p for p in answer_rows(critique) if manages or p.source_id in visible]
    critic_units = [
        org for org in critique.organisations.all() if access.can(actor, rules.MANAGE, org)
    ]
    submitted = set(critique.submissions.values_list("organisation_id", flat=True))
    return {
        "points": points,
        "organisations": list(critique.organisations.order_by("depth", "name")),
        "submissions": list(
            critique.submissions.filter(pk__in=visible).select_related("organisation")
        )
        if not manages
        else list(critique.submissions.select_related("organisation")),
        "waiting": sum(1 for p in points if p.status in AWAITING),
        "can_answer": not critique.is_final and access.can(actor, rules.ANSWER, critique.unit),
        "can_issue_final": not critique.is_final and access.can(actor, rules.ISSUE, critique),
        "can_submit_as": [org for org in critic_units if org.pk not in submitted]
        if not critique.is_final
        else [],
        "own_submissions": [
            s
            for s in critique.submissions.all()
            if s.organisation_id in {o.pk for o in critic_units}
        ],
    }
