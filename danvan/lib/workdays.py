"""The working-day calendar of Vietnamese state and Party bodies. Pure Python, no Django.

A day is a working day when it is Monday to Friday and not a public holiday, or when it is a
Saturday/Sunday the government has declared a make-up working day (ngày làm bù). Public
holidays, Lunar New Year included, and the government's announced day swaps come from the
pinned ``holidays`` package; an administrator adds days off (``extra_days_off``: a storm, a
locally declared holiday, a swap the package does not know yet) and make-up working days
(``extra_workdays``).

Precedence, from strongest to weakest:
1. ``extra_workdays`` — the administrator says people work that day;
2. ``extra_days_off`` — the administrator says nobody works that day;
3. the package's public holidays and substitute days off;
4. the package's make-up working days on a weekend;
5. Monday–Friday work, Saturday and Sunday off.

Counting rule (Bộ luật Dân sự 2015, Điều 147): a period counted in days starts on the day
*after* the event. So "within 5 working days of X" ends on ``add_working_days(X, 5)``, the
5th working day after X; X itself never counts, whether or not it is a working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import holidays

__all__ = ["WorkCalendar"]

_ONE_DAY = dt.timedelta(days=1)
_WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())
# A guard against run-away loops from absurd input (about 40 years of working days).
MAX_WORKING_DAYS = 10_000


def _as_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")
    return value


class WorkCalendar:
    """Working days in Vietnam, with days off and make-up working days an administrator enters.

    >>> cal = WorkCalendar()
    >>> cal.add_working_days(dt.date(2026, 2, 12), 2)  # Thursday before Tết 2026
    datetime.date(2026, 2, 23)
    """

    def __init__(
        self,
        extra_days_off: Iterable[dt.date] = (),
        extra_workdays: Iterable[dt.date] = (),
    ):
        self.extra_days_off = frozenset(_as_date(d) for d in extra_days_off)
        self.extra_workdays = frozenset(_as_date(d) for d in extra_workdays)
        both = self.extra_days_off & self.extra_workdays
        if both:
            listed = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"a date cannot be both a day off and a working day: {listed}")
        self._holidays = holidays.country_holidays("VN", years=())
        self._loaded_years: set[int] = set()

    # -- single days -------------------------------------------------------------------

    def _load(self, year: int) -> None:
        # A make-up Saturday can belong to the swap list of the next year (27/12/2014 was
        # worked for 2/1/2015), so the neighbouring years are loaded as well.
        for y in (year - 1, year, year + 1):
            if y not in self._loaded_years and dt.MINYEAR < y < dt.MAXYEAR:
                self._loaded_years.add(y)
                # Looking a date up makes the package (expand=True) generate that year.
                _ = dt.date(y, 1, 1) in self._holidays

    def holiday_name(self, day: dt.date) -> str | None:
        """The public holiday's name (in English) on ``day``, or None."""
        day = _as_date(day)
        self._load(day.year)
        return self._holidays.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        day = _as_date(day)
        if day in self.extra_workdays:
            return True
        if day in self.extra_days_off:
            return False
        self._load(day.year)
        if day in self._holidays:
            return False
        if day in self._holidays.weekend_workdays:
            return True
        return day.weekday() not in _WEEKEND

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, otherwise the first working day after it.

        Use it for a deadline counted in calendar days: when the last day of a period is a
        day off, the period ends on the next working day (Bộ luật Dân sự 2015, Điều 148.5).
        """
        day = _as_date(day)
        for _ in range(MAX_WORKING_DAYS):
            if self.is_working_day(day):
                return day
            day += _ONE_DAY
        raise ValueError("no working day found")  # pragma: no cover — needs absurd days off

    # -- arithmetic --------------------------------------------------------------------

    @staticmethod
    def add_days(day: dt.date, n: int) -> dt.date:
        """``day`` plus ``n`` calendar days (n may be negative); holidays play no part."""
        return _as_date(day) + dt.timedelta(days=n)

    def calendar_deadline(self, day: dt.date, n: int) -> dt.date:
        """The end of a period of ``n`` calendar days after ``day`` (Điều 147 and 148.5).

        ``n`` days after ``day``, moved forward to the next working day when it falls on a day
        off: 30 days from acceptance on 01/4/2026 ends on 01/5/2026, a holiday, so on 04/5/2026.
        """
        return self.next_working_day(self.add_days(day, n))

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``n`` > 0) or before it (``n`` < 0).

        ``day`` itself is never counted: from Friday 24/4/2026, 1 working day later is Tuesday
        28/4 (Monday 27/4 is the observed Hùng Kings' day) and 1 working day earlier is
        Thursday 23/4. ``n == 0`` returns ``day`` unchanged, even when it is a day off. The
        result for ``n != 0`` is always a working day.
        """
        day = _as_date(day)
        if abs(n) > MAX_WORKING_DAYS:
            raise ValueError(f"at most {MAX_WORKING_DAYS} working days at a time, got {n}")
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """The signed number of working days stepped over going from ``start`` to ``end``.

        Counting matches :meth:`add_working_days` — the departure day is not counted, the
        arrival day is:
        - ``end`` after ``start``: working days in ``(start, end]``;
        - ``end`` before ``start``: minus the working days in ``[end, start)``;
        - the same day: 0.
        So ``working_days_between(d, add_working_days(d, n)) == n`` for every ``d`` and ``n``.
        """
        start, end = _as_date(start), _as_date(end)
        if end == start:
            return 0
        if end < start:
            return -self._count(end, start - _ONE_DAY)
        return self._count(start + _ONE_DAY, end)

    def _count(self, first: dt.date, last: dt.date) -> int:
        """Working days in the closed interval ``[first, last]``."""
        count = 0
        day = first
        while day <= last:
            if self.is_working_day(day):
                count += 1
            day += _ONE_DAY
        return count
