"""Who acts for a village or a commune in grassroots democracy: the active officials, leaders and
Ban Dân vận officers granted over the unit itself (the village head over the village), or, when
nobody is, over the nearest unit above it that has some (the commune's officials).

The same rule as ``reports.people`` and ``oversight.people``: domain apps do not import each
other, so each keeps this small copy until the platform offers it.
"""

from collections import defaultdict

from danvan.accounts.models import Role, RoleGrant
from danvan.units.models import OrgUnit

ACTING_ROLES = (Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER)


def people_of(unit: OrgUnit) -> set[int]:
    chain = list(reversed([int(part) for part in unit.path.strip("/").split("/") if part]))
    holders: dict[int, set[int]] = defaultdict(set)
    for unit_id, user_id in RoleGrant.objects.filter(
        unit_id__in=chain, role__in=ACTING_ROLES, user__is_active=True
    ).values_list("unit_id", "user_id"):
        holders[unit_id].add(user_id)
    for unit_id in chain:
        if holders.get(unit_id):
            return set(holders[unit_id])
    return set()
