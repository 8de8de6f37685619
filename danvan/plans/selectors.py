"""Reads of plans, always scoped by the actor (``access.scope``): a plan, task or assignment
out of reach is "not found", whether it exists or not."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.lib.text import search_terms
from danvan.plans.models import (
    AssignmentRole,
    AssignmentStatus,
    CascadeRequest,
    DeadlineKind,
    Plan,
    PlanSection,
    PlanStatus,
    Task,
    TaskAssignment,
    TaskEvidence,
    TaskUpdate,
)
from danvan.plans.rules import ISSUE, MANAGE, VIEW
from danvan.units.models import OrgUnit

SCOPE_ALL, SCOPE_MINE, SCOPE_SUBTREE = "all", "mine", "subtree"


# --- Overdue, computed -------------------------------------------------------------------


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    """Assignments (or, with ``prefix`` "assignments__", tasks) past a date deadline, not done."""
    return Q(
        **{
            f"{prefix}task__deadline_kind": DeadlineKind.DATE,
            f"{prefix}task__due_date__lt": today,
            f"{prefix}task__plan__status": PlanStatus.ISSUED,
        }
    ) & ~Q(**{f"{prefix}status": AssignmentStatus.DONE})


def with_overdue(qs: QuerySet[TaskAssignment], today: dt.date | None = None) -> QuerySet:
    """Annotate ``is_overdue``: never stored, always as of today."""
    today = today or timezone.localdate()
    return qs.annotate(
        is_overdue=Case(
            When(overdue_q(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


# --- Plans ---------------------------------------------------------------------------------


@dataclass
class PlanFilters:
    status: str = ""
    year: int | None = None
    scope: str = SCOPE_ALL
    query: str = ""


def my_unit_paths(actor) -> tuple[set[int], list[str]]:
    """The actor's own units (home unit and the units of their grants) and their paths."""
    ids, paths = set(), []
    for grant in actor.active_grants():
        ids.add(grant.unit_id)
        paths.append(grant.unit.path)
    if actor.home_unit_id:
        ids.add(actor.home_unit_id)
    return ids, paths


def plan_queryset(actor, permission: str = VIEW) -> QuerySet[Plan]:
    return access.scope(actor, Plan.objects.all(), permission)


def plan_list(actor, filters: PlanFilters) -> QuerySet[Plan]:
    """Visible plans with their unit and task count, newest first (callers paginate)."""
    qs = plan_queryset(actor)
    if filters.status in PlanStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(period_start__lte=filters.year, period_end__gte=filters.year)
    if filters.scope == SCOPE_MINE:
        ids, _paths = my_unit_paths(actor)
        qs = qs.filter(unit_id__in=ids)
    elif filters.scope == SCOPE_SUBTREE:
        _ids, paths = my_unit_paths(actor)
        if actor.home_unit_id and actor.home_unit:
            paths.append(actor.home_unit.path)
        if not paths:
            return qs.none()
        subtree = Q()
        for path in paths:
            subtree |= Q(unit__path__startswith=path)
        qs = qs.filter(subtree)
    for term in search_terms(filters.query):
        qs = qs.filter(title_folded__contains=term)
    return qs.select_related("unit").annotate(task_count=Count("tasks", distinct=True))


def get_plan_for(actor, plan_id, *, permission: str | None = None) -> Plan:
    """The plan if the actor may see it (and holds ``permission`` on it); 404 otherwise."""
    return access.get_for(
        actor,
        Plan.objects.select_related("unit__unit_type", "parent_plan", "created_by", "issued_by"),
        plan_id,
        permission,
    )


def plan_detail(plan: Plan, today: dt.date | None = None) -> dict:
    """Sections, tasks (with assignees and their status), legal bases and amendments of a plan
    the caller may see, in a fixed number of queries."""
    today = today or timezone.localdate()
    assignments = with_overdue(
        TaskAssignment.objects.select_related("unit").order_by("role", "unit__name"), today
    )
    tasks = list(
        plan.tasks.order_by("position", "id").prefetch_related(
            Prefetch("assignments", queryset=assignments)
        )
    )
    sections = list(plan.sections.order_by("position", "id"))
    by_section: dict[int | None, list[Task]] = {}
    for number, task in enumerate(tasks, start=1):
        task.number = number
        task.leads = [a for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
        task.supports = [a for a in task.assignments.all() if a.role == AssignmentRole.SUPPORT]
        by_section.setdefault(task.section_id, []).append(task)
    for section in sections:
        section.task_list = by_section.get(section.pk, [])
    return {
        "sections": sections,
        "loose_tasks": by_section.get(None, []),
        "task_count": len(tasks),
        "legal_bases": [
            link.document
            for link in plan.basis_links.select_related("document").order_by("position", "id")
        ],
        "amendments": list(plan.amendments.select_related("author")[:50]),
    }


def get_section_for(actor, section_id, *, permission: str | None = None) -> PlanSection:
    return access.get_for(
        actor, PlanSection.objects.select_related("plan__unit"), section_id, permission
    )


# --- Tasks and assignments -----------------------------------------------------------------


def task_queryset(actor) -> QuerySet[Task]:
    return access.scope(actor, Task.objects.all())


def get_task_for(actor, task_id, *, permission: str | None = None) -> Task:
    return access.get_for(
        actor,
        Task.objects.select_related("plan__unit__unit_type", "section"),
        task_id,
        permission,
    )


def task_assignee_units(task: Task) -> tuple[list[OrgUnit], list[OrgUnit]]:
    rows = list(task.assignments.select_related("unit").order_by("unit__name"))
    return (
        [a.unit for a in rows if a.role == AssignmentRole.LEAD],
        [a.unit for a in rows if a.role == AssignmentRole.SUPPORT],
    )


def get_assignment_for(actor, assignment_id, *, permission: str | None = None) -> TaskAssignment:
    return access.get_for(
        actor,
        with_overdue(TaskAssignment.objects.select_related("unit", "task__plan__unit")),
        assignment_id,
        permission,
    )


def assignment_updates(actor, assignment: TaskAssignment) -> list[TaskUpdate]:
    """The reports of an assignment the actor may read (the assignee's and the issuer's side)."""
    qs = access.scope(actor, TaskUpdate.objects.filter(assignment=assignment))
    return list(qs.select_related("author").prefetch_related("evidence").order_by("-id"))


def get_evidence_for(actor, evidence_id) -> TaskEvidence:
    return access.get_for(
        actor, TaskEvidence.objects.select_related("update__assignment"), evidence_id
    )


@dataclass
class AssignmentFilters:
    scope: str = SCOPE_MINE
    include_done: bool = False
    overdue_only: bool = False


@dataclass
class AssignmentPage:
    items: list = field(default_factory=list)
    next_cursor: str | None = None


def _assignment_base(actor, permission: str) -> QuerySet[TaskAssignment]:
    return with_overdue(
        access.scope(actor, TaskAssignment.objects.all(), permission).filter(
            task__plan__status=PlanStatus.ISSUED
        )
    ).select_related("unit", "task__plan__unit", "task__section")


def my_assignments(actor, filters: AssignmentFilters) -> QuerySet[TaskAssignment]:
    """Assignments of units the actor reports for: by default their own units (home unit, the
    units of their grants and the agencies right under those: a commune official's People's
    Committee, not its villages, which have their own people), or the whole subtree they
    manage."""
    qs = _assignment_base(actor, MANAGE)
    if filters.scope != SCOPE_SUBTREE:
        ids, _paths = my_unit_paths(actor)
        qs = qs.filter(
            Q(unit_id__in=ids) | Q(unit__parent_id__in=ids, unit__unit_type__is_territory=False)
        )
    if not filters.include_done:
        qs = qs.exclude(status=AssignmentStatus.DONE)
    if filters.overdue_only:
        qs = qs.filter(is_overdue=True)
    return qs


def overdue_assignments(actor, today: dt.date | None = None) -> QuerySet[TaskAssignment]:
    """Every overdue assignment of a unit in the actor's whole subtree (the leaders' page)."""
    today = today or timezone.localdate()
    return _assignment_base(actor, VIEW).filter(overdue_q(today))


def _cursor_values(cursor: str) -> tuple[int, dt.date, int] | None:
    try:
        done, day, pk = cursor.split(".")
        return int(done), dt.date.fromisoformat(day), int(pk)
    except (ValueError, AttributeError):
        return None


FAR_FUTURE = dt.date(9999, 12, 31)


def deadline_page(
    qs: QuerySet[TaskAssignment], cursor: str | None, size: int, *, all_overdue: bool = False
) -> AssignmentPage:
    """Keyset pages ordered by (done last, nearest deadline first — overdue ones come first —,
    no deadline last, id): the same cost at any depth.

    ``all_overdue``: every row of ``qs`` is overdue, so never done and with a deadline; the
    order is then plain columns the database can read from its index on the deadline instead
    of sorting every open assignment (bench/plans.py: the leaders' page 113 ms → 34 ms)."""
    from django.db.models.functions import Coalesce

    if all_overdue:
        qs = qs.annotate(sort_done=Value(0), sort_due=F("task__due_date")).order_by(
            "task__due_date", "id"
        )
    else:
        qs = qs.annotate(
            sort_done=Case(When(status=AssignmentStatus.DONE, then=Value(1)), default=Value(0)),
            sort_due=Coalesce("task__next_due", Value(FAR_FUTURE)),
        ).order_by("sort_done", "sort_due", "id")
    after = _cursor_values(cursor) if cursor else None
    if after is not None:
        done, day, pk = after
        qs = qs.filter(
            Q(sort_done__gt=done)
            | Q(sort_done=done, sort_due__gt=day)
            | Q(sort_done=done, sort_due=day, id__gt=pk)
        )
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = f"{last.sort_done}.{last.sort_due.isoformat()}.{last.pk}"
    return AssignmentPage(items=rows, next_cursor=next_cursor)


# --- Cascade dashboard ---------------------------------------------------------------------

ISSUED, ISSUED_LATE, LATE, MISSING = "issued", "issued_late", "late", "missing"


@dataclass
class CascadeRow:
    unit: OrgUnit
    request: CascadeRequest | None
    state: str = MISSING
    plan: Plan | None = None
    draft_exists: bool = False
    tasks: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0
    progress: int = 0


def cascade_dashboard(plan: Plan, today: dt.date | None = None) -> list[CascadeRow]:
    """Per subordinate unit asked for an implementing plan, or assigned a task: whether its
    plan is issued, late or missing, and the progress of the tasks assigned to it. Four
    queries whatever the number of units."""
    today = today or timezone.localdate()
    requests = {
        r.unit_id: r
        for r in plan.cascade_requests.select_related("unit", "implementing_plan").order_by(
            "unit__name"
        )
    }
    stats = {
        row["unit_id"]: row
        for row in TaskAssignment.objects.filter(task__plan=plan)
        .values("unit_id")
        .annotate(
            tasks=Count("id"),
            done=Count("id", filter=Q(status=AssignmentStatus.DONE)),
            in_progress=Count("id", filter=Q(status=AssignmentStatus.IN_PROGRESS)),
            overdue=Count("id", filter=overdue_q(today)),
            progress_sum=Sum("progress"),
        )
    }
    drafts = set(
        Plan.objects.filter(parent_plan=plan, status=PlanStatus.DRAFT).values_list(
            "unit_id", flat=True
        )
    )
    units = {r.unit_id: r.unit for r in requests.values()}
    missing_units = set(stats) - set(units)
    if missing_units:
        units.update(OrgUnit.objects.in_bulk(missing_units))
    rows = []
    for unit_id, unit in sorted(units.items(), key=lambda item: item[1].name):
        request = requests.get(unit_id)
        row = CascadeRow(unit=unit, request=request, draft_exists=unit_id in drafts)
        if request is not None:
            implementing = request.implementing_plan
            if implementing is not None and implementing.status == PlanStatus.ISSUED:
                row.plan = implementing
                late = request.due_date and implementing.issued_on > request.due_date
                row.state = ISSUED_LATE if late else ISSUED
            elif request.due_date and request.due_date < today:
                row.state = LATE
            else:
                row.state = MISSING
        else:
            row.state = ""
        stat = stats.get(unit_id)
        if stat:
            row.tasks, row.done = stat["tasks"], stat["done"]
            row.in_progress, row.overdue = stat["in_progress"], stat["overdue"]
            row.progress = round((stat["progress_sum"] or 0) / stat["tasks"])
        rows.append(row)
    return rows


def can_issue(actor, plan: Plan) -> bool:
    return access.can(actor, ISSUE, plan)


def can_manage(actor, plan: Plan) -> bool:
    return access.can(actor, MANAGE, plan)


def visible_parent_plans(actor) -> QuerySet[Plan]:
    """Issued plans the actor may name as the plan theirs implements."""
    return plan_queryset(actor).filter(status=PlanStatus.ISSUED).select_related("unit")


# --- Choices for the forms -----------------------------------------------------------------

OPTIONS_LIMIT = 30


def unit_label(unit: OrgUnit) -> str:
    """The unit's name with its parent's, since names repeat ("Xã Trường Sơn" in two provinces)."""
    parent = getattr(unit, "parent", None) if unit.parent_id else None
    return f"{unit.name} — {parent.name}" if parent is not None else unit.name


def units_for_new_plan(actor) -> QuerySet[OrgUnit]:
    """Every unit the actor may write plans for (what the form accepts)."""
    return access.scope(actor, OrgUnit.objects.active(), MANAGE)


def unit_choices_for_new_plan(actor, preselected: OrgUnit | None = None) -> list[OrgUnit]:
    """What the form offers: the actor's own units and their agencies (a commune's People's
    Committee), plus a unit chosen from elsewhere (``?unit=``)."""
    ids, _paths = my_unit_paths(actor)
    qs = units_for_new_plan(actor).filter(
        Q(pk__in=ids) | Q(parent_id__in=ids, unit_type__is_territory=False)
    )
    units = list(qs.select_related("parent").order_by("depth", "name")[:200])
    if preselected is not None and all(u.pk != preselected.pk for u in units):
        units.insert(0, preselected)
    return units


def parent_plan_choices(actor, chosen: list[int]) -> list[Plan]:
    """Issued plans that asked the actor's units for an implementing plan, newest first, and
    the one already chosen."""
    ids, _paths = my_unit_paths(actor)
    qs = visible_parent_plans(actor).filter(Q(pk__in=chosen) | Q(cascade_requests__unit_id__in=ids))
    return list(qs.distinct().order_by("-id")[:100])


def unit_candidates(plan: Plan, chosen: set[int]) -> list[OrgUnit]:
    """The units a task form shows at first: those chosen, then the territory's own units
    (its agencies and subordinate territories)."""
    from danvan.plans.services import assignable_units, territory_of

    territory = territory_of(plan.unit)
    allowed = assignable_units(plan.unit).select_related("parent")
    picked = list(allowed.filter(pk__in=chosen).order_by("name")) if chosen else []
    near = allowed.filter(Q(pk=territory.pk) | Q(parent_id=territory.pk)).exclude(pk__in=chosen)
    near = near.order_by("-unit_type__is_territory", "unit_type__ordering", "name")[:200]
    return picked + list(near)


def unit_options(plan: Plan, query: str, *, exclude_self: bool = False) -> list[OrgUnit]:
    """Units of the plan's reach whose name holds every word of ``query``."""
    from danvan.plans.services import assignable_units

    terms = search_terms(query)
    if not terms:
        return []
    qs = assignable_units(plan.unit).select_related("parent")
    for term in terms:
        qs = qs.filter(name_folded__contains=term)
    if exclude_self:
        qs = qs.exclude(pk=plan.unit_id)
    return list(qs.order_by("depth", "name", "id")[:OPTIONS_LIMIT])


def legal_document_options(query: str) -> list:
    """Legal documents (public facts) whose folded text holds every word of ``query``."""
    from danvan.documents.models import LegalDocument

    terms = search_terms(query)
    if not terms:
        return []
    qs = LegalDocument.objects.all()
    for term in terms:
        qs = qs.filter(search_folded__contains=term)
    return list(qs.order_by("-issued_on", "code")[:OPTIONS_LIMIT])


# --- The public site (no account): issued plans marked public ------------------------------


def public_plan_list(*, query: str = "") -> QuerySet[Plan]:
    """Issued plans their units made public, newest first; anyone may read them."""
    qs = Plan.objects.filter(is_public=True, status=PlanStatus.ISSUED).select_related("unit")
    for term in search_terms(query):
        qs = qs.filter(title_folded__contains=term)
    return qs.order_by("-id")


def get_public_plan(plan_id) -> Plan:
    """A public, issued plan; NotFoundError for anything else (drafts, private, missing)."""
    try:
        plan_id = int(plan_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    plan = public_plan_list().filter(pk=plan_id).first()
    if plan is None:
        raise NotFoundError()
    return plan


def plans_citing(actor, document, limit: int) -> list:
    """Plans the actor may see whose legal bases include ``document`` (its "cited by" list)."""
    from django.urls import reverse

    from danvan.documents.selectors import CitingItem

    qs = plan_queryset(actor).filter(legal_bases=document).select_related("unit")
    return [
        CitingItem(p.title, reverse("plans:plan-detail", args=[p.pk]), p.unit.name)
        for p in qs.order_by("-id")[:limit]
    ]


# --- Figures for periodic reports (registered by the reports app) -------------------------


def count_plans_issued(unit_path: str, start: dt.date, end: dt.date) -> int:
    """Plans issued by units of the subtree at ``unit_path``, dated ``start``..``end``."""
    return Plan.objects.filter(
        status=PlanStatus.ISSUED,
        unit__path__startswith=unit_path,
        issued_on__gte=start,
        issued_on__lte=end,
    ).count()


def count_tasks_done(unit_path: str, start: dt.date, end: dt.date) -> int:
    """Task assignments of units of the subtree at ``unit_path`` that are done, reported done
    between ``start`` and ``end`` (the day of a "done" progress report)."""
    done_in_period = TaskUpdate.objects.filter(
        status=AssignmentStatus.DONE,
        created_at__date__gte=start,
        created_at__date__lte=end,
    ).values("assignment_id")
    return TaskAssignment.objects.filter(
        status=AssignmentStatus.DONE,
        unit__path__startswith=unit_path,
        task__plan__status=PlanStatus.ISSUED,
        pk__in=done_in_period,
    ).count()
