"""Reads of accounts, always scoped by the actor."""

from django.db.models import Prefetch, QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts import access, rules
from danvan.accounts.models import RoleGrant, User
from danvan.audit import selectors as audit_selectors
from danvan.lib.text import search_terms
from danvan.units.models import OrgUnit

UNIT_SEARCH_LIMIT = 50
UNIT_OFFER_LIMIT = 200
STATUS_ACTIVE, STATUS_INACTIVE, STATUS_ALL = "active", "inactive", "all"


def _grants_prefetch() -> Prefetch:
    return Prefetch(
        "grants",
        queryset=RoleGrant.objects.select_related("unit").order_by("unit__path", "role"),
        to_attr="grant_list",
    )


def user_list(actor, *, query: str = "", status: str = STATUS_ACTIVE) -> QuerySet[User]:
    """People whose home unit the actor may see accounts of, matched on folded name/username."""
    qs = access.scope(actor, User.objects.all(), "accounts.view")
    for term in search_terms(query):
        qs = qs.filter(search_folded__contains=term)
    if status == STATUS_ACTIVE:
        qs = qs.filter(is_active=True)
    elif status == STATUS_INACTIVE:
        qs = qs.filter(is_active=False)
    return qs.select_related("home_unit").prefetch_related(_grants_prefetch())


def get_user_for(actor, user_id) -> User:
    """A person the actor may see accounts of; NotFoundError for missing and forbidden alike."""
    qs = User.objects.select_related("home_unit").prefetch_related(_grants_prefetch())
    return access.get_for(actor, qs, user_id, "accounts.view")


def get_grant_for(actor, user: User, grant_id) -> RoleGrant:
    """One of ``user``'s grants, over a unit the actor manages accounts in."""
    qs = access.scope(
        actor, RoleGrant.objects.filter(user=user).select_related("unit", "user"), "accounts.manage"
    )
    return access.get_for(actor, qs, grant_id)


def user_recent_audit(actor, user: User, *, limit: int = 10) -> list:
    return list(audit_selectors.history_for(actor, user)[:limit])


def manageable_units(actor, *, query: str = "") -> list[OrgUnit]:
    """Active units where ``actor`` manages accounts: search results, or the top of the reach.

    Bounded: a national administrator's reach is the whole country, so without a query we
    offer the top units of the reach and their direct children only.
    """
    qs = access.scope(actor, OrgUnit.objects.active(), "accounts.manage").select_related(
        "parent", "unit_type"
    )
    terms = search_terms(query)
    if terms:
        for term in terms:
            qs = qs.filter(name_folded__contains=term)
        qs = qs.order_by("depth", "unit_type__ordering", "name_folded")
        return list(qs[:UNIT_SEARCH_LIMIT])
    prefixes = access.reach(actor, "accounts.manage")
    if not prefixes:
        return []
    if prefixes == ["/"]:
        tops = OrgUnit.objects.filter(parent__isnull=True)
    else:
        tops = OrgUnit.objects.filter(path__in=prefixes)
    top_ids = list(tops.values_list("id", flat=True)[:UNIT_OFFER_LIMIT])
    qs = qs.filter(pk__in=top_ids) | qs.filter(parent_id__in=top_ids)
    return list(qs.order_by("depth", "unit_type__ordering", "name_folded")[:UNIT_OFFER_LIMIT])


def grant_rows(actor, user: User) -> list[tuple[RoleGrant, bool]]:
    """``user``'s grants, each with whether ``actor`` may revoke it."""
    grants = getattr(user, "grant_list", None)
    if grants is None:
        grants = list(user.grants.select_related("unit").order_by("unit__path", "role"))
    return [(grant, rules.may_revoke(actor, grant)) for grant in grants]


def otp_status(user: User) -> dict:
    """Whether ``user`` has two-factor on, and how many backup codes are left."""
    has_totp = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    backup_left = (
        StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
        if has_totp
        else 0
    )
    return {"enabled": has_totp, "backup_codes_left": backup_left}
