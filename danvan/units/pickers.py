"""Unit pickers: what an action lets a user pick, found by typing part of the name.

``unit_source(name, queryset)`` builds a :class:`~danvan.core.pickers.PickerSource` over units:
the typed words are matched against the folded name ("kim phu" finds "Xã Kim Phú"), the highest
units in the tree come first, and each unit is labelled with where it sits
("Xã Kim Phú · Tỉnh Quảng Trị") so two communes of the same name in two provinces are told
apart. Apps register their own sources (the competent bodies a case may be forwarded to, the
units a province plan may assign…) in their ``hooks.register()``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from danvan.core.pickers import PickerSource, register
from danvan.units.models import OrgUnit
from danvan.units.selectors import unit_queryset

SEPARATOR = " · "


def unit_labels(units: list[OrgUnit]) -> list[str]:
    """Each unit's name followed by its ancestors' names up to (not including) the country."""
    ids = {i for unit in units for i in unit.ancestor_ids}
    names = dict(OrgUnit.objects.filter(pk__in=ids, depth__gt=0).values_list("pk", "name"))
    labels = []
    for unit in units:
        above = [names[i] for i in reversed(unit.ancestor_ids) if i in names]
        labels.append(SEPARATOR.join([unit.name, *above]))
    return labels


def unit_label(unit: OrgUnit) -> str:
    return unit_labels([unit])[0]


def _search(qs: QuerySet, terms: list[str]) -> QuerySet:
    for term in terms:
        qs = qs.filter(name_folded__contains=term)
    return qs


def unit_source(name: str, queryset: Callable[[object], QuerySet]) -> PickerSource:
    """A picker over the units ``queryset(actor)`` allows, registered under ``name``."""
    source = PickerSource(
        name=name,
        queryset=queryset,
        search=_search,
        label=unit_label,
        labels=unit_labels,
        ordering=("depth", "unit_type__ordering", "name_folded", "id"),
    )
    register(source)
    return source


def register_defaults() -> None:
    # Every active unit the user may see.
    unit_source("units.visible", lambda actor: unit_queryset(actor).active())
    # Every active unit the user may manage (parents for a new unit, targets of a move).
    unit_source("units.managed", lambda actor: unit_queryset(actor, "units.manage").active())
