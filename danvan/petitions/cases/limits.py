"""Legal time limits of cases as data: DOMAIN.md's table, seeded from code into
``CaseTimeLimit`` (administrators may then edit the rows), and the deadline arithmetic.

The most specific row matching (step, kind, level, complex, remote) wins. Working days use
``danvan.core.calendar.work_calendar``; calendar days end on the next working day when the last
day is a day off (Bộ luật Dân sự 2015, Điều 148.5).

Extensions of a denunciation's resolution run from the original end of the 30 days, not from
the day it was moved to: the totals are 60 and 90 days from acceptance, and only the final
day moves off a day off (Luật Tố cáo 2018, Điều 30). Filing limits (Luật Khiếu nại 2011,
Điều 9 and 33) are warnings: a late complaint may have an excuse the law accepts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.calendar import work_calendar
from danvan.petitions.models import CaseKind, CaseStatus, CaseStep, CaseTimeLimit

C, D, P, F = CaseKind.COMPLAINT, CaseKind.DENUNCIATION, CaseKind.PROPOSAL, CaseKind.FEEDBACK
A, R, X, N = CaseStep.ACCEPT, CaseStep.RESOLVE, CaseStep.EXTEND, CaseStep.NOTIFY
AX, FL = CaseStep.ACCEPT_EXTENDED, CaseStep.FILE

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
    (A, D, 0, None, None, 7, True, 1, f"{TC}, Điều 24"),
    # Where verification is needed, at most 10 working days from receipt in all.
    (AX, D, 0, None, None, 10, True, 1, f"{TC}, Điều 24"),
    (R, D, 0, None, None, 30, False, 1, f"{TC}, Điều 30"),
    # Extensions: a complex case one of at most 30 days; an especially complex one, two.
    (X, D, 0, True, None, 30, False, 1, f"{TC}, Điều 30"),
    (N, D, 0, None, None, 5, True, 1, f"{TC}, Điều 29"),
    # Filing limits, counted from the contested decision (warnings, not refusals).
    (FL, C, 1, None, None, 90, False, 1, f"{KN}, Điều 9"),
    (FL, C, 2, None, False, 30, False, 1, f"{KN}, Điều 33"),
    (FL, C, 2, None, True, 45, False, 1, f"{KN}, Điều 33"),
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

    def deadline(self, start: dt.date, calendar=None, *, extra_days: int = 0) -> dt.date:
        """The end of the period from ``start``, ``extra_days`` longer (extensions): the days
        are added to the period's unmoved end, then the end moves off a day off."""
        calendar = calendar or work_calendar()
        if self.working_days:
            return calendar.add_working_days(start, self.days + extra_days)
        return calendar.calendar_deadline(start, self.days + extra_days)


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


def resolve_deadline(case, extension_days: int = 0) -> dt.date | None:
    """The resolution deadline of an accepted case with ``extension_days`` of extensions in
    all, counted from the original end (Luật Tố cáo 2018, Điều 30): accepted Friday 6/3/2026,
    30 days end on Sunday 5/4 (moved to Monday 6/4); one extension of 30 days ends on 5/5 and
    a second on 4/6, not 6/5 and 5/6."""
    if case.accepted_on is None:
        return None
    limit = case_limit(case, CaseStep.RESOLVE)
    return limit.deadline(case.accepted_on, extra_days=extension_days) if limit else None


def accept_deadline(case) -> dt.date | None:
    """The deadline to accept or refuse, 10 working days instead of 7 for a denunciation that
    needs verification (Luật Tố cáo 2018, Điều 24)."""
    step = CaseStep.ACCEPT_EXTENDED if case.accept_extended else CaseStep.ACCEPT
    limit = case_limit(case, step)
    return limit.deadline(case.received_on) if limit else None


def first_level_end(case) -> dt.date | None:
    """When the first level's time to resolve ends: the resolution deadline once accepted;
    before, the acceptance deadline plus the time to resolve."""
    if case.resolve_due:
        return case.resolve_due
    limit = case_limit(case, CaseStep.RESOLVE)
    if case.accept_due is None or limit is None:
        return None
    return limit.deadline(case.accept_due)


def first_level_lapsed(case, today: dt.date | None = None) -> bool:
    """A first-level complaint still open after its time limit: the complainant may complain
    to the second level without a decision (Luật Khiếu nại 2011, Điều 33)."""
    if case.status not in (CaseStatus.RECEIVED, CaseStatus.ACCEPTED):
        return False
    end = first_level_end(case)
    return bool(end and end < (today or timezone.localdate()))


def filing_warnings(case) -> list[str]:
    """What the law's filing limits say about this complaint (warnings, never refusals)."""
    if case.kind != CaseKind.COMPLAINT:
        return []
    start = case.contested_on if case.level == 1 else case.first_decision_on
    if start is None or case.received_on is None:
        return []
    limit = case_limit(case, CaseStep.FILE)
    if limit is None:
        return []
    end = limit.deadline(start)
    if case.received_on <= end:
        return []
    values = {
        "days": limit.days,
        "date": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
        "basis": limit.legal_basis,
    }
    if case.level == 1:
        message = _(
            "Received after the filing limit: %(days)d days from %(date)s ended on %(end)s "
            "(%(basis)s). Record the excuse (illness, natural disaster, a mission far away…) "
            "if the complainant has one."
        )
    else:
        message = _(
            "Received after the time for a second complaint: %(days)d days from the "
            "first-level decision of %(date)s ended on %(end)s (%(basis)s), unless the "
            "complainant has an excuse the law accepts."
        )
    return [message % values]
