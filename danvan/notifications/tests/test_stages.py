"""Which notice a deadline calls for on a given day: weekends, holidays, dates and datetimes."""

import datetime as dt

import pytest

from danvan.lib.workdays import WorkCalendar
from danvan.notifications.reminders import current_stage
from danvan.notifications.tests.conftest import at

D = dt.date
CAL = WorkCalendar()


def code(due, now, **options):
    stage = current_stage(due, now=now, calendar=CAL, **options)
    return stage.code if stage else None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 4, 22), None),  # Wednesday: 3 working days to go
        (at(2026, 4, 23), "before2"),  # Thursday: 2 working days (Fri, then Tue)
        (at(2026, 4, 24), "before1"),  # Friday: Sat, Sun, and the Hùng Kings' days off follow
        (at(2026, 4, 25), "before1"),
        (at(2026, 4, 27, 23, 59), "before1"),  # Monday, observed holiday
        (at(2026, 4, 28, 0, 0), "due"),
        (at(2026, 4, 28, 23, 59), "due"),
        (at(2026, 4, 29, 0, 0), "overdue"),
        (at(2026, 5, 20), "overdue"),
    ],
)
def test_a_date_due_after_a_weekend_and_a_holiday(now, expected):
    assert code(D(2026, 4, 28), now, before=(2, 1)) == expected


def test_one_working_day_before_a_monday_after_two_holidays_is_the_wednesday():
    # 30/4 and 1/5/2026 are holidays, 2-3/5 a weekend: Wednesday 29/4 is the last working day.
    due = D(2026, 5, 4)
    assert code(due, at(2026, 4, 28, 17), before=(1,)) is None
    assert code(due, at(2026, 4, 29, 0, 1), before=(1,)) == "before1"


def test_a_datetime_is_overdue_from_its_moment_not_from_the_next_day():
    due = at(2026, 4, 28, 10, 0)
    assert code(due, at(2026, 4, 28, 9, 59)) == "due"
    assert code(due, at(2026, 4, 28, 10, 0)) == "overdue"


def test_stages_switched_off_are_skipped():
    due = D(2026, 4, 28)
    assert code(due, at(2026, 4, 28), on_the_day=False, before=(1,)) == "before1"
    assert code(due, at(2026, 4, 29), overdue=False) is None
    assert code(due, at(2026, 4, 28), on_the_day=False, before=()) is None


def test_an_administrators_extra_day_off_moves_the_reminder_earlier():
    storm = WorkCalendar(extra_days_off=[D(2026, 4, 24)])  # Friday declared a day off
    stage = current_stage(D(2026, 4, 28), now=at(2026, 4, 23), calendar=storm, before=(1,))
    assert stage.code == "before1"
