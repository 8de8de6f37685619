"""Reads of supervision and council questions, scoped by the actor; the public site's
published supervisions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.lib.text import search_terms
from danvan.oversight import rules
from danvan.oversight.models import (
    AnswerOutcome,
    CouncilSession,
    Question,
    Recommendation,
    RecommendationAnswer,
    Supervision,
    SupervisionProgramme,
    SupervisionStatus,
)
from danvan.oversight.recommendations import selectors as recommendation_selectors


@dataclass
class SupervisionFilters:
    year: int | None = None
    status: str = ""
    query: str = ""
    kind: str = ""


def programme_queryset(actor) -> QuerySet[SupervisionProgramme]:
    return access.scope(actor, SupervisionProgramme.objects.all())


def programme_list(actor, year: int | None = None) -> QuerySet[SupervisionProgramme]:
    qs = (
        programme_queryset(actor)
        .select_related("unit")
        .annotate(supervision_count=Count("supervisions"))
    )
    return qs.filter(year=year) if year else qs


def get_programme_for(actor, programme_id) -> SupervisionProgramme:
    return access.get_for(actor, SupervisionProgramme.objects.select_related("unit"), programme_id)


def supervision_list(actor, filters: SupervisionFilters) -> QuerySet[Supervision]:
    qs = access.scope(actor, Supervision.objects.all()).select_related("programme__unit", "topic")
    if filters.year:
        qs = qs.filter(programme__year=filters.year)
    if filters.status in SupervisionStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(programme__kind=filters.kind)
    for term in search_terms(filters.query):
        qs = qs.filter(subject_folded__contains=term)
    return qs


def get_supervision_for(actor, supervision_id) -> Supervision:
    return access.get_for(
        actor,
        Supervision.objects.select_related("programme__unit__unit_type", "topic").prefetch_related(
            "units"
        ),
        supervision_id,
    )


def supervision_detail(actor, supervision: Supervision) -> dict:
    manages = access.can(actor, rules.MANAGE, supervision)
    return {
        "units": list(supervision.units.order_by("depth", "name")),
        "recommendations": recommendation_selectors.source_recommendations(actor, supervision),
        "can_manage": manages,
        "can_publish": supervision.is_concluded and access.can(actor, rules.ISSUE, supervision),
        "can_recommend": supervision.is_concluded and manages,
    }


# --- Council questions ----------------------------------------------------------------------


def session_list(actor, year: int | None = None) -> QuerySet[CouncilSession]:
    qs = (
        access.scope(actor, CouncilSession.objects.all())
        .select_related("unit")
        .annotate(question_count=Count("questions"))
    )
    return qs.filter(held_on__year=year) if year else qs


def get_session_for(actor, session_id) -> CouncilSession:
    """The session to those who see it, or to an agency asked a question at it."""
    try:
        return access.get_for(actor, CouncilSession.objects.select_related("unit"), session_id)
    except NotFoundError:
        asked = access.scope(actor, Question.objects.filter(session_id=_pk(session_id)))
        if not asked.exists():
            raise
        return CouncilSession.objects.select_related("unit").get(pk=_pk(session_id))


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFoundError() from None


def session_questions(actor, session: CouncilSession) -> list[Question]:
    questions = list(
        access.scope(actor, Question.objects.filter(session=session))
        .select_related("addressee")
        .order_by("id")
    )
    commitments: dict[int, list] = {}
    from django.contrib.contenttypes.models import ContentType

    qs = recommendation_selectors.recommendation_queryset(actor).filter(
        source_type=ContentType.objects.get_for_model(Question),
        source_id__in=[q.pk for q in questions],
    )
    for rec in qs.select_related("addressee", "issuer").order_by("number", "id"):
        commitments.setdefault(rec.source_id, []).append(rec)
    for question in questions:
        question.commitments = commitments.get(question.pk, [])
    return questions


def get_question_for(actor, question_id) -> Question:
    return access.get_for(
        actor, Question.objects.select_related("session__unit", "addressee"), question_id
    )


# --- The public site ---------------------------------------------------------------------------


def public_supervisions(query: str = "") -> QuerySet[Supervision]:
    qs = Supervision.objects.filter(is_published=True).select_related("programme__unit", "topic")
    for term in search_terms(query):
        qs = qs.filter(subject_folded__contains=term)
    return qs.order_by("-published_on", "-id")


def get_public_supervision(supervision_id) -> Supervision:
    try:
        return public_supervisions().prefetch_related("units").get(pk=int(supervision_id))
    except (Supervision.DoesNotExist, TypeError, ValueError):
        raise NotFoundError() from None


def public_recommendations(supervision: Supervision) -> list[Recommendation]:
    """The supervision's recommendations with the addressee's latest answer that was not
    returned (what the public reads)."""
    answers = RecommendationAnswer.objects.exclude(outcome=AnswerOutcome.RETURNED).order_by("-id")
    rows = list(
        recommendation_selectors.of_source(Recommendation.objects.all(), supervision)
        .select_related("addressee")
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="public_answers"))
        .order_by("number", "id")
    )
    for rec in rows:
        rec.public_answer = rec.public_answers[0] if rec.public_answers else None
    return rows
