"""Who may see and do what with plans: the permissions and the narrow relations.

- ``plans.view`` (every role): the plans of units in one's subtree, their tasks and reports;
- ``plans.manage`` (officials, leaders, Ban Dân vận officers): write drafts, and report the
  progress of tasks assigned to a unit of one's subtree;
- ``plans.issue`` (leaders, Ban Dân vận officers): issue, amend, cascade.

Relations (an issued plan only; a draft stays inside its unit):
- a unit assigned a task, or asked to issue an implementing plan, sees the plan and its tasks;
- the issuing side sees the assignments, reports and evidence of its plans' assignees;
- co-assignees see each other's status (not each other's reports).
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW, MANAGE, ISSUE = "plans.view", "plans.manage", "plans.issue"
_NOTHING = Q(pk__in=[])


def _register_permissions() -> None:
    access.register(VIEW, access.ALL_ROLES)
    access.register(MANAGE, {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})
    access.register(ISSUE, {Role.LEADER, Role.BDV_OFFICER})


def _within(field: str, prefixes: list[str]) -> Q | None:
    if not prefixes:
        return None
    return reduce(or_, [Q(**{f"{field}__startswith": prefix}) for prefix in prefixes])


def plans_reached_by_relation(actor):
    """Ids (a subquery) of issued plans that assign a task to, or ask for an implementing plan
    from, a unit in the actor's view reach."""
    from danvan.plans.models import CascadeRequest, Plan, PlanStatus, TaskAssignment

    units = _within("unit__path", access.reach(actor, VIEW))
    if units is None:
        return None
    assigned = TaskAssignment.objects.filter(units).values("task__plan_id")
    asked = CascadeRequest.objects.filter(units).values("plan_id")
    return (
        Plan.objects.filter(status=PlanStatus.ISSUED)
        .filter(Q(pk__in=assigned) | Q(pk__in=asked))
        .values("pk")
    )


def _plan_rule(actor) -> Q:
    plans = plans_reached_by_relation(actor)
    return _NOTHING if plans is None else Q(pk__in=plans)


def _task_rule(actor) -> Q:
    plans = plans_reached_by_relation(actor)
    return _NOTHING if plans is None else Q(plan_id__in=plans)


def _co_assignee_rule(actor) -> Q:
    """Who sees an issued plan through a relation sees its assignees' statuses too (not their
    reports: those stay with the assignee and the issuing side)."""
    plans = plans_reached_by_relation(actor)
    return _NOTHING if plans is None else Q(task__plan_id__in=plans)


def _issuer_side(field: str):
    def rule(actor) -> Q:
        return _within(field, access.reach(actor, VIEW)) or _NOTHING

    return rule


def _register_relations() -> None:
    from danvan.plans import models

    access.register_relation(models.Plan, _plan_rule)
    access.register_relation(models.Task, _task_rule)
    access.register_relation(models.PlanSection, _task_rule)
    access.register_relation(models.TaskAssignment, _issuer_side("task__plan__unit__path"))
    access.register_relation(models.TaskAssignment, _co_assignee_rule)
    access.register_relation(models.TaskUpdate, _issuer_side("assignment__task__plan__unit__path"))
    access.register_relation(
        models.TaskEvidence, _issuer_side("update__assignment__task__plan__unit__path")
    )
    access.register_relation(models.CascadeRequest, _issuer_side("unit__path"))


def register() -> None:
    """Declare the permissions and relations (called from hooks.register)."""
    _register_permissions()
    _register_relations()
