"""Who may read the audit trail: leaders and Ban Tuyên giáo và Dân vận officers, for the units of
their subtree (``audit.view``). Nobody changes it."""

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW = "audit.view"


def register() -> None:
    access.register(VIEW, {Role.BDV_OFFICER, Role.LEADER})
