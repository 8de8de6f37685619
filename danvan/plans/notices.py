"""What the plans app tells people: a task assigned to their unit, a request for an
implementing plan, and the settling of reminders once a task is done or withdrawn.

Called by the services inside their transaction (a notice belongs with the change that caused
it); e-mails are queued when it commits. Deadline reminders are in ``reminders.py``.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.notifications import kinds, reminders
from danvan.notifications import services as notifications
from danvan.notifications.models import Notification
from danvan.plans.people import unit_people

ASSIGNED = "plans.assigned"
CASCADE = "plans.cascade"
# The reminder sources (reminders.py): a date deadline, and a recurring one.
TASK_DEADLINE = "plans.task"
TASK_RECURRING = "plans.task_recurring"


def register() -> None:
    """Declare this app's notice kinds (called from hooks.register)."""
    kinds.register(
        ASSIGNED,
        gettext_lazy("Tasks assigned to my unit"),
        help_text=gettext_lazy("A plan was issued or amended with a task for a unit you act for."),
    )
    kinds.register(
        CASCADE,
        gettext_lazy("Requests for implementing plans"),
        help_text=gettext_lazy("A higher unit asks a unit you act for to issue its own plan."),
    )


def _notify_units(unit_ids, *, kind, title_for, url: str, path_for, key_for) -> None:
    """One notice per person acting for each unit, delivered in one batch (a cascade to every
    unit of a province is a few queries, not a few per unit)."""
    now = timezone.now()
    notices = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            title=str(title_for(unit_id))[:300],
            url=url[:500],
            unit_path=path_for(unit_id)[:255],
            created_at=now,
            dedup_key=key_for(unit_id),
        )
        for unit_id, users in unit_people(unit_ids).items()
        for user_id in sorted(users)
    ]
    notifications.deliver(notices)


def _unit_names(unit_ids) -> dict[int, tuple[str, str]]:
    from danvan.units.models import OrgUnit

    return {
        pk: (name, path)
        for pk, name, path in OrgUnit.objects.filter(pk__in=set(unit_ids)).values_list(
            "pk", "name", "path"
        )
    }


def task_assigned(task, unit_ids) -> None:
    """The units ``unit_ids`` have a new task in an issued plan."""
    if not unit_ids:
        return
    plan = task.plan
    names = _unit_names(unit_ids)
    _notify_units(
        unit_ids,
        kind=ASSIGNED,
        title_for=lambda unit_id: (
            _("%(unit)s has a new task in the plan “%(plan)s”")
            % {"unit": names[unit_id][0], "plan": plan}
        ),
        url=reverse("plans:my-tasks"),
        path_for=lambda unit_id: names[unit_id][1],
        key_for=lambda unit_id: f"{ASSIGNED}:{task.pk}:{unit_id}",
    )


def plan_issued(plan) -> None:
    """Every assignee of a plan just issued learns of its tasks (one notice per unit)."""
    from danvan.plans.models import TaskAssignment

    unit_ids = set(TaskAssignment.objects.filter(task__plan=plan).values_list("unit_id", flat=True))
    if not unit_ids:
        return
    names = _unit_names(unit_ids)
    _notify_units(
        unit_ids,
        kind=ASSIGNED,
        title_for=lambda unit_id: (
            _("%(unit)s has tasks in the plan “%(plan)s”, just issued")
            % {"unit": names[unit_id][0], "plan": plan}
        ),
        url=reverse("plans:plan-detail", args=[plan.pk]),
        path_for=lambda unit_id: names[unit_id][1],
        key_for=lambda unit_id: f"{ASSIGNED}:plan{plan.pk}:{unit_id}",
    )


def cascade_requested(plan, unit_ids, due_date) -> None:
    if not unit_ids:
        return
    names = _unit_names(unit_ids)

    def title(unit_id) -> str:
        values = {"unit": names[unit_id][0], "plan": plan}
        if due_date:
            values["date"] = formats.date_format(due_date, "d/m/Y")
            return (
                _("%(unit)s is asked to issue a plan implementing “%(plan)s” by %(date)s") % values
            )
        return _("%(unit)s is asked to issue a plan implementing “%(plan)s”") % values

    _notify_units(
        unit_ids,
        kind=CASCADE,
        title_for=title,
        url=reverse("plans:plan-detail", args=[plan.pk]),
        path_for=lambda unit_id: names[unit_id][1],
        key_for=lambda unit_id: f"{CASCADE}:{plan.pk}:{unit_id}",
    )


def assignments_closed(assignment_ids) -> None:
    """Done or withdrawn: unread reminders about these assignments are settled."""
    for pk in assignment_ids:
        reminders.resolve(TASK_DEADLINE, pk)
        reminders.resolve(TASK_RECURRING, pk)


def deadline_changed(task, *, before_due) -> None:
    """A moved deadline is announced again (the reminder key holds the date); the unread
    reminders about the old one are settled."""
    new_due = task.next_due.isoformat() if task.next_due else None
    if new_due == before_due:
        return
    assignments_closed(list(task.assignments.values_list("pk", flat=True)))
