"""Legal time limits of cases as data: DOMAIN.md's table, seeded from code into
``CaseTimeLimit`` (administrators may then edit the rows), and the deadline arithmetic.

The most specific row matching (step, kind, level, complex, remote) wins. Working days use
``danvan.core.calendar.work_calendar``; calendar days end on the next working day when the last
day is a day off (Bộ luật Dân sự 2015, Điều 148.5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from danvan.core.calendar import work_calendar
from danvan.petitions.models import CaseKind, CaseStep, CaseTimeLimit

C, D, P, F = CaseKind.COMPLAINT, CaseKind.DENUNCIATION, CaseKind.PROPOSAL, CaseKind.FEEDBACK
A, R, X, N = CaseStep.ACCEPT, CaseStep.RESOLVE, CaseStep.EXTEND, CaseStep.NOTIFY

KN = "Luật Khiếu nại 2011"
TC = "Luật Tố cáo 2018"
DEFAULT = "Mặc định của hệ thống (có thể sửa)"

# (step, kind, level, complex, remote, days, working days, max count, legal basis)
DEFAULTS: list[tuple] = [
    (A, C, 0, None, None, 10, False, 1, f"{KN}, Điều 27"),
    (R, C, 1, False, False, 30, False, 1, f"{KN}, Điều 28"),
    (R, C, 1, True, False, 45, False, 1, f"{KN}, Điều 28"),
    (R, C, 1, False, True, 45, False, 1, f"{KN}, Điều 28"),
    (R, C, 1, True, True, 60, False, 1, f"{KN}, Điều 28"),
    (R, C, 2, False, False, 45, False, 1, f"{KN}, Điều 37"),
    (R, C, 2, True, False, 60, False, 1, f"{KN}, Điều 37"),
    (R, C, 2, False, True, 60, False, 1, f"{KN}, Điều 37"),
    (R, C, 2, True, True, 70, False, 1, f"{KN}, Điều 37"),
    (A, D, 0, None, None, 7, True, 1, f"{TC}, Điều 24, 29"),
    (R, D, 0, None, None, 30, False, 1, f"{TC}, Điều 30"),
    # Extensions: a complex case one of at most 30 days; an especially complex one, two.
    (X, D, 0, True, None, 30, False, 1, f"{TC}, Điều 30"),
    (N, D, 0, None, None, 5, True, 1, f"{TC}, Điều 29"),
    (A, P, 0, None, None, 10, False, 1, DEFAULT),
    (R, P, 0, None, None, 30, False, 1, DEFAULT),
    (A, F, 0, None, None, 10, False, 1, DEFAULT),
    (R, F, 0, None, None, 30, False, 1, DEFAULT),
]
ESPECIALLY_COMPLEX_EXTENSIONS = 2


def seed_time_limits(**kwargs) -> int:
    """Create the missing default rows (never overwrite an administrator's edit)."""
    created = 0
    with transaction.atomic():
        for step, kind, level, complex_, remote, days, working, count, basis in DEFAULTS:
            _, made = CaseTimeLimit.objects.get_or_create(
                step=step,
                kind=kind,
                level=level,
                is_complex=complex_,
                is_remote=remote,
                defaults={
                    "days": days,
                    "working_days": working,
                    "max_count": count,
                    "legal_basis": basis,
                },
            )
            created += made
    return created


@dataclass(frozen=True)
class Limit:
    days: int
    working_days: bool
    max_count: int
    legal_basis: str

    def deadline(self, start: dt.date, calendar=None) -> dt.date:
        calendar = calendar or work_calendar()
        if self.working_days:
            return calendar.add_working_days(start, self.days)
        return calendar.calendar_deadline(start, self.days)


def _score(row: CaseTimeLimit, level: int, complex_: bool, remote: bool) -> int | None:
    score = 0
    if row.level:
        if row.level != level:
            return None
        score += 4
    if row.is_complex is not None:
        if row.is_complex != complex_:
            return None
        score += 2
    if row.is_remote is not None:
        if row.is_remote != remote:
            return None
        score += 1
    return score


def limit_for(
    step: str,
    kind: str,
    *,
    level: int = 1,
    is_complex: bool = False,
    is_remote: bool = False,
    rows: list[CaseTimeLimit] | None = None,
) -> Limit | None:
    """The time limit of one step for a case with these traits; None when the law sets none."""
    if rows is None:
        rows = list(CaseTimeLimit.objects.filter(step=step, kind=kind))
    best, best_score = None, -1
    for row in rows:
        if row.step != step or row.kind != kind:
            continue
        score = _score(row, level, is_complex, is_remote)
        if score is not None and score > best_score:
            best, best_score = row, score
    if best is None:
        return None
    return Limit(best.days, best.working_days, best.max_count, best.legal_basis)


def case_limit(case, step: str) -> Limit | None:
    limit = limit_for(
        step,
        case.kind,
        level=case.level,
        is_complex=case.is_complex or case.is_especially_complex,
        is_remote=case.is_remote_area,
    )
    if limit and step == CaseStep.EXTEND and case.is_especially_complex:
        limit = Limit(
            limit.days,
            limit.working_days,
            max(limit.max_count, ESPECIALLY_COMPLEX_EXTENSIONS),
            limit.legal_basis,
        )
    return limit


def case_deadline(case, step: str, start: dt.date) -> dt.date | None:
    limit = case_limit(case, step)
    return limit.deadline(start) if limit else None
