"""The one place that decides who may see and do what. Deny by default.

A user holds role grants, each over a subtree of the organisation tree. A permission is a
name ("units.view", "plans.manage") granted to some roles; a user has it on every unit inside
the subtree of a grant whose role carries it. Other apps declare their permissions with
``register`` and their narrow, explicit relations (recipient, assignee, council member) with
``register_relation``; they never decide access themselves.

Every query of domain objects goes through ``scope``; every lookup through ``get_for``,
which answers "not found" for missing and forbidden alike.
"""

from collections.abc import Callable, Iterable
from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet

from danvan.accounts.models import Role
from danvan.core.errors import NotFoundError, PermissionDeniedError
from danvan.lib.paths import path_field, unit_path_of  # noqa: F401  (unit_path_of: re-exported)

ALL_ROLES = frozenset(Role.values)
_PERMISSIONS: dict[str, frozenset[str]] = {}
_RELATIONS: dict[type[Model], list[Callable]] = {}


def register(permission: str, roles: Iterable[str]) -> None:
    """Declare which roles carry ``permission``. Administrators carry every permission."""
    _PERMISSIONS[permission] = frozenset(roles) | {Role.ADMIN}


def register_relation(model: type[Model], rule: Callable) -> None:
    """Add a narrow right: ``rule(actor)`` returns a Q of ``model`` rows the actor may see."""
    _RELATIONS.setdefault(model, []).append(rule)


def permissions() -> dict[str, frozenset[str]]:
    return dict(_PERMISSIONS)


def _authenticated(actor) -> bool:
    return bool(actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active)


def reach(actor, permission: str) -> list[str]:
    """The path prefixes of the subtrees where ``actor`` holds ``permission`` (nested ones merged)."""
    if not _authenticated(actor):
        return []
    if actor.is_superuser:
        return ["/"]
    roles = _PERMISSIONS.get(permission)
    if not roles:
        return []
    paths = sorted({grant.unit.path for grant in actor.active_grants() if grant.role in roles})
    merged: list[str] = []
    for path in paths:  # sorted: a parent path comes before any path inside it
        if not any(path.startswith(kept) for kept in merged):
            merged.append(path)
    return merged


_path_field = path_field


def _view_permission(model: type[Model]) -> str:
    return f"{model._meta.app_label}.view"


def scope(actor, queryset: QuerySet, permission: str | None = None) -> QuerySet:
    """Only the rows of ``queryset`` that ``actor`` may see (or hold ``permission`` on)."""
    model = queryset.model
    permission = permission or _view_permission(model)
    field = _path_field(model)
    prefixes = reach(actor, permission)
    if prefixes == ["/"]:
        return queryset
    conditions = [Q(**{f"{field}__startswith": path}) for path in prefixes]
    if _authenticated(actor) and permission == _view_permission(model):
        conditions += [rule(actor) for rule in _RELATIONS.get(model, [])]
    if not conditions:
        return queryset.none()
    return queryset.filter(reduce(or_, conditions))


def can(actor, permission: str, obj) -> bool:
    """Whether ``actor`` holds ``permission`` on ``obj`` (an OrgUnit or a domain object)."""
    prefixes = reach(actor, permission)
    if prefixes == ["/"]:
        return True
    path = unit_path_of(obj)
    if path and any(path.startswith(prefix) for prefix in prefixes):
        return True
    if permission == _view_permission(type(obj)) and _RELATIONS.get(type(obj)):
        return scope(actor, type(obj).objects.filter(pk=obj.pk), permission).exists()
    return False


def require(actor, permission: str, obj) -> None:
    """Raise NotFoundError if ``obj`` is out of sight, PermissionDeniedError if only seen."""
    if can(actor, permission, obj):
        return
    if permission != _view_permission(type(obj)) and can(actor, _view_permission(type(obj)), obj):
        raise PermissionDeniedError()
    raise NotFoundError()


def get_for(actor, queryset: QuerySet, pk, permission: str | None = None):
    """The object with ``pk`` if ``actor`` may see it; NotFoundError for missing and forbidden."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    obj = scope(actor, queryset).filter(pk=pk).first()
    if obj is None:
        raise NotFoundError()
    if permission:
        require(actor, permission, obj)
    return obj
