"""Reads of the organisation tree, always scoped by the actor."""

from django.db.models import Exists, OuterRef, QuerySet

from danvan.accounts import access
from danvan.lib.text import search_terms
from danvan.units.models import OrgUnit

SEARCH_LIMIT = 50


def _with_children_flag(qs: QuerySet) -> QuerySet:
    return qs.select_related("unit_type", "successor").annotate(
        has_children=Exists(OrgUnit.objects.filter(parent=OuterRef("pk")))
    )


def unit_queryset(actor) -> QuerySet[OrgUnit]:
    return access.scope(actor, OrgUnit.objects.all(), "units.view")


def get_unit_for(actor, unit_id, *, permission: str | None = None) -> OrgUnit:
    return access.get_for(
        actor,
        OrgUnit.objects.select_related("unit_type", "parent", "successor"),
        unit_id,
        permission,
    )


def unit_roots(actor) -> list[OrgUnit]:
    """The top units of the actor's reach: where the tree page starts."""
    paths = access.reach(actor, "units.view")
    if not paths:
        return []
    if paths == ["/"]:
        qs = OrgUnit.objects.filter(parent__isnull=True)
    else:
        qs = OrgUnit.objects.filter(path__in=paths)
    return list(_with_children_flag(qs).order_by("depth", "unit_type__ordering", "name"))


def unit_children(actor, unit: OrgUnit) -> list[OrgUnit]:
    """The children of ``unit`` the actor may see, territories first, in one query."""
    qs = unit_queryset(actor).filter(parent=unit)
    return list(
        _with_children_flag(qs).order_by("-unit_type__is_territory", "unit_type__ordering", "name")
    )


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """Ancestors from the top down, in one query (ids come from the path)."""
    ids = unit.ancestor_ids
    if not ids:
        return []
    by_id = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids).only("id", "name", "path")}
    return [by_id[i] for i in ids if i in by_id]


def unit_search(actor, query: str, *, limit: int = SEARCH_LIMIT, active_only: bool = False):
    """Units whose folded name holds every word of ``query`` ("truong son" → "Xã Trường Sơn")."""
    terms = search_terms(query)
    if not terms:
        return []
    qs = unit_queryset(actor)
    for term in terms:
        qs = qs.filter(name_folded__contains=term)
    if active_only:
        qs = qs.active()
    qs = qs.select_related("unit_type", "parent").order_by("depth", "unit_type__ordering", "name")
    return list(qs[: max(1, min(limit, SEARCH_LIMIT))])
