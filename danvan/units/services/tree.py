"""Writes to the organisation tree. Each is atomic, checked by the access module and audited."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Max, OuterRef, ProtectedError, Subquery, Value
from django.db.models.deletion import RestrictedError
from django.db.models.functions import Cast, Coalesce, Concat, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.units import defaults
from danvan.units.models import Level, OrgUnit, UnitType

NAME_MAX = OrgUnit._meta.get_field("name").max_length
SHORT_NAME_MAX = OrgUnit._meta.get_field("short_name").max_length
CODE_MAX = OrgUnit._meta.get_field("official_code").max_length
PATH_MAX = OrgUnit._meta.get_field("path").max_length


def _fill_paths(queryset) -> int:
    """Set path and depth of units whose parents already have theirs, in one UPDATE."""
    parents = OrgUnit.objects.filter(pk=OuterRef("parent_id"))
    return queryset.update(
        path=Concat(
            Coalesce(Subquery(parents.values("path")[:1]), Value("/")),
            Cast("id", CharField()),
            Value("/"),
            output_field=CharField(),
        ),
        depth=Coalesce(Subquery(parents.values("depth")[:1]) + 1, Value(0)),
    )


def _reparent(unit: OrgUnit, new_parent: OrgUnit) -> None:
    """Put ``unit`` and its subtree under ``new_parent``: the paths and depths in one UPDATE.

    No checks and no audit: callers (``unit_move``, the loader) do those.
    """
    old_prefix = unit.path
    new_prefix = f"{new_parent.path}{unit.pk}/"
    OrgUnit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(
            Value(new_prefix),
            Substr("path", len(old_prefix) + 1, Length("path")),
            output_field=CharField(),
        ),
        depth=F("depth") + (new_parent.depth + 1 - unit.depth),
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.parent_id, unit.path, unit.depth = new_parent.pk, new_prefix, new_parent.depth + 1


def _territory_level(parent: OrgUnit | None) -> str:
    """The level an agency placed under ``parent`` works at: that of the nearest territory."""
    if parent is None:
        return Level.CENTRAL
    return parent.level or Level.CENTRAL


def _level_for(unit_type: UnitType, parent: OrgUnit | None) -> str:
    """A territory has the level of its type; an agency that of the territory it sits in."""
    if unit_type.is_territory and unit_type.level:
        return unit_type.level
    return _territory_level(parent)


def _check_type_fits(unit_type: UnitType, parent: OrgUnit | None, *, field: str) -> None:
    """A territory only goes under a shallower one: a village under a commune, not the reverse."""
    if not unit_type.is_territory or parent is None:
        return
    rank = defaults.LEVEL_RANK.get(unit_type.level)
    if rank is None or rank <= defaults.LEVEL_RANK.get(_territory_level(parent), 0):
        raise ValidationFailed(
            _("A unit of type “%(type)s” cannot be placed under %(parent)s.")
            % {"type": unit_type.name, "parent": parent.name},
            code="type_not_allowed",
            field=field,
        )


def _clean_text(value: str | None, *, max_length: int, field: str) -> str:
    text = " ".join((value or "").split())
    if len(text) > max_length:
        raise ValidationFailed(
            _("This text is too long (at most %(max)d characters).") % {"max": max_length},
            field=field,
        )
    return text


def _clean_name(name: str | None) -> str:
    name = _clean_text(name, max_length=NAME_MAX, field="name")
    if not name:
        raise ValidationFailed(_("Enter the unit's name."), field="name")
    return name


def _clean_code(official_code: str | None) -> str | None:
    return _clean_text(official_code, max_length=CODE_MAX, field="official_code") or None


def _check_code_free(code: str | None, *, exclude_pk: int | None = None) -> None:
    if code and OrgUnit.objects.filter(official_code=code).exclude(pk=exclude_pk).exists():
        raise ConflictError(
            _("Official code %(code)s is already used by another unit.") % {"code": code},
            code="duplicate_code",
            field="official_code",
        )


def _relevel_agencies(unit: OrgUnit) -> None:
    """Give the agencies inside ``unit`` the level of ``unit`` (their nearest territory).

    Called when the level of ``unit`` changed; agencies below a territory inside the
    subtree keep the level of that territory.
    """
    inside = OrgUnit.objects.subtree_of(unit, include_self=False)
    qs = inside.filter(unit_type__is_territory=False).exclude(level=unit.level)
    for path in inside.filter(unit_type__is_territory=True).values_list("path", flat=True):
        qs = qs.exclude(path__startswith=path)
    qs.update(level=unit.level)


@transaction.atomic
def unit_create(
    *,
    actor,
    parent: OrgUnit,
    name: str,
    unit_type: UnitType,
    short_name: str = "",
    official_code: str | None = None,
    valid_from: dt.date | None = None,
) -> OrgUnit:
    access.require(actor, "units.manage", parent)
    name = _clean_name(name)
    short_name = _clean_text(short_name, max_length=SHORT_NAME_MAX, field="short_name")
    if not parent.is_active:
        raise ValidationFailed(
            _("Cannot add a unit under %(parent)s: it is no longer active.") % {"parent": parent},
            field="parent",
        )
    if len(parent.path) > PATH_MAX - 21:
        raise ValidationFailed(_("The tree is too deep at this point."), field="parent")
    _check_type_fits(unit_type, parent, field="unit_type")
    code = _clean_code(official_code)
    _check_code_free(code)
    unit = OrgUnit(
        parent=parent,
        name=name,
        short_name=short_name,
        unit_type=unit_type,
        level=_level_for(unit_type, parent),
        official_code=code,
        valid_from=valid_from,
    )
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:  # a concurrent insert of the same code
        raise ConflictError(field="official_code") from exc
    _fill_paths(OrgUnit.objects.filter(pk=unit.pk))
    unit.refresh_from_db(fields=["path", "depth"])
    audit.record(actor, "unit.created", unit, after=audit.snapshot(unit))
    return unit


@transaction.atomic
def unit_update(
    *,
    actor,
    unit: OrgUnit,
    name: str,
    short_name: str = "",
    unit_type: UnitType | None = None,
    official_code: str | None = None,
    valid_from: dt.date | None = None,
) -> OrgUnit:
    access.require(actor, "units.manage", unit)
    before = audit.snapshot(unit)
    name = _clean_name(name)
    short_name = _clean_text(short_name, max_length=SHORT_NAME_MAX, field="short_name")
    code = _clean_code(official_code)
    if code != unit.official_code and _code_is_official(unit):
        # load_units finds units by these codes: a changed code would make it create the unit
        # again. The official list itself renames units (load_units applies the new names).
        raise ValidationFailed(
            _(
                "The official code of an administrative unit comes from the official list and "
                "cannot be changed here."
            ),
            code="official_code_locked",
            field="official_code",
        )
    _check_code_free(code, exclude_pk=unit.pk)
    if valid_from and unit.valid_to and valid_from >= unit.valid_to:
        raise ValidationFailed(
            _("The start date must be before the unit's end date (%(date)s).")
            % {"date": unit.valid_to.strftime("%d/%m/%Y")},
            field="valid_from",
        )
    old_level = unit.level
    if unit_type is not None and unit_type.pk != unit.unit_type_id:
        _check_type_fits(unit_type, unit.parent, field="unit_type")
        unit.unit_type = unit_type
        unit.level = _level_for(unit_type, unit.parent)
    unit.name = name
    unit.short_name = short_name
    unit.official_code = code
    unit.valid_from = valid_from
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:
        raise ConflictError(field="official_code") from exc
    if unit.level != old_level:
        _relevel_agencies(unit)
    audit.record(actor, "unit.updated", unit, before=before, after=audit.snapshot(unit))
    return unit


def _code_is_official(unit: OrgUnit) -> bool:
    """A nation, province or commune code: those come from the official list."""
    return (
        bool(unit.official_code)
        and unit.unit_type.is_territory
        and unit.level
        in {
            Level.CENTRAL,
            Level.PROVINCE,
            Level.COMMUNE,
        }
    )


@transaction.atomic
def unit_move(*, actor, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move ``unit`` and its whole subtree under ``new_parent`` (one UPDATE)."""
    access.require(actor, "units.manage", unit)
    access.require(actor, "units.manage", new_parent)
    if unit.parent_id is None:
        raise ValidationFailed(_("The top of the tree cannot be moved."), field="parent")
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationFailed(
            _("A unit cannot be moved under itself or one of its own subordinate units."),
            code="cycle",
            field="parent",
        )
    if not new_parent.is_active:
        raise ValidationFailed(
            _("Cannot move under %(parent)s: it is no longer active.") % {"parent": new_parent},
            field="parent",
        )
    if new_parent.pk == unit.parent_id:
        return unit
    _check_type_fits(unit.unit_type, new_parent, field="parent")
    old_prefix = unit.path
    new_prefix = f"{new_parent.path}{unit.pk}/"
    longest = OrgUnit.objects.subtree_of(unit).aggregate(m=Max(Length("path")))["m"] or 0
    if longest - len(old_prefix) + len(new_prefix) > PATH_MAX:
        raise ValidationFailed(_("The tree is too deep at this point."), field="parent")
    before = audit.snapshot(unit, ["parent", "level"])
    _reparent(unit, new_parent)
    new_level = _level_for(unit.unit_type, new_parent)
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent, level=new_level)
    unit.refresh_from_db()
    if before["level"] != new_level:
        _relevel_agencies(unit)
    audit.record(
        actor,
        "unit.moved",
        unit,
        before=before,
        after=audit.snapshot(unit, ["parent", "level"]),
    )
    return unit


@transaction.atomic
def unit_deactivate(
    *, actor, unit: OrgUnit, valid_to: dt.date | None = None, successor: OrgUnit | None = None
) -> OrgUnit:
    """End a unit (and its subtree) from ``valid_to``; a merged unit points to its successor.

    Its data stays readable; it just no longer takes new work.
    """
    access.require(actor, "units.manage", unit)
    if unit.parent_id is None:
        raise ValidationFailed(_("The top of the tree cannot be deactivated."), field="valid_to")
    if not unit.is_active and unit.valid_to is not None:
        raise ValidationFailed(
            _("This unit has already been inactive since %(date)s.")
            % {"date": unit.valid_to.strftime("%d/%m/%Y")},
            code="already_inactive",
            field="valid_to",
        )
    valid_to = valid_to or timezone.localdate()
    if unit.valid_from and valid_to <= unit.valid_from:
        raise ValidationFailed(
            _("The end date must be after the unit's start date (%(date)s).")
            % {"date": unit.valid_from.strftime("%d/%m/%Y")},
            field="valid_to",
        )
    if successor is not None:
        access.require(actor, "units.view", successor)
        if successor.path.startswith(unit.path):
            raise ValidationFailed(
                _("The successor cannot be the unit itself or one of its subordinate units."),
                code="cycle",
                field="successor",
            )
        if not successor.is_active:
            raise ValidationFailed(_("The successor unit is no longer active."), field="successor")
    before = audit.snapshot(unit, ["valid_to", "successor"])
    OrgUnit.objects.subtree_of(unit).filter(valid_to__isnull=True).update(valid_to=valid_to)
    OrgUnit.objects.filter(pk=unit.pk).update(valid_to=valid_to, successor=successor)
    unit.refresh_from_db()
    audit.record(
        actor,
        "unit.deactivated",
        unit,
        before=before,
        after=audit.snapshot(unit, ["valid_to", "successor"]),
    )
    return unit


def _data_held_by(unit: OrgUnit) -> list[str]:
    """What still points at ``unit`` (subordinate units, accounts, any app's records).

    Every relation is checked whatever its ``on_delete``: deleting must never cascade
    into someone's data.
    """
    held = []
    for rel in OrgUnit._meta.related_objects:
        model = rel.related_model
        if model._base_manager.filter(**{rel.field.name: unit}).exists():
            name = str(model._meta.verbose_name_plural)
            if name not in held:
                held.append(name)
    return held


@transaction.atomic
def unit_delete(*, actor, unit: OrgUnit) -> None:
    """Delete a unit created by mistake. A unit with data, or an official one, is refused."""
    access.require(actor, "units.manage", unit)
    offer = _("Deactivate it instead: its history stays readable.")
    if unit.official_code:
        raise ConflictError(
            _("An official administrative unit cannot be deleted.") + " " + offer, code="has_data"
        )
    if unit.parent_id is None:
        raise ConflictError(_("The top of the tree cannot be deleted."), code="has_data")
    held = _data_held_by(unit)
    if held:
        raise ConflictError(
            _("%(unit)s cannot be deleted: it still has %(things)s.")
            % {"unit": unit.name, "things": ", ".join(held)}
            + " "
            + offer,
            code="has_data",
        )
    audit.record(actor, "unit.deleted", unit, before=audit.snapshot(unit))
    try:
        with transaction.atomic():
            unit.delete()
    except (ProtectedError, RestrictedError) as exc:  # data added since the check above
        raise ConflictError(
            _("%(unit)s still has subordinate units, accounts or records.") % {"unit": unit.name}
            + " "
            + offer,
            code="has_data",
        ) from exc
