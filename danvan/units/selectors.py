"""Reads of the organisation tree, always scoped by the actor."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from danvan.accounts import access
from danvan.lib.text import search_terms
from danvan.units import defaults
from danvan.units.models import OrgUnit, OrgUnitName, UnitType

SEARCH_LIMIT = 50
SEARCH_LIMIT_MAX = 200


def _with_children_flag(qs: QuerySet) -> QuerySet:
    return qs.select_related("unit_type", "successor").annotate(
        has_children=Exists(OrgUnit.objects.filter(parent=OuterRef("pk")))
    )


def unit_queryset(actor, permission: str = "units.view") -> QuerySet[OrgUnit]:
    return access.scope(actor, OrgUnit.objects.all(), permission)


def get_unit_for(actor, unit_id, *, permission: str | None = None) -> OrgUnit:
    """The unit if ``actor`` may see it (and holds ``permission`` on it); 404 otherwise."""
    return access.get_for(
        actor,
        OrgUnit.objects.select_related("unit_type", "parent", "successor"),
        unit_id,
        permission,
    )


def territory_of(unit: OrgUnit) -> OrgUnit:
    """The unit itself if it is a territory, else the nearest territory above it (the commune
    of a commune's People's Committee, the province of a department); the unit itself if there
    is none."""
    if unit.unit_type.is_territory:
        return unit
    nearest = (
        OrgUnit.objects.filter(pk__in=unit.ancestor_ids, unit_type__is_territory=True)
        .order_by("-depth")
        .first()
    )
    return nearest or unit


def unit_roots(actor) -> list[OrgUnit]:
    """The top units of the actor's reach: where the tree page starts."""
    paths = access.reach(actor, "units.view")
    if not paths:
        return []
    if paths == ["/"]:
        qs = OrgUnit.objects.filter(parent__isnull=True)
    else:
        qs = OrgUnit.objects.filter(path__in=paths)
    return list(_with_children_flag(qs).order_by("depth", "unit_type__ordering", "name_folded"))


def unit_children(actor, unit: OrgUnit) -> list[OrgUnit]:
    """The children of ``unit`` the actor may see, territories first, in one query."""
    qs = unit_queryset(actor).filter(parent=unit)
    return list(
        _with_children_flag(qs).order_by(
            "-unit_type__is_territory", "unit_type__ordering", "name_folded"
        )
    )


def unit_predecessors(actor, unit: OrgUnit) -> list[OrgUnit]:
    """Units merged into ``unit`` (they name it as their successor) that the actor may see."""
    return list(unit_queryset(actor).filter(successor=unit).order_by("name_folded"))


def name_on(unit: OrgUnit, day: dt.date | None) -> str:
    """The unit's name as it was on ``day``: a former name whose span covers the day, else
    the current name (also when ``day`` is None, a document not dated yet).

    A plan of the Ban Dân vận Tỉnh ủy dated 15/9/2022 prints "Ban Dân vận Tỉnh ủy …", the
    same unit's plan of 2026 "Ban Tuyên giáo và Dân vận Tỉnh ủy …" (Kết luận 121-KL/TW).
    Reads ``unit.former_names`` (prefetch it for many units).
    """
    if day is None:
        return unit.name
    for former in unit.former_names.all():
        if former.covers(day):
            return former.name
    return unit.name


def short_name_on(unit: OrgUnit, day: dt.date | None) -> str:
    """The short name on ``day`` (the current one when no former name covers it)."""
    if day is not None:
        for former in unit.former_names.all():
            if former.covers(day):
                return former.short_name or former.name
    return unit.short_name or unit.name


def unit_former_names(unit: OrgUnit) -> list[OrgUnitName]:
    """The names the unit carried before its current one, the latest first."""
    return list(unit.former_names.order_by("-valid_to"))


def unit_ancestors(unit: OrgUnit, actor=None) -> list[OrgUnit]:
    """Ancestors from the top down, in one query (ids come from the path).

    With ``actor``, each ancestor carries ``visible``: whether the actor may open it (an
    official of a commune sees the province's name in the breadcrumbs but cannot open it).
    """
    ids = unit.ancestor_ids
    if not ids:
        return []
    by_id = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids).only("id", "name", "path")}
    ancestors = [by_id[i] for i in ids if i in by_id]
    for ancestor in ancestors:
        ancestor.visible = actor is not None and access.can(actor, "units.view", ancestor)
    return ancestors


def unit_search_queryset(actor, query: str, *, permission: str = "units.view") -> QuerySet[OrgUnit]:
    """Units whose folded name holds every word of ``query`` ("truong son" → "Xã Trường Sơn").

    Unordered and unbounded: callers order and slice (or paginate) it. A query with no
    letter or digit finds nothing.
    """
    terms = search_terms(query)
    if not terms:
        return OrgUnit.objects.none()
    qs = unit_queryset(actor, permission)
    for term in terms:
        qs = qs.filter(name_folded__contains=term)
    return qs


def unit_search(
    actor,
    query: str,
    *,
    limit: int = SEARCH_LIMIT,
    active_only: bool = False,
    permission: str = "units.view",
    exclude_subtree_of: OrgUnit | None = None,
) -> list[OrgUnit]:
    """The first ``limit`` matches of ``query``, the highest in the tree first.

    ``permission`` narrows the result to units the actor holds it on (the chooser of a new
    parent offers only units the actor may manage).
    """
    if not search_terms(query):
        return []
    qs = unit_search_queryset(actor, query, permission=permission)
    if active_only:
        qs = qs.active()
    if exclude_subtree_of is not None:
        qs = qs.exclude(path__startswith=exclude_subtree_of.path)
    # Ids first, rows after: the database can stop at the limit instead of sorting every
    # match of a common word with all its joined columns (bench/units.py: 3.6x on "thon").
    ordered = qs.order_by("depth", "unit_type__ordering", "name_folded", "id")
    ids = list(ordered.values_list("id", flat=True)[: max(1, min(limit, SEARCH_LIMIT_MAX))])
    rows = OrgUnit.objects.select_related("unit_type", "parent").in_bulk(ids)
    return [rows[i] for i in ids]


def unit_types_for(parent: OrgUnit | None) -> QuerySet[UnitType]:
    """The unit types that may be placed under ``parent``: every agency type, and territories
    of a deeper level (villages under a commune, communes under a province)."""
    if parent is None:
        return UnitType.objects.all()
    parent_rank = defaults.LEVEL_RANK.get(parent.level, 0)
    deeper = [level for level, rank in defaults.LEVEL_RANK.items() if rank > parent_rank]
    return UnitType.objects.filter(
        Q(is_territory=False) | Q(is_territory=True, level__in=deeper)
    ).order_by("-is_territory", "ordering", "name")
