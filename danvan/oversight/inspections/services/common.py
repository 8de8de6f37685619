"""Checks every inspection service shares (see ``oversight.checks``), and open inspections."""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.core.errors import ConflictError
from danvan.oversight.checks import EARLIEST_YEAR  # noqa: F401
from danvan.oversight.checks import check_date as _date
from danvan.oversight.checks import check_period as _period
from danvan.oversight.checks import check_units_in_reach as _check_units_in_reach
from danvan.oversight.checks import not_future as _not_future
from danvan.oversight.checks import require as _require
from danvan.oversight.models import Inspection

TEXT_MAX = 20_000
LINE_MAX = 300
MAX_PLAN_DAYS = 3 * 366
MAX_INSPECTION_DAYS = 366

__all__ = [
    "LINE_MAX",
    "MAX_INSPECTION_DAYS",
    "MAX_PLAN_DAYS",
    "TEXT_MAX",
    "_check_units_in_reach",
    "_date",
    "_not_future",
    "_period",
    "_require",
    "_require_open",
]


def _require_open(inspection: Inspection) -> None:
    if inspection.is_concluded:
        raise ConflictError(
            _("This inspection is concluded: it can no longer be changed."), code="concluded"
        )
