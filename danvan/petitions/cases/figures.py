"""The report figures of cases (danvan.reports.sources): received, resolved, resolved on time,
counted in a unit's subtree over a period whatever the person asking."""

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import Case, CaseStatus

CHUNK = 50


def _received(path: str, start: dt.date, end: dt.date) -> Q:
    return Q(unit_path__startswith=path, received_on__gte=start, received_on__lte=end)


def _resolved(path: str, start: dt.date, end: dt.date) -> Q:
    return Q(
        unit_path__startswith=path,
        status=CaseStatus.RESOLVED,
        closed_on__gte=start,
        closed_on__lte=end,
    )


def _on_time(path: str, start: dt.date, end: dt.date) -> Q:
    return _resolved(path, start, end) & Q(resolved_on_time=True)


def _one(condition):
    def compute(unit_path: str, start: dt.date, end: dt.date) -> int:
        return Case.objects.filter(condition(unit_path, start, end)).count()

    return compute


def _many(condition):
    def compute_many(unit_paths: list[str], start: dt.date, end: dt.date) -> dict[str, int]:
        result: dict[str, int] = {}
        paths = list(dict.fromkeys(unit_paths))
        for i in range(0, len(paths), CHUNK):
            chunk = paths[i : i + CHUNK]
            row = Case.objects.aggregate(
                **{
                    f"p{n}": Count("pk", filter=condition(path, start, end))
                    for n, path in enumerate(chunk)
                }
            )
            result.update({path: row[f"p{n}"] or 0 for n, path in enumerate(chunk)})
        return result

    return compute_many


def register() -> None:
    from danvan.reports import sources

    for key, label, condition in (
        ("petitions.cases_received", _("Cases received"), _received),
        ("petitions.cases_resolved", _("Cases resolved"), _resolved),
        ("petitions.cases_resolved_on_time", _("Cases resolved on time"), _on_time),
    ):
        sources.register(
            sources.KnownFigure(
                key=key,
                label=label,
                unit=_("cases"),
                compute=_one(condition),
                compute_many=_many(condition),
            )
        )
