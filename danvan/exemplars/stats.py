"""The summary table ``UnitYearStat``: one unit's row recomputed after a change, or the whole
table (a year, or every year) rebuilt by the periodic job."""

from django.db import transaction
from django.db.models import Count, Q

from danvan.exemplars.models import (
    RECOGNISED_STATUSES,
    REGISTERED_STATUSES,
    Exemplar,
    Field,
    Kind,
    Origin,
    Status,
    UnitYearStat,
)

COUNTS = {
    "registered": Q(),
    "new": Q(origin=Origin.NEW),
    "replicated": Q(origin=Origin.REPLICATED),
    "recognised": Q(status__in=RECOGNISED_STATUSES),
    "commended": Q(status=Status.COMMENDED),
    **{f"f_{value}": Q(field=value) for value in Field.values},
    **{f"k_{value}": Q(kind=value) for value in Kind.values},
}
FIELD_COLUMNS = [f"f_{value}" for value in Field.values]
KIND_COLUMNS = [f"k_{value}" for value in Kind.values]


def _grouped(qs):
    return (
        qs.filter(status__in=REGISTERED_STATUSES)
        .order_by()
        .values("unit_id", "unit__path", "unit__level", "year")
        .annotate(**{name: Count("id", filter=q) for name, q in COUNTS.items()})
    )


def _row(values: dict) -> UnitYearStat:
    return UnitYearStat(
        unit_id=values["unit_id"],
        unit_path=values["unit__path"],
        level=values["unit__level"],
        year=values["year"],
        **{name: values[name] for name in COUNTS},
    )


def refresh_unit_year(unit_id: int, year: int) -> None:
    """Recompute one unit's row for one year (a few rows read through an index)."""
    found = list(_grouped(Exemplar.objects.filter(unit_id=unit_id, year=year)))
    UnitYearStat.objects.filter(unit_id=unit_id, year=year).delete()
    if found:
        _row(found[0]).save()


@transaction.atomic
def refresh_all(year: int | None = None, *, batch_size: int = 5000) -> int:
    """Rebuild the table (for ``year`` or every year); returns the rows written."""
    qs = Exemplar.objects.all()
    stats = UnitYearStat.objects.all()
    if year is not None:
        qs, stats = qs.filter(year=year), stats.filter(year=year)
    stats.delete()
    written = 0
    batch: list[UnitYearStat] = []
    for values in _grouped(qs).iterator(chunk_size=batch_size):
        batch.append(_row(values))
        if len(batch) >= batch_size:
            UnitYearStat.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    if batch:
        UnitYearStat.objects.bulk_create(batch)
        written += len(batch)
    return written
