"""Who may see and change the organisation tree.

- ``units.view`` (every role): the units of one's subtree (and their ancestors' names);
- ``units.manage`` (Ban Tuyên giáo và Dân vận officers, administrators): add, rename, move and
  close units inside their subtree.
"""

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW, MANAGE = "units.view", "units.manage"


def register() -> None:
    access.register(VIEW, access.ALL_ROLES)
    access.register(MANAGE, {Role.BDV_OFFICER})
