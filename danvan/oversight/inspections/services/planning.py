"""The inspection plan, the inspected units and their dates, the team."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ValidationFailed
from danvan.core.validation import clean_text
from danvan.oversight import rules
from danvan.oversight.inspections import notices
from danvan.oversight.inspections.services.common import (
    MAX_INSPECTION_DAYS,
    MAX_PLAN_DAYS,
    TEXT_MAX,
    _check_units_in_reach,
    _date,
    _not_future,
    _period,
    _require_open,
)
from danvan.oversight.inspections.services.conclusion import _follow_task
from danvan.oversight.models import (
    Inspection,
    InspectionPlan,
    TeamMember,
    TeamRole,
)
from danvan.oversight.recommendations.services import show_date
from danvan.units.models import OrgUnit

# --- The plan ----------------------------------------------------------------------------------


def _check_assignment(actor, unit: OrgUnit, assignment):
    """The task of an issued plan this inspection plan fulfils: a task the organising unit (or
    a unit of its subtree) must carry out, not yet done, that the actor reports progress on."""
    if assignment is None:
        return None
    from danvan.plans.models import AssignmentStatus
    from danvan.plans.rules import MANAGE as PLANS_MANAGE

    if not assignment.unit.path.startswith(unit.path) or not access.can(
        actor, PLANS_MANAGE, assignment
    ):
        raise ValidationFailed(
            _("Choose a task assigned to %(unit)s that you report progress on.")
            % {"unit": unit.name},
            field="task_assignment",
        )
    if assignment.status == AssignmentStatus.DONE:
        raise ValidationFailed(_("This task is already done."), field="task_assignment")
    return assignment


def _plan_fields(actor, unit, fields: dict) -> dict:
    period_start, period_end = _period(
        fields.get("period_start"),
        fields.get("period_end"),
        start_field="period_start",
        end_field="period_end",
        max_days=MAX_PLAN_DAYS,
    )
    report_due = fields.get("report_due")
    if report_due is not None:
        report_due = _date(report_due, field="report_due", label=_("report date"))
    report_to = fields.get("report_to")
    if report_due is not None and report_to is None:
        raise ValidationFailed(_("Choose the unit the results are reported to."), field="report_to")
    return {
        "title": clean_text(
            fields.get("title"),
            field="title",
            label=_("title"),
            max_length=500,
            required=True,
            one_line=True,
        ),
        "number": clean_text(
            fields.get("number", ""),
            field="number",
            label=_("number"),
            max_length=60,
            one_line=True,
        ),
        "period_start": period_start,
        "period_end": period_end,
        "report_to": report_to,
        "report_due": report_due,
        "note": clean_text(
            fields.get("note", ""), field="note", label=_("note"), max_length=TEXT_MAX
        ),
        "task_assignment": _check_assignment(actor, unit, fields.get("task_assignment")),
    }


@transaction.atomic
def inspection_plan_create(*, actor, unit: OrgUnit, topics=(), **fields) -> InspectionPlan:
    """A unit's inspection plan for a period (topics, possibly fulfilling a plan's task)."""
    if unit is None:
        raise ValidationFailed(_("Choose the organising unit."), field="unit")
    access.require(actor, rules.MANAGE, unit)
    plan = InspectionPlan.objects.create(
        unit=unit, created_by=actor, **_plan_fields(actor, unit, fields)
    )
    plan.topics.set(list(topics))
    audit.record(
        actor,
        "inspection_plan.created",
        plan,
        after={**audit.snapshot(plan), "topics": [t.pk for t in topics]},
    )
    return plan


@transaction.atomic
def inspection_plan_update(
    *, actor, plan: InspectionPlan, topics=(), version: int | None = None, **fields
) -> InspectionPlan:
    access.require(actor, rules.MANAGE, plan)
    plan = lock(plan)
    check_version(plan, version)
    before = audit.snapshot(plan)
    cleaned = _plan_fields(
        actor,
        plan.unit,
        {**fields, "task_assignment": fields.get("task_assignment", plan.task_assignment)},
    )
    outside = plan.inspections.exclude(
        starts_on__gte=cleaned["period_start"], ends_on__lte=cleaned["period_end"]
    ).first()
    if outside is not None:
        raise ValidationFailed(
            _("The inspection of %(unit)s (%(start)s–%(end)s) falls outside this period.")
            % {
                "unit": outside.unit.name,
                "start": show_date(outside.starts_on),
                "end": show_date(outside.ends_on),
            },
            field="period_end",
        )
    for name, value in cleaned.items():
        setattr(plan, name, value)
    bump(plan)
    plan.save()
    plan.topics.set(list(topics))
    audit.record(actor, "inspection_plan.changed", plan, before=before, after=audit.snapshot(plan))
    return plan


@transaction.atomic
def inspection_plan_reported(
    *, actor, plan: InspectionPlan, reported_on: dt.date
) -> InspectionPlan:
    """The organiser records the day it reported the results (to the Department of Home
    Affairs before 01/11, seed 001)."""
    access.require(actor, rules.MANAGE, plan)
    plan = lock(plan)
    reported_on = _not_future(
        _date(reported_on, field="reported_on", label=_("report date")),
        field="reported_on",
        label=_("report date"),
    )
    before = audit.snapshot(plan, ["reported_on"])
    plan.reported_on = reported_on
    bump(plan)
    plan.save(update_fields=["reported_on", "version", "updated_at"])
    audit.record(
        actor,
        "inspection_plan.reported",
        plan,
        before=before,
        after={"reported_on": reported_on.isoformat()},
    )
    return plan


# --- Inspected units and dates -----------------------------------------------------------------


def _check_dates_in_plan(plan: InspectionPlan, starts_on, ends_on) -> tuple[dt.date, dt.date]:
    starts_on, ends_on = _period(
        starts_on,
        ends_on,
        start_field="starts_on",
        end_field="ends_on",
        max_days=MAX_INSPECTION_DAYS,
    )
    if starts_on < plan.period_start or ends_on > plan.period_end:
        raise ValidationFailed(
            _("The dates must fall within the plan's period, %(start)s to %(end)s.")
            % {"start": show_date(plan.period_start), "end": show_date(plan.period_end)},
            field="starts_on" if starts_on < plan.period_start else "ends_on",
        )
    return starts_on, ends_on


@transaction.atomic
def inspection_add(
    *, actor, plan: InspectionPlan, unit: OrgUnit | None, starts_on: dt.date, ends_on: dt.date
) -> Inspection:
    """A unit to inspect, with its planned dates (within the plan's period)."""
    access.require(actor, rules.MANAGE, plan)
    if unit is None:
        raise ValidationFailed(_("Choose the unit to inspect."), field="unit")
    _check_units_in_reach(plan.unit, [unit], field="unit")
    starts_on, ends_on = _check_dates_in_plan(plan, starts_on, ends_on)
    if plan.inspections.filter(unit=unit).exists():
        raise ValidationFailed(
            _("%(unit)s is already in this plan.") % {"unit": unit.name},
            field="unit",
            code="duplicate",
        )
    inspection = Inspection.objects.create(
        plan=plan, unit=unit, starts_on=starts_on, ends_on=ends_on
    )
    audit.record(actor, "inspection.added", inspection, after=audit.snapshot(inspection))
    _follow_task(actor, plan)
    return inspection


@transaction.atomic
def inspection_reschedule(
    *,
    actor,
    inspection: Inspection,
    starts_on: dt.date,
    ends_on: dt.date,
    version: int | None = None,
) -> Inspection:
    """New dates; the team's windows that followed the old dates follow the new ones."""
    access.require(actor, rules.MANAGE, inspection.plan.unit)
    inspection = lock(inspection)
    check_version(inspection, version)
    _require_open(inspection)
    starts_on, ends_on = _check_dates_in_plan(inspection.plan, starts_on, ends_on)
    before = audit.snapshot(inspection, ["starts_on", "ends_on"])
    inspection.members.filter(valid_from=inspection.starts_on).update(valid_from=starts_on)
    inspection.members.filter(valid_until=inspection.ends_on).update(valid_until=ends_on)
    inspection.starts_on, inspection.ends_on = starts_on, ends_on
    bump(inspection)
    inspection.save(update_fields=["starts_on", "ends_on", "version", "updated_at"])
    audit.record(
        actor,
        "inspection.rescheduled",
        inspection,
        before=before,
        after=audit.snapshot(inspection, ["starts_on", "ends_on"]),
    )
    return inspection


# --- The team --------------------------------------------------------------------------------------


@transaction.atomic
def team_member_add(*, actor, inspection: Inspection, user, role: str) -> TeamMember:
    """A person on the team — of the organising unit or invited from another (the Ban Tuyên
    giáo và Dân vận, seed 001) — who reads the inspection from its first day to its last."""
    access.require(actor, rules.MANAGE, inspection.plan.unit)
    inspection = lock(inspection)
    _require_open(inspection)
    if user is None or not user.is_active:
        raise ValidationFailed(_("Choose an active account."), field="user")
    if role not in TeamRole.values:
        raise ValidationFailed(_("Choose head of the team or member."), field="role")
    if inspection.members.filter(user=user).exists():
        raise ValidationFailed(
            _("%(person)s is already on this team.") % {"person": user},
            field="user",
            code="duplicate",
        )
    if role == TeamRole.HEAD and inspection.members.filter(role=TeamRole.HEAD).exists():
        raise ValidationFailed(_("The team already has a head."), field="role", code="one_head")
    member = TeamMember.objects.create(
        inspection=inspection,
        user=user,
        role=role,
        unit=user.home_unit,
        valid_from=inspection.starts_on,
        valid_until=inspection.ends_on,
        added_by=actor,
    )
    audit.record(
        actor,
        "inspection.member_added",
        inspection,
        after={
            "member": user.pk,
            "name": str(user),
            "role": role,
            "unit": user.home_unit.name if user.home_unit_id else "",
            "valid_from": member.valid_from.isoformat(),
            "valid_until": member.valid_until.isoformat(),
        },
    )
    transaction.on_commit(lambda: notices.member_added(member))
    return member


@transaction.atomic
def team_member_remove(*, actor, member: TeamMember) -> None:
    inspection = member.inspection
    access.require(actor, rules.MANAGE, inspection.plan.unit)
    _require_open(inspection)
    audit.record(
        actor,
        "inspection.member_removed",
        inspection,
        before={"member": member.user_id, "name": str(member.user), "role": member.role},
    )
    member.delete()
