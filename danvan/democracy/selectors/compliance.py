"""The compliance view of a subtree: what each commune disclosed in a year against the law's
list (Luật 10/2022, Điều 11) — the items that fall due in a year (yearly, quarterly), how many
times each was disclosed, and what was late or posted too short a time.

One grouped query reads the year's disclosures of every commune under the root (the index
``disclosure_year_unit_idx`` on year, unit, item), one query lists the communes; the rest is
arithmetic in Python. Above the province level the rows are rolled up per province; a province
lists its communes (bounded pages).

Expected so far: in a finished year, ``per_year`` times; in the current year, the periods that
have ended (a quarterly item after the second quarter: 2; a yearly item: 0 until the year ends —
it shows as "due by 31/12").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from danvan.accounts import access
from danvan.democracy.models import Audience, Disclosure, DisclosureItem
from danvan.democracy.rules import VIEW
from danvan.units.models import Level, OrgUnit


def expected_to_date(per_year: int, year: int, today: dt.date) -> int:
    if per_year <= 0 or year > today.year:
        return 0
    if year < today.year:
        return per_year
    months_done = today.month - 1  # whole months ended before today's month
    return (per_year * months_done) // 12


@dataclass
class ItemState:
    item: DisclosureItem
    count: int = 0
    late: int = 0
    short: int = 0
    expected: int = 0

    @property
    def missing(self) -> int:
        return max(0, self.expected - self.count)


@dataclass
class CommuneRow:
    unit: OrgUnit
    items: list[ItemState] = field(default_factory=list)
    disclosures: int = 0
    late: int = 0
    short: int = 0

    @property
    def required(self) -> int:
        return sum(1 for s in self.items if s.item.per_year)

    @property
    def complete(self) -> int:
        return sum(1 for s in self.items if s.item.per_year and s.count >= s.item.per_year)

    @property
    def missing_items(self) -> list[ItemState]:
        return [s for s in self.items if s.missing]

    @property
    def is_compliant(self) -> bool:
        return not self.missing_items and not self.late and not self.short


@dataclass
class AreaRow:
    unit: OrgUnit
    communes: int = 0
    compliant: int = 0
    with_missing: int = 0
    disclosures: int = 0
    late: int = 0
    short: int = 0


@dataclass
class Compliance:
    root: OrgUnit
    year: int
    items: list[DisclosureItem]
    communes: list[CommuneRow]
    areas: list[AreaRow]

    @property
    def totals(self) -> dict:
        rows = self.communes
        return {
            "communes": len(rows),
            "compliant": sum(1 for r in rows if r.is_compliant),
            "with_missing": sum(1 for r in rows if r.missing_items),
            "disclosures": sum(r.disclosures for r in rows),
            "late": sum(r.late for r in rows),
            "short": sum(r.short for r in rows),
        }


def communes_under(root: OrgUnit):
    return OrgUnit.objects.active().filter(
        path__startswith=root.path, level=Level.COMMUNE, unit_type__is_territory=True
    )


def compliance(actor, root: OrgUnit, year: int, *, today: dt.date | None = None) -> Compliance:
    """Every commune of ``root``'s subtree for ``year`` (the actor must see ``root``)."""
    access.require(actor, VIEW, root)
    today = today or timezone.localdate()
    the_items = list(DisclosureItem.objects.filter(is_active=True, audience=Audience.COMMUNE))
    communes = list(communes_under(root).only("id", "name", "path", "depth").order_by("path"))
    counts: dict[int, dict[int, tuple[int, int, int]]] = defaultdict(dict)
    rows = Disclosure.objects.filter(year=year)
    if root.parent_id is not None:  # below the country: the communes' own rows, by index
        rows = rows.filter(unit_id__in=[unit.pk for unit in communes])
    rows = (
        rows.values("unit_id", "item_id")
        .annotate(
            n=Count("id"),
            late=Count("id", filter=Q(is_late=True)),
            short=Count("id", filter=Q(is_short=True)),
        )
        .order_by()
    )
    for row in rows:
        counts[row["unit_id"]][row["item_id"]] = (row["n"], row["late"], row["short"])
    commune_rows = []
    for unit in communes:
        found = counts.get(unit.pk, {})
        row = CommuneRow(unit=unit)
        for item in the_items:
            n, late, short = found.get(item.pk, (0, 0, 0))
            row.items.append(
                ItemState(
                    item=item,
                    count=n,
                    late=late,
                    short=short,
                    expected=expected_to_date(item.per_year, year, today),
                )
            )
            row.disclosures += n
            row.late += late
            row.short += short
        commune_rows.append(row)
    return Compliance(
        root=root,
        year=year,
        items=the_items,
        communes=commune_rows,
        areas=_areas(root, commune_rows),
    )


def _areas(root: OrgUnit, rows: list[CommuneRow]) -> list[AreaRow]:
    """Above a province, one row per child area of ``root`` (the provinces of the country)."""
    if root.level not in (Level.CENTRAL,):
        return []
    depth = root.depth + 1
    by_id: dict[int, AreaRow] = {}
    children = {
        u.pk: u
        for u in OrgUnit.objects.filter(parent=root, unit_type__is_territory=True).only(
            "id", "name", "path", "depth"
        )
    }
    for row in rows:
        ids = [int(p) for p in row.unit.path.strip("/").split("/")]
        area_id = ids[depth] if len(ids) > depth else None
        if area_id not in children:
            continue
        area = by_id.setdefault(area_id, AreaRow(unit=children[area_id]))
        area.communes += 1
        area.compliant += row.is_compliant
        area.with_missing += bool(row.missing_items)
        area.disclosures += row.disclosures
        area.late += row.late
        area.short += row.short
    return sorted(by_id.values(), key=lambda a: a.unit.name)
