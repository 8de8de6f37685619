"""The working-day calendar on real Vietnamese dates (holidays 0.109)."""

import datetime as dt

import pytest

from danvan.lib.workdays import MAX_WORKING_DAYS, WorkCalendar

D = dt.date


@pytest.fixture
def cal():
    return WorkCalendar()


@pytest.mark.parametrize(
    "day",
    [
        # Tết Ất Tỵ 2025: 29 Tết (Mon 27/1) to mùng 4 (Sat 1/2).
        D(2025, 1, 27),
        D(2025, 1, 29),
        D(2025, 1, 31),
        # Tết Bính Ngọ 2026: Mon 16/2 to Fri 20/2.
        D(2026, 2, 16),
        D(2026, 2, 17),
        D(2026, 2, 20),
        # 30/4–1/5, with Fri 2/5/2025 swapped for Sat 26/4/2025.
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),
        # Hùng Kings' day 2026 falls on Sunday 26/4 and is observed on Monday 27/4.
        D(2026, 4, 27),
        # National Day: 1–2/9/2025; 31/8–2/9/2026 (31/8 swapped for Sat 22/8/2026).
        D(2025, 9, 1),
        D(2025, 9, 2),
        D(2026, 8, 31),
        D(2026, 9, 1),
        D(2026, 9, 2),
        D(2026, 1, 1),
        # Vietnam Culture Day, a day off from 2026.
        D(2026, 11, 24),
    ],
)
def test_public_holidays_are_not_working_days(cal, day):
    assert day.weekday() < 5
    assert cal.is_working_day(day) is False
    assert cal.holiday_name(day)


@pytest.mark.parametrize(
    "day",
    [D(2025, 1, 24), D(2025, 2, 3), D(2026, 2, 13), D(2026, 2, 23), D(2026, 4, 28), D(2025, 9, 3)],
)
def test_weekdays_around_holidays_are_working_days(cal, day):
    assert cal.is_working_day(day) is True
    assert cal.holiday_name(day) is None


def test_weekends_are_days_off_except_make_up_saturdays(cal):
    assert cal.is_working_day(D(2025, 4, 19)) is False  # an ordinary Saturday
    assert cal.is_working_day(D(2025, 4, 20)) is False  # an ordinary Sunday
    assert cal.is_working_day(D(2025, 4, 26)) is True  # worked for Friday 2/5/2025
    assert cal.is_working_day(D(2026, 8, 22)) is True  # worked for Monday 31/8/2026
    # Worked on Saturday 27/12/2014 for Friday 2/1/2015: the swap belongs to the next year.
    assert cal.is_working_day(D(2014, 12, 27)) is True


def test_tet_2025_and_2026(cal):
    # Nine days without work: Sat 25/1 to Sun 2/2/2025, Sat 14/2 to Sun 22/2/2026.
    assert cal.add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    # "Notify within 5 working days" of a decision taken on Wednesday 11/2/2026.
    assert cal.add_working_days(D(2026, 2, 11), 5) == D(2026, 2, 25)


def test_reunification_day_with_a_make_up_saturday(cal):
    assert cal.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert cal.add_working_days(D(2025, 4, 26), 1) == D(2025, 4, 28)
    assert cal.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)
    # 25, 26 (Saturday), 28, 29/4 and 5/5.
    assert cal.working_days_between(D(2025, 4, 24), D(2025, 5, 5)) == 5


def test_national_day(cal):
    assert cal.add_working_days(D(2025, 8, 29), 1) == D(2025, 9, 3)
    assert cal.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)


def test_start_day_is_not_counted_and_zero_is_identity(cal):
    monday = D(2025, 3, 10)
    assert cal.add_working_days(monday, 1) == D(2025, 3, 11)
    assert cal.add_working_days(monday, 5) == D(2025, 3, 17)
    # From a Saturday, the first working day after it is the Monday.
    assert cal.add_working_days(D(2025, 3, 15), 1) == D(2025, 3, 17)
    assert cal.add_working_days(monday, 0) == monday
    sunday = D(2025, 3, 16)
    assert cal.add_working_days(sunday, 0) == sunday


def test_negative_working_days_go_back(cal):
    assert cal.add_working_days(D(2025, 2, 3), -1) == D(2025, 1, 24)
    assert cal.add_working_days(D(2026, 4, 28), -1) == D(2026, 4, 24)
    assert cal.add_working_days(D(2025, 3, 15), -1) == D(2025, 3, 14)
    assert cal.working_days_between(D(2025, 2, 3), D(2025, 1, 24)) == -1


def test_working_days_between_is_the_inverse_of_add_working_days(cal):
    start = D(2025, 1, 20)
    for offset in range(20):  # through Tết 2025, weekends included
        day = start + dt.timedelta(days=offset)
        for n in range(-8, 9):
            target = cal.add_working_days(day, n)
            assert cal.working_days_between(day, target) == n, (day, n)
            if n:
                assert cal.is_working_day(target)


def test_working_days_in_2025(cal):
    # 365 days − 104 weekend days − 12 weekday holidays + 1 make-up Saturday.
    assert cal.working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 250
    assert cal.working_days_between(D(2025, 12, 31), D(2024, 12, 31)) == -250
    assert cal.working_days_between(D(2025, 6, 4), D(2025, 6, 4)) == 0


def test_add_days_counts_calendar_days(cal):
    assert cal.add_days(D(2026, 2, 13), 10) == D(2026, 2, 23)
    assert cal.add_days(D(2026, 3, 1), -1) == D(2026, 2, 28)


def test_calendar_deadline_ending_on_a_day_off_moves_to_the_next_working_day(cal):
    # 30 days after 1/4/2026 is Friday 1/5, Labour Day; the period ends on Monday 4/5.
    assert cal.calendar_deadline(D(2026, 4, 1), 30) == D(2026, 5, 4)
    assert cal.calendar_deadline(D(2026, 4, 1), 20) == D(2026, 4, 21)
    assert cal.next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)


def test_extra_days_off_entered_by_an_administrator():
    storm = D(2025, 9, 10)  # a Wednesday
    cal = WorkCalendar(extra_days_off=[storm])
    assert cal.is_working_day(storm) is False
    assert cal.add_working_days(D(2025, 9, 9), 1) == D(2025, 9, 11)
    assert cal.working_days_between(D(2025, 9, 8), D(2025, 9, 12)) == 3
    assert WorkCalendar().working_days_between(D(2025, 9, 8), D(2025, 9, 12)) == 4


def test_extra_workdays_entered_by_an_administrator():
    saturday = D(2025, 9, 13)
    cal = WorkCalendar(extra_workdays=[saturday])
    assert cal.is_working_day(saturday) is True
    assert cal.add_working_days(D(2025, 9, 12), 1) == saturday


def test_administrator_entries_override_the_package():
    # A declared working day beats a public holiday; a declared day off beats a swap.
    cal = WorkCalendar(extra_workdays=[D(2026, 11, 24)], extra_days_off=[D(2025, 4, 26)])
    assert cal.is_working_day(D(2026, 11, 24)) is True
    assert cal.is_working_day(D(2025, 4, 26)) is False


def test_a_date_cannot_be_both_off_and_worked():
    with pytest.raises(ValueError, match="2025-09-13"):
        WorkCalendar(extra_days_off=[D(2025, 9, 13)], extra_workdays=[D(2025, 9, 13)])


def test_inputs_are_checked(cal):
    assert cal.is_working_day(dt.datetime(2026, 2, 17, 9, 30)) is False
    with pytest.raises(TypeError):
        cal.is_working_day("2026-02-17")
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 1, 5), MAX_WORKING_DAYS + 1)
