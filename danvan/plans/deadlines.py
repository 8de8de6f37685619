"""Task deadlines: none, a date, or dates that recur every year ("10/6, 01/11").

A recurring deadline is stored as its rule, a list of [day, month] pairs, plus its next
occurrence in ``Task.next_due``: the first occurrence on or after today, within the plan's
period (none once the period is over). Services set it when a task is saved or a plan is
issued; the daily job ``roll_recurring_deadlines`` moves it forward once an occurrence has
passed. Reminders and lists read ``next_due`` like any date, so one index serves them all.

A recurring deadline is never "overdue": each occurrence is a reporting date, reminded before
and on the day; a date deadline becomes overdue the day after it if the task is not done.
"""

import datetime as dt
import re

from django.utils.translation import gettext as _

from danvan.core.errors import ValidationFailed

MAX_OCCURRENCES = 12
_PAIR = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$")
_SEPARATORS = re.compile(r"[,;]|\s+(?:và|and)\s+", re.IGNORECASE)


def parse_recurrence(text: str) -> list[list[int]]:
    """ "10/6, 01/11" → [[10, 6], [1, 11]] (day, month), sorted in calendar order, no repeats.

    Raises ValidationFailed (field "recurrence") with a sentence naming what is wrong.
    """
    parts = [part for part in _SEPARATORS.split(text or "") if part.strip()]
    if not parts:
        raise ValidationFailed(
            _("Enter the dates that recur every year as day/month, for example 10/6, 01/11."),
            field="recurrence",
        )
    pairs = []
    for part in parts:
        match = _PAIR.match(part)
        if not match:
            raise ValidationFailed(
                _("“%(text)s” is not a day/month such as 10/6.") % {"text": part.strip()[:20]},
                field="recurrence",
            )
        pairs.append([int(match.group(1)), int(match.group(2))])
    return validate_recurrence(pairs)


def validate_recurrence(pairs) -> list[list[int]]:
    """Check [day, month] pairs: each a date that exists every year; sorted, no repeats."""
    cleaned: set[tuple[int, int]] = set()
    try:
        items = [(int(day), int(month)) for day, month in pairs]
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("The recurring dates must be pairs of day and month."), field="recurrence"
        ) from None
    for day, month in items:
        try:
            dt.date(2023, month, day)  # not a leap year: 29/2 does not exist every year
        except ValueError:
            raise ValidationFailed(
                _("%(day)02d/%(month)02d is not a date that exists every year.")
                % {"day": day, "month": month},
                field="recurrence",
            ) from None
        cleaned.add((day, month))
    if not cleaned:
        raise ValidationFailed(
            _("Enter the dates that recur every year as day/month, for example 10/6, 01/11."),
            field="recurrence",
        )
    if len(cleaned) > MAX_OCCURRENCES:
        raise ValidationFailed(
            _("At most %(max)d dates a year can recur.") % {"max": MAX_OCCURRENCES},
            field="recurrence",
        )
    return [[day, month] for day, month in sorted(cleaned, key=lambda p: (p[1], p[0]))]


def occurrences(pairs, first_year: int, last_year: int):
    """Every date of the rule from ``first_year`` to ``last_year``, in order."""
    for year in range(first_year, last_year + 1):
        for day, month in sorted(pairs, key=lambda p: (p[1], p[0])):
            yield dt.date(year, month, day)


def next_occurrence(pairs, *, on_or_after: dt.date, first_year: int, last_year: int):
    """The first date of the rule on or after ``on_or_after`` within the years of the plan,
    or None when the period is over."""
    if not pairs:
        return None
    start = max(first_year, on_or_after.year)
    for day in occurrences(pairs, start, last_year):
        if day >= on_or_after:
            return day
    return None


def recurrence_label(pairs) -> str:
    return ", ".join(f"{day:02d}/{month:02d}" for day, month in pairs or [])
