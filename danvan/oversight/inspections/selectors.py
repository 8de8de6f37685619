"""Reads of inspections, scoped by the actor: plans, inspections (organised by my units, of my
units, on my teams), one inspection with what the actor may see of it, its files.

A team member from another unit reads an inspection only while their place lasts; each of their
reads — the inspection, its files, the inspected unit's self-report — is written to the audit
trail (``inspection.read``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import NotFoundError
from danvan.lib.text import search_terms
from danvan.oversight import rules
from danvan.oversight.models import (
    Finding,
    Inspection,
    InspectionDocument,
    InspectionPlan,
    InspectionStatus,
    TeamMember,
    WorkingRecord,
)
from danvan.oversight.recommendations import selectors as recommendation_selectors

SIDE_ORGANISED, SIDE_INSPECTED, SIDE_TEAM = "organised", "inspected", "team"
SIDES = (SIDE_ORGANISED, SIDE_INSPECTED, SIDE_TEAM)


@dataclass
class InspectionFilters:
    side: str = ""
    status: str = ""
    year: int | None = None
    query: str = ""
    plan: InspectionPlan | None = None


def plan_queryset(actor) -> QuerySet[InspectionPlan]:
    return access.scope(actor, InspectionPlan.objects.all())


def plan_list(actor, *, year: int | None = None, query: str = "") -> QuerySet[InspectionPlan]:
    qs = (
        plan_queryset(actor)
        .select_related("unit", "report_to")
        .annotate(
            inspection_count=Count("inspections", distinct=True),
            concluded_count=Count(
                "inspections",
                filter=Q(inspections__status=InspectionStatus.CONCLUDED),
                distinct=True,
            ),
        )
    )
    if year:
        qs = qs.filter(period_start__year__lte=year, period_end__year__gte=year)
    for term in search_terms(query):
        qs = qs.filter(title_folded__contains=term)
    return qs


def get_plan_for(actor, plan_id) -> InspectionPlan:
    return access.get_for(
        actor,
        InspectionPlan.objects.select_related(
            "unit", "report_to", "task_assignment__task__plan", "task_assignment__unit"
        ),
        plan_id,
    )


def plan_inspections(plan: InspectionPlan) -> list[Inspection]:
    return list(
        plan.inspections.select_related("unit")
        .annotate(member_count=Count("members"))
        .order_by("starts_on", "id")
    )


def inspection_list(actor, filters: InspectionFilters) -> QuerySet[Inspection]:
    qs = access.scope(actor, Inspection.objects.all())
    prefixes = access.reach(actor, rules.VIEW)
    if filters.side == SIDE_ORGANISED:
        qs = qs.filter(rules.within("plan__unit__path", prefixes))
    elif filters.side == SIDE_INSPECTED:
        qs = qs.filter(rules.within("unit__path", prefixes))
    elif filters.side == SIDE_TEAM:
        qs = qs.filter(pk__in=rules.team_inspections(actor))
    if filters.status in InspectionStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(starts_on__year=filters.year)
    if filters.plan is not None:
        qs = qs.filter(plan=filters.plan)
    for term in search_terms(filters.query):
        qs = qs.filter(Q(unit__name_folded__contains=term) | Q(plan__title_folded__contains=term))
    return qs.select_related("plan__unit", "unit")


def my_memberships(actor, today: dt.date | None = None) -> list[TeamMember]:
    """The actor's places on teams that have not ended: current ones open the inspection,
    coming ones say from when."""
    today = today or timezone.localdate()
    return list(
        TeamMember.objects.filter(user_id=actor.pk, valid_until__gte=today)
        .select_related("inspection__unit", "inspection__plan__unit")
        .order_by("valid_from", "id")[:200]
    )


def get_inspection_for(actor, inspection_id, *, what: str = "inspection") -> Inspection:
    """The inspection if the actor may see it (404 otherwise); a read by a team member from
    another unit is audited."""
    try:
        inspection = access.get_for(
            actor,
            Inspection.objects.select_related(
                "plan__unit__unit_type", "unit", "plan__task_assignment"
            ).prefetch_related("members"),
            inspection_id,
        )
    except NotFoundError:
        _explain_membership(actor, inspection_id)
        raise
    if rules.reads_only_as_member(actor, inspection):
        audit.record(actor, "inspection.read", inspection, after={"what": what})
    return inspection


def _explain_membership(actor, inspection_id) -> None:
    """A former (or future) member is told why the inspection is closed to them — their place
    lasts as long as the inspection — instead of a bare "not found"."""
    from django.utils.translation import gettext as _

    from danvan.oversight.recommendations.services import show_date

    try:
        pk = int(inspection_id)
    except (TypeError, ValueError):
        return
    member = TeamMember.objects.filter(inspection_id=pk, user_id=getattr(actor, "pk", None)).first()
    if member is None:
        return
    today = timezone.localdate()
    if member.valid_until < today:
        raise NotFoundError(
            _(
                "Your place on this inspection team ended on %(date)s: the inspection is no "
                "longer open to you."
            )
            % {"date": show_date(member.valid_until)}
        )
    if member.valid_from > today:
        raise NotFoundError(
            _("Your place on this inspection team starts on %(date)s.")
            % {"date": show_date(member.valid_from)}
        )


def inspection_detail(actor, inspection: Inspection) -> dict:
    """What the inspection page shows the actor, in a fixed number of queries."""
    members = list(inspection.members.select_related("user", "unit").order_by("role", "id"))
    records = list(
        access.scope(actor, WorkingRecord.objects.filter(inspection=inspection))
        .select_related("created_by")
        .prefetch_related(Prefetch("documents", queryset=InspectionDocument.objects.order_by("id")))
    )
    documents = list(
        access.scope(
            actor, InspectionDocument.objects.filter(inspection=inspection, record__isnull=True)
        ).order_by("part", "id")
    )
    findings = list(access.scope(actor, Finding.objects.filter(inspection=inspection)))
    recommendations = recommendation_selectors.source_recommendations(actor, inspection)
    today = timezone.localdate()
    return {
        "members": members,
        "records": records,
        "documents": documents,
        "findings": findings,
        "recommendations": recommendations,
        "membership": rules.membership(actor, inspection, today),
        "organises": rules.organises(actor, inspection),
        "can_record": rules.can_record(actor, inspection),
        "can_conclude": rules.can_conclude(actor, inspection),
        "can_self_report": rules.can_self_report(actor, inspection),
        "can_recommend": inspection.is_concluded
        and rules.can_issue(actor, inspection.plan.unit, "oversight.inspection", inspection),
        "today": today,
    }


def get_document_for(actor, document_id) -> InspectionDocument:
    document = access.get_for(
        actor,
        InspectionDocument.objects.select_related("inspection__plan__unit", "inspection__unit"),
        document_id,
    )
    if rules.reads_only_as_member(actor, document.inspection):
        audit.record(
            actor,
            "inspection.read",
            document.inspection,
            after={"what": "document", "document": document.pk, "name": document.original_name},
        )
    return document


def get_finding_for(actor, finding_id) -> Finding:
    return access.get_for(actor, Finding.objects.select_related("inspection"), finding_id)


def get_member_for(actor, member_id) -> TeamMember:
    return access.get_for(
        actor, TeamMember.objects.select_related("inspection__plan__unit", "user"), member_id
    )


# --- Figures ---------------------------------------------------------------------------------------


def count_held(unit_path: str, start: dt.date, end: dt.date) -> int:
    """Inspections organised by units of the subtree and concluded within the period."""
    return Inspection.objects.filter(
        plan__unit__path__startswith=unit_path,
        status=InspectionStatus.CONCLUDED,
        conclusion_date__gte=start,
        conclusion_date__lte=end,
    ).count()
