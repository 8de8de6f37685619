"""Account-management rules built on the access module, shared by services and selectors.

``access`` decides who holds which permission over which units; these rules add what is
particular to accounts: a manager may change a person only if every right the person holds
is the manager's to give.
"""

from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import Role, RoleGrant, User
from danvan.core.errors import DomainError, PermissionDeniedError


def require_manage_user(actor: User, user: User) -> None:
    """NotFoundError if ``user`` is out of sight, PermissionDeniedError if not ``actor``'s to change.

    Without the grant check a province officer could take over a national administrator whose
    home unit happens to lie in the province (by changing the e-mail the password link goes to).
    """
    access.require(actor, "accounts.manage", user)
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDeniedError(_("Only a superuser can change a superuser's account."))
    for grant in user.active_grants():
        if not access.can(actor, "accounts.manage", grant.unit):
            raise PermissionDeniedError(
                _(
                    "This person holds a role over %(unit)s, outside the units you manage. "
                    "Ask an administrator of that unit."
                )
                % {"unit": grant.unit}
            )
        if grant.role == Role.ADMIN and not access.can(actor, "accounts.grant_admin", grant.unit):
            raise PermissionDeniedError(
                _("Only an administrator can change the account of another administrator.")
            )


def may_manage_user(actor: User, user: User) -> bool:
    try:
        require_manage_user(actor, user)
    except DomainError:
        return False
    return True


def may_revoke(actor: User, grant: RoleGrant) -> bool:
    """Whether ``actor`` may revoke ``grant`` (the service checks the same, and more)."""
    if grant.user_id == actor.pk or not access.can(actor, "accounts.manage", grant.unit):
        return False
    return grant.role != Role.ADMIN or access.can(actor, "accounts.grant_admin", grant.unit)


def register() -> None:
    """The account permissions (called from hooks.register)."""
    access.register("accounts.view", {Role.BDV_OFFICER, Role.LEADER})
    access.register("accounts.manage", {Role.BDV_OFFICER})
    # Granting or revoking the administrator role: administrators only (``register`` always
    # adds the administrator role), over the units where they hold it.
    access.register("accounts.grant_admin", ())
