"""Who acts for a unit: the people a task, a reminder or a request for a plan is sent to.

The active people holding a managing role (official, leader, Ban Dân vận officer) granted
over the unit itself; when nobody holds one there, those of the nearest unit above it that
has some (the commune's officials act for its People's Committee and villages when these have
no accounts of their own). People higher up are not told about every task of every unit
below them: they have the "overdue tasks" page for their whole subtree.
"""

from collections import defaultdict
from collections.abc import Iterable

from danvan.accounts.models import Role, RoleGrant
from danvan.units.models import OrgUnit

MANAGING_ROLES = (Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER)


def _ids_of(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def unit_people(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """User ids to notify for each unit id, in two queries whatever the number of units."""
    unit_ids = set(unit_ids)
    if not unit_ids:
        return {}
    chains = {
        pk: list(reversed(_ids_of(path)))  # the unit first, then up to the root
        for pk, path in OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path")
    }
    wanted = {unit for chain in chains.values() for unit in chain}
    holders: dict[int, set[int]] = defaultdict(set)
    grants = RoleGrant.objects.filter(
        unit_id__in=wanted, role__in=MANAGING_ROLES, user__is_active=True
    ).values_list("unit_id", "user_id")
    for unit_id, user_id in grants:
        holders[unit_id].add(user_id)
    found: dict[int, set[int]] = {}
    for pk, chain in chains.items():
        for unit_id in chain:
            if holders.get(unit_id):
                found[pk] = set(holders[unit_id])
                break
    return found
