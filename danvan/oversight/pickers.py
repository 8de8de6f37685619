"""Unit pickers of the oversight forms (``units.pickers.unit_source``):

- ``oversight.issuers``: the units in whose name the actor records oversight work (where they
  hold ``oversight.manage``);
- ``oversight.addressees``: the units those may address a recommendation to, inspect or
  supervise: the subtrees of their nearest territories (a provincial department reaches the
  province's units, a commune body its commune).
"""

from django.db.models import QuerySet

from danvan.accounts import access
from danvan.oversight import rules
from danvan.units.models import OrgUnit
from danvan.units.pickers import unit_source
from danvan.units.selectors import territory_of


def issuer_units(actor) -> QuerySet[OrgUnit]:
    return access.scope(actor, OrgUnit.objects.all(), rules.MANAGE).active()


def reach_paths(actor) -> list[str]:
    """The paths of the territories the actor's managed units reach (nested ones merged)."""
    prefixes = access.reach(actor, rules.MANAGE)
    if prefixes == ["/"]:
        return ["/"]
    units = OrgUnit.objects.filter(path__in=prefixes).select_related("unit_type")
    paths = sorted({territory_of(unit).path for unit in units})
    merged: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in merged):
            merged.append(path)
    return merged


def addressee_units(actor) -> QuerySet[OrgUnit]:
    paths = reach_paths(actor)
    if paths == ["/"]:
        return OrgUnit.objects.active()
    return OrgUnit.objects.active().filter(rules.within("path", paths))


def register() -> None:
    unit_source("oversight.issuers", issuer_units)
    unit_source("oversight.addressees", addressee_units)
