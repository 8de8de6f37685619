"""Task deadlines in the reminder engine: 3 and 1 working days before, on the day, overdue."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.notifications import reminders
from danvan.notifications.models import Notification
from danvan.notifications.reminders import default_calendar
from danvan.plans import services
from danvan.plans.models import Task, TaskAssignment
from danvan.plans.notices import TASK_DEADLINE, TASK_RECURRING
from danvan.plans.tests.conftest import DUE


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def scan(day: dt.date, key: str = TASK_DEADLINE) -> list[Notification]:
    before = set(Notification.objects.filter(kind=key).values_list("pk", flat=True))
    reminders.scan(now=at(day), keys=[key])
    return list(Notification.objects.filter(kind=key).exclude(pk__in=before).order_by("pk"))


@pytest.fixture
def calendar():
    return default_calendar()


def test_assignees_are_reminded_3_and_1_working_days_before_on_the_day_and_overdue(
    issued_plan, cast, calendar
):
    three = calendar.add_working_days(DUE, -3)
    one = calendar.add_working_days(DUE, -1)
    assert scan(three - dt.timedelta(days=1)) == []
    notices = scan(three)
    # The commune's officials act for its People's Committee and its village (no accounts).
    assert {n.recipient for n in notices} == {cast.official_a, cast.leader_a}
    assert len(notices) == 4
    assert all("in 3 working days" in n.title for n in notices)
    assert scan(three) == []  # once only
    assert all("in 1 working day:" in n.title for n in scan(one))
    today = scan(DUE)
    assert len(today) == 4 and all(n.title.startswith("Due today") for n in today)
    late = scan(DUE + dt.timedelta(days=1))
    assert len(late) == 4 and all(n.title.startswith("Overdue since") for n in late)
    assert late[0].url.startswith("/ke-hoach/phan-cong/")
    assert scan(DUE + dt.timedelta(days=2)) == []


def test_a_done_part_is_not_reminded_and_a_draft_never(
    issued_plan, draft_plan, make_plan, make_task, cast
):
    lead = TaskAssignment.objects.get(task__plan=issued_plan, unit=cast.tree.ubnd_a)
    services.assignment_update_status(actor=cast.official_a, assignment=lead, status="done")
    other_draft = make_plan()
    make_task(other_draft, deadline_kind="date", due_date=DUE)
    notices = scan(DUE)
    assert len(notices) == 2  # only the village's part of the issued plan, to two people
    assert all(f":{lead.pk}:" not in n.dedup_key for n in notices)


def test_a_moved_deadline_is_announced_again(issued_plan, cast):
    assert len(scan(DUE)) == 4
    task = issued_plan.tasks.get()
    services.task_update(
        actor=cast.leader_a,
        task=task,
        content=task.content,
        lead_units=[cast.tree.ubnd_a],
        support_units=[cast.tree.village_a],
        deadline_kind="date",
        due_date=DUE + dt.timedelta(days=7),
        reason="Lùi thời hạn",
    )
    assert all(n.read_at for n in Notification.objects.filter(kind=TASK_DEADLINE))
    assert len(scan(DUE + dt.timedelta(days=7))) == 4


def test_recurring_deadlines_are_reminded_each_time_and_never_overdue(
    issued_plan, make_task, cast, calendar
):
    task = make_task(
        issued_plan,
        actor=cast.leader_a,
        reason="Báo cáo định kỳ",
        lead=cast.tree.village_a,
        deadline_kind="recurring",
        recurrence="10/6, 01/11",
    )
    occurrence = task.next_due
    notices = scan(occurrence, TASK_RECURRING)
    assert len(notices) == 2 and all(n.title.startswith("Due today") for n in notices)
    assert scan(occurrence + dt.timedelta(days=1), TASK_RECURRING) == []  # no overdue
    services.recurring_deadlines_roll(today=occurrence + dt.timedelta(days=1))
    task.refresh_from_db()
    assert task.next_due > occurrence  # the period (to next year) holds both dates
    three = calendar.add_working_days(task.next_due, -3)
    assert all("in 3 working days" in n.title for n in scan(three, TASK_RECURRING))


def test_the_roll_job_runs_through_celery(issued_plan, make_task, cast):
    from danvan.plans.tasks import roll_recurring_deadlines

    task = make_task(
        issued_plan,
        actor=cast.leader_a,
        reason="Báo cáo định kỳ",
        deadline_kind="recurring",
        recurrence="10/6",
    )
    Task.objects.filter(pk=task.pk).update(next_due=dt.date(2000, 6, 10))
    assert roll_recurring_deadlines.delay().get() == 1
    task.refresh_from_db()
    today = timezone.localdate()
    this_year = dt.date(today.year, 6, 10)
    assert task.next_due == (this_year if this_year >= today else dt.date(today.year + 1, 6, 10))
