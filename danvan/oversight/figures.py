"""Figures periodic reports may pre-fill (``reports.sources``): inspections held by the units of
a subtree over a period (conclusion dated within it), the recommendations they issued, and how
many of those were still open, done or overdue.

A figure counts what the units of ``unit_path``'s subtree issued, whatever its source kind:
- *issued*: date of issue within the period;
- *open at the end*: issued by the end of the period and not closed by then;
- *done*: verified done within the period;
- *overdue at the end*: open at the end of the period with a deadline before it, and not
  answered by then.
"""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.oversight.models import Recommendation, RecommendationStatus


def _issued_by(unit_path: str):
    return Recommendation.objects.filter(issuer__path__startswith=unit_path)


def _open_at(end: dt.date) -> Q:
    return Q(issued_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))


def count_issued(unit_path: str, start: dt.date, end: dt.date) -> int:
    return _issued_by(unit_path).filter(issued_on__gte=start, issued_on__lte=end).count()


def count_open(unit_path: str, start: dt.date, end: dt.date) -> int:
    return _issued_by(unit_path).filter(_open_at(end)).count()


def count_done(unit_path: str, start: dt.date, end: dt.date) -> int:
    return (
        _issued_by(unit_path)
        .filter(status=RecommendationStatus.DONE, closed_on__gte=start, closed_on__lte=end)
        .count()
    )


def count_overdue(unit_path: str, start: dt.date, end: dt.date) -> int:
    not_answered = Q(answered_at__isnull=True) | Q(answered_at__date__gt=end)
    return _issued_by(unit_path).filter(_open_at(end), not_answered, due_date__lt=end).count()


def register() -> None:
    from danvan.oversight.inspections.selectors import count_held
    from danvan.reports import sources

    figures = [
        ("oversight.inspections_held", _("Inspections held (conclusion issued)"), count_held),
        ("oversight.recommendations_issued", _("Recommendations issued"), count_issued),
        (
            "oversight.recommendations_open",
            _("Recommendations issued and still open at the end of the period"),
            count_open,
        ),
        ("oversight.recommendations_done", _("Recommendations carried out (verified)"), count_done),
        (
            "oversight.recommendations_overdue",
            _("Recommendations overdue at the end of the period"),
            count_overdue,
        ),
    ]
    for key, label, compute in figures:
        unit = _("inspections") if key == "oversight.inspections_held" else _("recommendations")
        sources.register(sources.KnownFigure(key=key, label=label, unit=unit, compute=compute))
