"""Writing the sections and tasks of a plan. On an issued plan each change is an amendment:
it needs the right to issue plans and a reason, and is kept with its history."""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit import services as audit
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.plans.models import (
    AssignmentRole,
    DeadlineKind,
    Plan,
    PlanSection,
    PlanStatus,
    Task,
    TaskAssignment,
    TaskUpdate,
)
from danvan.plans.services import common
from danvan.units.models import OrgUnit

SECTION_TITLE_MAX, SECTION_BODY_MAX, NUMERAL_MAX = 300, 50_000, 10
CONTENT_MAX, OUTPUT_MAX = 10_000, 2_000
_UNSET = object()
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    text = ""
    for value, letters in _ROMAN:
        while number >= value:
            text += letters
            number -= value
    return text


def _next_position(queryset) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


# --- Sections ------------------------------------------------------------------------------


def _clean_section(title: str, body: str, numeral: str) -> dict:
    return {
        "title": clean_text(
            title,
            field="title",
            label=_("section title"),
            max_length=SECTION_TITLE_MAX,
            required=True,
        ),
        "body": clean_text(body, field="body", label=_("text"), max_length=SECTION_BODY_MAX),
        "numeral": clean_text(numeral, field="numeral", label=_("numeral"), max_length=NUMERAL_MAX),
    }


@transaction.atomic
def section_create(
    *, actor, plan: Plan, title: str, body: str = "", numeral: str = "", reason: str = ""
) -> PlanSection:
    reason = common.require_editable(actor, plan, reason)
    fields = _clean_section(title, body, numeral)
    if not fields["numeral"]:
        fields["numeral"] = roman(plan.sections.count() + 1)
    section = PlanSection.objects.create(
        plan=plan, position=_next_position(plan.sections), **fields
    )
    common.record_change(
        actor,
        plan,
        reason,
        _("Section %(section)s added") % {"section": section},
        "plan.section_created",
        section,
        after=audit.snapshot(section),
    )
    return section


@transaction.atomic
def section_update(
    *, actor, section: PlanSection, title: str, body: str, numeral: str, reason: str = ""
) -> PlanSection:
    plan = section.plan
    reason = common.require_editable(actor, plan, reason)
    fields = _clean_section(title, body, numeral or section.numeral)
    before = audit.snapshot(section)
    changed = {name: value for name, value in fields.items() if getattr(section, name) != value}
    if not changed:
        return section
    for name, value in changed.items():
        setattr(section, name, value)
    section.save()
    common.record_change(
        actor,
        plan,
        reason,
        _("Section %(section)s changed") % {"section": section},
        "plan.section_updated",
        section,
        before=before,
        after=audit.snapshot(section),
    )
    return section


@transaction.atomic
def section_delete(*, actor, section: PlanSection, reason: str = "") -> None:
    plan = section.plan
    reason = common.require_editable(actor, plan, reason)
    if section.tasks.exists():
        raise ConflictError(
            _("This section still holds tasks: move or delete them first."),
            code="section_not_empty",
        )
    before = audit.snapshot(section)
    common.record_change(
        actor,
        plan,
        reason,
        _("Section %(section)s deleted") % {"section": section},
        "plan.section_deleted",
        section,
        before=before,
    )
    section.delete()


# --- Tasks ---------------------------------------------------------------------------------


def _clean_task(plan: Plan, section, content, expected_output, deadline_kind, due, recurrence):
    if section is not None and section.plan_id != plan.pk:
        raise ValidationFailed(_("Choose a section of this plan."), field="section")
    kind, due_date, pairs = common.clean_deadline(plan, deadline_kind, due, recurrence)
    return {
        "section": section,
        "content": clean_text(
            content, field="content", label=_("task"), max_length=CONTENT_MAX, required=True
        ),
        "expected_output": clean_text(
            expected_output,
            field="expected_output",
            label=_("expected output"),
            max_length=OUTPUT_MAX,
        ),
        "deadline_kind": kind,
        "due_date": due_date,
        "recurrence": pairs,
        "next_due": common.next_due_for(plan, kind, due_date, pairs),
    }


def clean_assignees(
    plan: Plan, lead_units: Sequence[OrgUnit], support_units: Sequence[OrgUnit], *, require_lead
) -> dict[int, tuple[OrgUnit, str]]:
    """{unit id: (unit, role)}: leads first; a unit named both ways is an error."""
    leads = common.check_units(plan, lead_units or (), field="lead_units")
    supports = common.check_units(plan, support_units or (), field="support_units")
    if require_lead and not leads:
        raise ValidationFailed(
            _("Choose at least one lead unit (chủ trì) for the task."),
            field="lead_units",
            code="no_lead_unit",
        )
    lead_ids = {unit.pk for unit in leads}
    both = [unit for unit in supports if unit.pk in lead_ids]
    if both:
        raise ValidationFailed(
            _("%(unit)s cannot both lead and support the same task.") % {"unit": both[0].name},
            field="support_units",
        )
    chosen = {unit.pk: (unit, AssignmentRole.LEAD) for unit in leads}
    chosen.update({unit.pk: (unit, AssignmentRole.SUPPORT) for unit in supports})
    return chosen


def _assignees_snapshot(task: Task) -> dict[str, list[int]]:
    rows = list(task.assignments.values_list("unit_id", "role"))
    return {
        "lead_units": sorted(u for u, role in rows if role == AssignmentRole.LEAD),
        "support_units": sorted(u for u, role in rows if role == AssignmentRole.SUPPORT),
    }


def sync_assignments(task: Task, chosen: dict[int, tuple[OrgUnit, str]]) -> list[int]:
    """Make the task's assignees ``chosen``; returns the ids of units newly assigned.

    A unit that already reported progress on the task cannot be taken off it."""
    existing = {a.unit_id: a for a in task.assignments.select_related("unit")}
    removed = [a for unit_id, a in existing.items() if unit_id not in chosen]
    if removed:
        reported = set(
            TaskUpdate.objects.filter(assignment__in=removed).values_list(
                "assignment__unit_id", flat=True
            )
        )
        if reported:
            unit = existing[next(iter(reported))].unit
            raise ConflictError(
                _("%(unit)s has already reported progress on this task and cannot be taken off it.")
                % {"unit": unit.name},
                field="lead_units",
                code="assignee_has_reports",
            )
        TaskAssignment.objects.filter(pk__in=[a.pk for a in removed]).delete()
    for unit_id, (_unit, role) in chosen.items():
        current = existing.get(unit_id)
        if current is not None and current.role != role:
            current.role = role
            current.save(update_fields=["role", "updated_at"])
    new = [unit_id for unit_id in chosen if unit_id not in existing]
    TaskAssignment.objects.bulk_create(
        TaskAssignment(task=task, unit=chosen[unit_id][0], role=chosen[unit_id][1])
        for unit_id in new
    )
    return new


def _task_label(task: Task) -> str:
    number = list(task.plan.tasks.order_by("position", "id").values_list("pk", flat=True))
    position = number.index(task.pk) + 1 if task.pk in number else len(number) + 1
    return _("task %(number)d") % {"number": position}


def add_task(plan: Plan, fields: dict, chosen: dict) -> Task:
    """Create a task with its assignees, already checked (the import uses it too)."""
    task = Task.objects.create(plan=plan, position=_next_position(plan.tasks), **fields)
    sync_assignments(task, chosen)
    return task


@transaction.atomic
def task_create(
    *,
    actor,
    plan: Plan,
    section: PlanSection | None,
    content: str,
    lead_units: Sequence[OrgUnit],
    support_units: Sequence[OrgUnit] = (),
    deadline_kind: str = "none",
    due_date=None,
    recurrence=(),
    expected_output: str = "",
    reason: str = "",
) -> Task:
    reason = common.require_editable(actor, plan, reason)
    fields = _clean_task(
        plan, section, content, expected_output, deadline_kind, due_date, recurrence
    )
    chosen = clean_assignees(plan, lead_units, support_units, require_lead=True)
    task = add_task(plan, fields, chosen)
    common.record_change(
        actor,
        plan,
        reason,
        _("%(task)s added") % {"task": _task_label(task).capitalize()},
        "plan.task_created",
        task,
        after={**audit.snapshot(task), **_assignees_snapshot(task)},
    )
    if plan.status == PlanStatus.ISSUED:
        from danvan.plans import notices

        notices.task_assigned(task, list(chosen))
    return task


@transaction.atomic
def task_update(
    *,
    actor,
    task: Task,
    content: str,
    lead_units: Sequence[OrgUnit],
    support_units: Sequence[OrgUnit] = (),
    deadline_kind: str = "none",
    due_date=None,
    recurrence=(),
    expected_output: str = "",
    section=_UNSET,
    reason: str = "",
) -> Task:
    plan = task.plan
    reason = common.require_editable(actor, plan, reason)
    section = task.section if section is _UNSET else section
    fields = _clean_task(
        plan, section, content, expected_output, deadline_kind, due_date, recurrence
    )
    chosen = clean_assignees(plan, lead_units, support_units, require_lead=True)
    before = {**audit.snapshot(task), **_assignees_snapshot(task)}
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()
    new_units = sync_assignments(task, chosen)
    after = {**audit.snapshot(task), **_assignees_snapshot(task)}
    changed = {name for name in after if after[name] != before.get(name)} - {"updated_at"}
    if not changed:
        return task
    common.record_change(
        actor,
        plan,
        reason,
        _("%(task)s changed") % {"task": _task_label(task).capitalize()},
        "plan.task_updated",
        task,
        before=before,
        after=after,
    )
    if plan.status == PlanStatus.ISSUED:
        from danvan.plans import notices

        notices.deadline_changed(task, before_due=before.get("next_due"))
        notices.task_assigned(task, new_units)
    return task


@transaction.atomic
def task_delete(*, actor, task: Task, reason: str = "") -> None:
    plan = task.plan
    reason = common.require_editable(actor, plan, reason)
    if TaskUpdate.objects.filter(assignment__task=task).exists():
        raise ConflictError(
            _("Assignees have already reported progress on this task: it cannot be deleted."),
            code="task_has_reports",
        )
    label = _task_label(task).capitalize()
    before = {**audit.snapshot(task), **_assignees_snapshot(task)}
    assignment_ids = list(task.assignments.values_list("pk", flat=True))
    common.record_change(
        actor,
        plan,
        reason,
        _("%(task)s deleted") % {"task": label},
        "plan.task_deleted",
        task,
        before=before,
    )
    task.delete()
    if plan.status == PlanStatus.ISSUED:
        from danvan.plans import notices

        notices.assignments_closed(assignment_ids)


def recurring_deadlines_roll(*, today=None) -> int:
    """Move each recurring deadline whose occurrence has passed to the next one (none once the
    plan's period is over); returns how many moved. A system job on a derived date: the rule
    the users wrote does not change, so nothing is audited. Safe to run any number of times."""
    today = today or timezone.localdate()
    moved = 0
    stale = (
        Task.objects.filter(deadline_kind=DeadlineKind.RECURRING, next_due__lt=today)
        .select_related("plan")
        .order_by("pk")
    )
    for task in stale.iterator(chunk_size=500):
        task.next_due = common.next_due_for(
            task.plan, task.deadline_kind, None, task.recurrence, today=today
        )
        Task.objects.filter(pk=task.pk).update(next_due=task.next_due)
        moved += 1
    return moved
