"""Recurring deadlines: parsing "10/6, 01/11" and finding the next occurrence."""

import datetime as dt

import pytest

from danvan.core.errors import ValidationFailed
from danvan.plans.deadlines import next_occurrence, parse_recurrence


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("10/6, 01/11", [[10, 6], [1, 11]]),
        ("01/11; 10/6", [[10, 6], [1, 11]]),
        ("10/6 và 01/11", [[10, 6], [1, 11]]),
        ("15.12, 15.12", [[15, 12]]),
    ],
)
def test_recurring_dates_are_read_day_first(text, pairs):
    assert parse_recurrence(text) == pairs


@pytest.mark.parametrize("text", ["", "hằng năm", "10/13", "29/2", "32/1", "10/6/2026"])
def test_what_is_not_a_date_of_every_year_is_refused(text):
    with pytest.raises(ValidationFailed) as error:
        parse_recurrence(text)
    assert error.value.field == "recurrence"


def test_the_next_occurrence_stays_within_the_plan_years():
    pairs = [[10, 6], [1, 11]]
    kwargs = {"first_year": 2026, "last_year": 2027}
    assert next_occurrence(pairs, on_or_after=dt.date(2026, 1, 1), **kwargs) == dt.date(2026, 6, 10)
    assert next_occurrence(pairs, on_or_after=dt.date(2026, 6, 10), **kwargs) == dt.date(
        2026, 6, 10
    )
    assert next_occurrence(pairs, on_or_after=dt.date(2026, 6, 11), **kwargs) == dt.date(
        2026, 11, 1
    )
    assert next_occurrence(pairs, on_or_after=dt.date(2026, 11, 2), **kwargs) == dt.date(
        2027, 6, 10
    )
    assert next_occurrence(pairs, on_or_after=dt.date(2027, 11, 2), **kwargs) is None
    assert next_occurrence(pairs, on_or_after=dt.date(2020, 1, 1), **kwargs) == dt.date(2026, 6, 10)
