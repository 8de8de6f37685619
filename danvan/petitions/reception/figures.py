"""Report figures of citizen reception (danvan/reports/sources.py contract):
``petitions.reception_sessions`` and ``petitions.citizens_received``, counted over a unit's
subtree for sessions held from ``start`` to ``end`` inclusive."""

import datetime as dt

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from danvan.reports import sources


def _held(start: dt.date, end: dt.date):
    from danvan.petitions.models import ReceptionSession

    return ReceptionSession.objects.filter(held_on__gte=start, held_on__lte=end)


def sessions_held(unit_path: str, start: dt.date, end: dt.date) -> int:
    return _held(start, end).filter(unit__path__startswith=unit_path).count()


def citizens_received(unit_path: str, start: dt.date, end: dt.date) -> int:
    total = (
        _held(start, end)
        .filter(unit__path__startswith=unit_path)
        .aggregate(total=Sum("citizens"))["total"]
    )
    return int(total or 0)


def _many(aggregate):
    """{path: figure} for many units: one grouped query by session unit, summed per prefix."""

    def compute_many(unit_paths: list[str], start: dt.date, end: dt.date) -> dict[str, int]:
        result = {path: 0 for path in unit_paths}
        if not unit_paths:
            return result
        rows = (
            _held(start, end)
            .order_by()
            .values("unit__path")
            .annotate(value=aggregate)
            .values_list("unit__path", "value")
        )
        for session_path, value in rows:
            # every ancestor prefix of the session's unit ("/1/", "/1/5/", …) that was asked
            for end in range(1, len(session_path)):
                if session_path[end - 1] == "/" and session_path[:end] in result:
                    result[session_path[:end]] += int(value or 0)
            if session_path in result:
                result[session_path] += int(value or 0)
        return result

    return compute_many


def register() -> None:
    sources.register(
        sources.KnownFigure(
            key="petitions.reception_sessions",
            label=_("Citizen reception sessions held"),
            unit=_("sessions"),
            compute=sessions_held,
            compute_many=_many(Count("id")),
        )
    )
    sources.register(
        sources.KnownFigure(
            key="petitions.citizens_received",
            label=_("Citizens received at reception sessions"),
            unit=_("people"),
            compute=citizens_received,
            compute_many=_many(Sum("citizens")),
        )
    )
