"""The arithmetic of grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Nghị
định 59/2023/NĐ-CP, Nghị định 61/2023/NĐ-CP). Pure Python, no Django: the rules are tested
article by article in ``danvan/lib/tests/test_grassroots.py``.

Households, not heads: every count here is of households (hộ gia đình) — a household of nine
people still has one vote — and every share is a share of ALL the households of the village
(thôn, tổ dân phố), not of those who came.

- A meeting of the residential community (cuộc họp của cộng đồng dân cư) may decide only when
  representatives of MORE than half of the households attend (Nghị định 61/2023, Điều 10.1.a,
  for the covenant; Nghị định 59/2023, Điều 3, for meetings in general).
- A matter is decided (thông qua) when MORE than half of all the households agree, whatever the
  form — meeting, household ballots or online vote (Luật 10/2022, Điều 21.1, referred to by
  Nghị định 59/2023, Điều 4.1.b; Nghị định 61/2023, Điều 10). Exactly half is not enough.
- Ballots to households (phát phiếu) follow a meeting that could not reach the share (Nghị định
  59/2023, Điều 4.1.b), or are chosen at once by the commune chair / the village head (Điều
  4.1.a, c).
- A decision taken by ballots is sent to the commune People's Committee and the commune
  Fatherland Front at the latest 5 working days after the ballots closed (Nghị định 59/2023,
  Điều 4.7).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Outcome", "decide", "exceeds_half", "posting_days", "posted_long_enough"]


def exceeds_half(part: int, whole: int) -> bool:
    """``part`` is MORE than half of ``whole`` ("trên 50%"): 51 of 100 yes, 50 of 100 no."""
    return whole > 0 and part * 2 > whole


@dataclass(frozen=True)
class Outcome:
    households: int
    taking_part: int
    agreeing: int
    disagreeing: int
    #: a meeting needs more than half of the households represented before it may decide
    quorum_needed: bool
    quorum: bool
    passed: bool

    @property
    def taking_part_share(self) -> float:
        return self.taking_part / self.households if self.households else 0.0

    @property
    def agreeing_share(self) -> float:
        return self.agreeing / self.households if self.households else 0.0

    @property
    def missing_for_pass(self) -> int:
        """How many more agreeing households the matter needed (0 when it passed)."""
        needed = self.households // 2 + 1
        return max(0, needed - self.agreeing)


def decide(
    *, households: int, taking_part: int, agreeing: int, disagreeing: int, meeting: bool
) -> Outcome:
    """The law's verdict on a tally. The caller has already refused impossible tallies (more
    taking part than households, more votes than took part)."""
    quorum = exceeds_half(taking_part, households)
    passed = exceeds_half(agreeing, households) and (quorum or not meeting)
    return Outcome(
        households=households,
        taking_part=taking_part,
        agreeing=agreeing,
        disagreeing=disagreeing,
        quorum_needed=meeting,
        quorum=quorum,
        passed=passed,
    )


def posting_days(first_day, last_day) -> int:
    """Days a notice stayed up, both ends counted (posted 01/3, taken down 30/3: 30 days)."""
    if first_day is None or last_day is None or last_day < first_day:
        return 0
    return (last_day - first_day).days + 1


def posted_long_enough(first_day, last_day, minimum_days: int | None) -> bool:
    """Whether a posting met its minimum time: 30 consecutive days on the notice board
    (Luật Tiếp cận thông tin 2016, Điều 21.2, where no other law sets it), at least 03
    consecutive days on the commune loudspeakers for the contents of Điều 11.7–12 (Luật
    10/2022, Điều 13.3). No minimum: always long enough."""
    if not minimum_days:
        return True
    return posting_days(first_day, last_day) >= minimum_days
