"""Deadlines of plan tasks in the reminder engine (imported when the notifications app starts).

The people acting for each assignee unit whose part is not done (``people.unit_people``) are reminded
3 and 1 working days before the deadline and on the day; for a date deadline, once more when
it has passed (overdue). Only tasks of issued plans count. A recurring deadline ("10/6 and
01/11 every year") is reminded before and on each occurrence (``Task.next_due``, moved forward
daily by ``tasks.roll_recurring_deadlines``) and is never overdue. A reminder's key holds the
date, so a moved deadline is announced again; a done or withdrawn assignment settles its
unread reminders (``notices.assignments_closed``).
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan.notifications import reminders
from danvan.notifications.reminders import DUE, OVERDUE, DeadlineSource, Stage
from danvan.plans import notices
from danvan.plans.models import (
    AssignmentStatus,
    DeadlineKind,
    PlanStatus,
    TaskAssignment,
)
from danvan.plans.people import unit_people

BEFORE_DAYS = (3, 1)


class _ReminderQuerySet(QuerySet):
    """Assignments that, once fetched, know who acts for their unit (``people``), found for
    the whole batch in two queries instead of two per assignment."""

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        rows = self._result_cache
        if fresh and rows and isinstance(rows[0], TaskAssignment):
            people = unit_people({row.unit_id for row in rows})
            for row in rows:
                row.reminder_people = people.get(row.unit_id, set())


def _open_assignments(kind: str):
    def queryset():
        return (
            _ReminderQuerySet(model=TaskAssignment)
            .filter(task__plan__status=PlanStatus.ISSUED, task__deadline_kind=kind)
            .exclude(status=AssignmentStatus.DONE)
            .select_related("task__plan", "unit")
        )

    return queryset


def _recipients(assignment: TaskAssignment, stage: Stage) -> set[int]:
    return getattr(assignment, "reminder_people", None) or set()


def _day(stage: Stage) -> str:
    return formats.date_format(stage.due_day, "d/m/Y")


def _title(assignment: TaskAssignment, stage: Stage) -> str:
    values = {"task": assignment.task, "date": _day(stage), "days": stage.days}
    if stage.kind == OVERDUE:
        return _("Overdue since %(date)s: %(task)s") % values
    if stage.kind == DUE:
        return _("Due today: %(task)s") % values
    return (
        ngettext(
            "Due on %(date)s, in %(days)d working day: %(task)s",
            "Due on %(date)s, in %(days)d working days: %(task)s",
            stage.days,
        )
        % values
    )


def _body(assignment: TaskAssignment, stage: Stage) -> str:
    values = {
        "unit": assignment.unit,
        "plan": assignment.task.plan,
        "date": _day(stage),
        "status": assignment.get_status_display(),
    }
    if stage.kind == OVERDUE:
        text = _(
            "The deadline of this task of %(unit)s in the plan “%(plan)s” was %(date)s and it is "
            "not reported done (status: %(status)s)."
        )
    else:
        text = _(
            "This task of %(unit)s in the plan “%(plan)s” is due on %(date)s (status: %(status)s)."
        )
    return (text + " " + _("Report its progress on the page of your unit's tasks.")) % values


def _url(assignment: TaskAssignment, stage: Stage) -> str:
    return reverse("plans:assignment-detail", args=[assignment.pk])


def register() -> None:
    """Declare this app's deadlines to the reminder engine (called from hooks.register)."""
    reminders.register(
        DeadlineSource(
            key=notices.TASK_DEADLINE,
            label=gettext_lazy("Deadlines of tasks"),
            help_text=gettext_lazy(
                "A task of your unit is due in 3 or 1 working days, today, or is overdue."
            ),
            queryset=_open_assignments(DeadlineKind.DATE),
            due="task__due_date",
            recipients=_recipients,
            before=BEFORE_DAYS,
            on_the_day=True,
            overdue=True,
            title=_title,
            body=_body,
            url=_url,
        )
    )

    reminders.register(
        DeadlineSource(
            key=notices.TASK_RECURRING,
            label=gettext_lazy("Recurring deadlines of tasks"),
            help_text=gettext_lazy(
                "A periodic date of a task of your unit (a report every 10/6, …) is near or today."
            ),
            queryset=_open_assignments(DeadlineKind.RECURRING),
            due="task__next_due",
            recipients=_recipients,
            before=BEFORE_DAYS,
            on_the_day=True,
            overdue=False,
            title=_title,
            body=_body,
            url=_url,
        )
    )
