"""Who acts for a unit in reports: the active officials, leaders and Ban Dân vận officers granted
over the unit itself, or, when nobody is, over the nearest unit above it that has some."""

from collections import defaultdict
from collections.abc import Iterable

from danvan.accounts.models import Role, RoleGrant
from danvan.units.models import OrgUnit

ACTING_ROLES = (Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER)


def _ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def unit_people(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """User ids acting for each unit id, in two queries whatever the number of units."""
    unit_ids = set(unit_ids)
    if not unit_ids:
        return {}
    chains = {
        pk: list(reversed(_ids(path)))
        for pk, path in OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path")
    }
    wanted = {unit for chain in chains.values() for unit in chain}
    holders: dict[int, set[int]] = defaultdict(set)
    for unit_id, user_id in RoleGrant.objects.filter(
        unit_id__in=wanted, role__in=ACTING_ROLES, user__is_active=True
    ).values_list("unit_id", "user_id"):
        holders[unit_id].add(user_id)
    found: dict[int, set[int]] = {}
    for pk, chain in chains.items():
        for unit_id in chain:
            if holders.get(unit_id):
                found[pk] = set(holders[unit_id])
                break
    return found
