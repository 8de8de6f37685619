"""Who acts for a unit, for notices and reminders of cases and voter petitions: the active
holders of a managing role (official, leader, Ban Dân vận officer) granted over the unit, or
over the nearest unit above it that has some (a commune's People's Committee is served by the
commune's people)."""

from danvan.accounts.models import Role, RoleGrant

MANAGING_ROLES = (Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER)


def people_of(path: str, roles=MANAGING_ROLES) -> set[int]:
    """The ids of the people acting for the unit at ``path`` (see the module docstring)."""
    chain = [int(part) for part in path.strip("/").split("/") if part]
    holders: dict[int, set[int]] = {}
    grants = RoleGrant.objects.filter(
        unit_id__in=chain, role__in=roles, user__is_active=True
    ).values_list("unit_id", "user_id")
    for unit_id, user_id in grants:
        holders.setdefault(unit_id, set()).add(user_id)
    for unit_id in reversed(chain):
        if holders.get(unit_id):
            return holders[unit_id]
    return set()
