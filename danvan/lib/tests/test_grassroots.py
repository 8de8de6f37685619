"""The law's arithmetic, article by article (danvan/lib/grassroots.py; docs/legal.md)."""

import datetime as dt

import pytest

from danvan.lib.grassroots import decide, exceeds_half, posted_long_enough, posting_days


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(51, 100, True), (50, 100, False), (3, 5, True), (2, 4, False), (1, 1, True), (0, 0, False)],
)
def test_more_than_half_means_strictly_more_than_50_percent(part, whole, expected):
    """Luật 10/2022, Điều 21.1; Nghị định 61/2023, Điều 10: "trên 50%"."""
    assert exceeds_half(part, whole) is expected


def test_a_share_is_of_all_households_not_of_those_who_took_part():
    """Luật 10/2022, Điều 21.1: 40 of 60 attending agree, but the village has 100 households."""
    outcome = decide(households=100, taking_part=60, agreeing=40, disagreeing=20, meeting=True)
    assert outcome.quorum and not outcome.passed
    assert outcome.missing_for_pass == 11


def test_a_meeting_without_more_than_half_of_the_households_cannot_decide():
    """Nghị định 61/2023, Điều 10.1.a; Nghị định 59/2023, Điều 4.1.b (then: ballots)."""
    outcome = decide(households=100, taking_part=50, agreeing=50, disagreeing=0, meeting=True)
    assert not outcome.quorum and not outcome.passed


def test_ballots_need_no_quorum_only_more_than_half_agreeing():
    """Nghị định 59/2023, Điều 4; Luật 10/2022, Điều 21.1."""
    outcome = decide(households=100, taking_part=51, agreeing=51, disagreeing=0, meeting=False)
    assert outcome.passed and not outcome.quorum_needed
    assert outcome.agreeing_share == pytest.approx(0.51)


def test_posting_days_count_both_ends():
    assert posting_days(dt.date(2026, 3, 1), dt.date(2026, 3, 30)) == 30
    assert posting_days(dt.date(2026, 3, 2), dt.date(2026, 3, 1)) == 0


def test_thirty_days_on_the_board_and_three_on_the_loudspeakers():
    """Luật Tiếp cận thông tin 2016, Điều 21.2 (30 days); Luật 10/2022, Điều 13.3 (03 days)."""
    assert posted_long_enough(dt.date(2026, 3, 1), dt.date(2026, 3, 30), 30)
    assert not posted_long_enough(dt.date(2026, 3, 1), dt.date(2026, 3, 29), 30)
    assert posted_long_enough(dt.date(2026, 3, 1), dt.date(2026, 3, 3), 3)
    assert not posted_long_enough(dt.date(2026, 3, 1), dt.date(2026, 3, 2), 3)
    assert posted_long_enough(dt.date(2026, 3, 1), dt.date(2026, 3, 1), None)
