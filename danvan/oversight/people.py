"""Who acts for a unit: the people a recommendation, its reminders and its answers are sent to.

The active people holding an acting role (official, leader, Ban Dân vận officer) granted over
the unit itself; when nobody holds one there, those of the nearest unit above it that has some
(a commune's officials act for its People's Committee when the committee has no accounts).

The same rule as ``plans.people`` and ``reports.people``; domain apps do not import each other,
so it lives here too until the platform offers it (see the report of issue 18).
"""

from collections import defaultdict
from collections.abc import Iterable

from danvan.accounts.models import Role, RoleGrant
from danvan.units.models import OrgUnit

ACTING_ROLES = (Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER)


def _ids_of(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def unit_people(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """User ids acting for each unit id, in two queries whatever the number of units."""
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
        unit_id__in=wanted, role__in=ACTING_ROLES, user__is_active=True
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


def people_of(unit_id: int) -> set[int]:
    return unit_people({unit_id}).get(unit_id, set())
