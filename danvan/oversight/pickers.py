"""Unit pickers of the oversight forms (``units.pickers.unit_source``):

- ``oversight.issuers``: the units in whose name the actor records oversight work (where they
  hold ``oversight.manage``);
- ``oversight.addressees``: the units those may address a recommendation to, inspect or
  supervise: the subtrees of their nearest territories (a provincial department reaches the
  province's units, a commune body its commune);
- ``oversight.people``: the people who may be put on an inspection team (by name);
- ``oversight.tasks``: the open tasks of issued plans an inspection plan may fulfil.
"""

from django.db.models import QuerySet

from danvan.accounts import access
from danvan.oversight import rules
from danvan.units.models import OrgUnit
from danvan.units.pickers import unit_source
from danvan.units.selectors import territory_of


def issuer_units(actor) -> QuerySet[OrgUnit]:
    return access.scope(actor, OrgUnit.objects.all(), rules.MANAGE).active()


def reach_paths(actor) -> list[str]:
    """The paths of the territories the actor's managed units reach (nested ones merged)."""
    prefixes = access.reach(actor, rules.MANAGE)
    if prefixes == ["/"]:
        return ["/"]
    units = OrgUnit.objects.filter(path__in=prefixes).select_related("unit_type")
    paths = sorted({territory_of(unit).path for unit in units})
    merged: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in merged):
            merged.append(path)
    return merged


def addressee_units(actor) -> QuerySet[OrgUnit]:
    paths = reach_paths(actor)
    if paths == ["/"]:
        return OrgUnit.objects.active()
    return OrgUnit.objects.active().filter(rules.within("path", paths))


def plan_tasks(actor):
    """Open tasks of issued plans assigned to units the actor reports progress for."""
    from danvan.plans import selectors as plan_selectors

    filters = plan_selectors.AssignmentFilters(scope=plan_selectors.SCOPE_SUBTREE)
    return plan_selectors.my_assignments(actor, filters)


def _task_search(qs, terms):
    from django.db.models import Q

    for term in terms:
        qs = qs.filter(
            Q(task__plan__title_folded__contains=term) | Q(task__content__icontains=term)
        )
    return qs


def _task_label(assignment) -> str:
    plan = assignment.task.plan
    text = " ".join(assignment.task.content.split())
    text = text if len(text) <= 90 else f"{text[:89]}…"
    return f"{text} · {plan.code or plan.title[:60]} · {assignment.unit.name}"


def register_tasks() -> None:
    from danvan.core.pickers import PickerSource
    from danvan.core.pickers import register as register_source

    register_source(
        PickerSource(
            name="oversight.tasks",
            queryset=plan_tasks,
            search=_task_search,
            label=_task_label,
            ordering=("task__plan_id", "task__position", "id"),
        )
    )


def register() -> None:
    register_tasks()
    unit_source("oversight.issuers", issuer_units)
    unit_source("oversight.addressees", addressee_units)
    register_people()


def team_candidates(actor):
    """People who may be put on a team: active accounts whose home unit lies in the territories
    the actor's units reach (the organiser's own staff, the Ban Tuyên giáo và Dân vận, another
    department, a commune's officials)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    paths = reach_paths(actor)
    qs = User.objects.filter(is_active=True, home_unit__isnull=False)
    if paths != ["/"]:
        qs = qs.filter(rules.within("home_unit__path", paths))
    return qs.select_related("home_unit")


def _person_label(user) -> str:
    parts = [user.full_name or user.username]
    if user.position:
        parts.append(user.position)
    if user.home_unit_id:
        parts.append(user.home_unit.name)
    return " · ".join(parts)


def _person_search(qs, terms):
    for term in terms:
        qs = qs.filter(search_folded__contains=term)
    return qs


def register_people() -> None:
    from danvan.core.pickers import PickerSource
    from danvan.core.pickers import register as register_source

    register_source(
        PickerSource(
            name="oversight.people",
            queryset=team_candidates,
            search=_person_search,
            label=_person_label,
            ordering=("search_folded", "id"),
            min_chars=2,
        )
    )
