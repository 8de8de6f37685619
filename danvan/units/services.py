"""Writes to the organisation tree. Each is atomic, checked by the access module and audited."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import CharField, F, OuterRef, ProtectedError, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.lib.text import fold
from danvan.units import defaults
from danvan.units.models import AgencyTemplate, Level, OrgUnit, UnitType

OFFICIAL_LIST_DATE = dt.date(2025, 7, 1)


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


def _territory_level(parent: OrgUnit | None) -> str:
    """The level an agency placed under ``parent`` works at: that of the nearest territory."""
    if parent is None:
        return Level.CENTRAL
    if parent.unit_type.is_territory:
        return parent.level
    return parent.level or Level.CENTRAL


def _clean_code(official_code: str | None) -> str | None:
    code = (official_code or "").strip()
    return code or None


def _check_code_free(code: str | None, *, exclude_pk: int | None = None) -> None:
    if code and OrgUnit.objects.filter(official_code=code).exclude(pk=exclude_pk).exists():
        raise ConflictError(
            _("Official code %(code)s is already used by another unit.") % {"code": code},
            code="duplicate_code",
            field="official_code",
        )


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
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the unit's name."), field="name")
    if not parent.is_active:
        raise ValidationFailed(
            _("Cannot add a unit under %(parent)s: it is no longer active.") % {"parent": parent},
            field="parent",
        )
    code = _clean_code(official_code)
    _check_code_free(code)
    unit = OrgUnit(
        parent=parent,
        name=name,
        short_name=(short_name or "").strip(),
        unit_type=unit_type,
        level=unit_type.level
        if unit_type.is_territory and unit_type.level
        else _territory_level(parent),
        official_code=code,
        valid_from=valid_from,
    )
    try:
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
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the unit's name."), field="name")
    code = _clean_code(official_code)
    _check_code_free(code, exclude_pk=unit.pk)
    unit.name = name
    unit.short_name = (short_name or "").strip()
    unit.official_code = code
    unit.valid_from = valid_from
    if unit_type is not None:
        unit.unit_type = unit_type
    unit.save()
    audit.record(actor, "unit.updated", unit, before=before, after=audit.snapshot(unit))
    return unit


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
    before = audit.snapshot(unit, ["parent"])
    old_prefix = unit.path
    new_prefix = f"{new_parent.path}{unit.pk}/"
    delta = new_parent.depth + 1 - unit.depth
    OrgUnit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(
            Value(new_prefix),
            Substr("path", len(old_prefix) + 1, Length("path")),
            output_field=CharField(),
        ),
        depth=F("depth") + delta,
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    audit.record(actor, "unit.moved", unit, before=before, after=audit.snapshot(unit, ["parent"]))
    return unit


@transaction.atomic
def unit_deactivate(
    *, actor, unit: OrgUnit, valid_to: dt.date | None = None, successor: OrgUnit | None = None
) -> OrgUnit:
    """End a unit (and its subtree) from ``valid_to``; a merged unit points to its successor.

    Its data stays readable; it just no longer takes new work.
    """
    access.require(actor, "units.manage", unit)
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
    snapshot = audit.snapshot(unit)
    path = unit.path
    try:
        with transaction.atomic():
            unit.delete()
    except ProtectedError as exc:
        raise ConflictError(
            _("%(unit)s still has subordinate units, accounts or records.") % {"unit": unit}
            + " "
            + offer,
            code="has_data",
        ) from exc
    audit.record(actor, "unit.deleted", None, before=snapshot, unit_path=path)


# --- Loading the official administrative divisions -------------------------------------


@dataclass
class LoadResult:
    provinces_created: int = 0
    communes_created: int = 0
    agencies_created: int = 0
    renamed: int = 0

    def __str__(self) -> str:
        return (
            f"provinces +{self.provinces_created}, communes +{self.communes_created}, "
            f"agencies +{self.agencies_created}, renamed {self.renamed}"
        )


def ensure_defaults() -> None:
    """Create the default unit types and agency templates that do not exist yet."""
    existing = set(UnitType.objects.values_list("code", flat=True))
    UnitType.objects.bulk_create(
        UnitType(code=c, name=n, level=lv, is_territory=t, document_format=f, ordering=o)
        for c, n, lv, t, f, o in defaults.UNIT_TYPES
        if c not in existing
    )
    if not AgencyTemplate.objects.exists():
        types = {t.code: t for t in UnitType.objects.all()}
        AgencyTemplate.objects.bulk_create(
            AgencyTemplate(level=lv, unit_type=types[code], name_pattern=pattern, ordering=o)
            for lv, code, pattern, o in defaults.AGENCY_TEMPLATES
        )


def _official_names(name: str, division_type: str, kinds: dict) -> tuple[str, str, str]:
    """("Quảng Trị", "tỉnh") → ("province", "Tỉnh Quảng Trị", "Quảng Trị").

    The package writes some names with their kind ("Xã Trường Sơn", "Thành phố Huế") and some
    without ("Quảng Trị"); we always store the full name and the short one.
    """
    type_code, word = kinds[division_type]
    if name.lower().startswith(word + " "):
        return type_code, name, name[len(word) + 1 :].strip()
    return type_code, f"{word.capitalize()} {name}", name


@transaction.atomic
def units_load_official() -> LoadResult:
    """Load the 34 provinces and 3,321 communes of ``vietnam-provinces`` and their agencies.

    Idempotent: a second run creates nothing; a renamed official unit gets its new name.
    """
    from vietnam_provinces import Province, Ward

    ensure_defaults()
    result = LoadResult()
    types = {t.code: t for t in UnitType.objects.all()}
    nation = OrgUnit.objects.filter(official_code=defaults.NATION_CODE).first()
    if nation is None:
        nation = OrgUnit.objects.create(
            name="Việt Nam",
            short_name="Việt Nam",
            unit_type=types["nation"],
            level=Level.CENTRAL,
            official_code=defaults.NATION_CODE,
        )
        _fill_paths(OrgUnit.objects.filter(pk=nation.pk))
    existing = dict(
        OrgUnit.objects.filter(official_code__isnull=False).values_list("official_code", "name")
    )
    renames: list[tuple[str, str]] = []

    def plan(code: str, name: str, **fields) -> OrgUnit | None:
        if code in existing:
            if existing[code] != name:
                renames.append((code, name))
            return None
        return OrgUnit(official_code=code, name=name, valid_from=OFFICIAL_LIST_DATE, **fields)

    provinces = list(Province.iter_all())
    new_provinces = []
    for p in provinces:
        type_code, name, short = _official_names(
            p.name, p.division_type.value, defaults.PROVINCE_KINDS
        )
        unit = plan(
            f"{int(p.code):02d}",
            name,
            short_name=short,
            unit_type=types[type_code],
            level=Level.PROVINCE,
            parent=nation,
        )
        if unit:
            new_provinces.append(unit)
    _bulk_create_with_paths(new_provinces)
    result.provinces_created = len(new_provinces)

    province_ids = dict(
        OrgUnit.objects.filter(level=Level.PROVINCE, official_code__isnull=False).values_list(
            "official_code", "id"
        )
    )
    new_communes = []
    for w in Ward.iter_all():
        type_code, name, short = _official_names(
            w.name, w.division_type.value, defaults.COMMUNE_KINDS
        )
        unit = plan(
            f"{int(w.code):05d}",
            name,
            short_name=short,
            unit_type=types[type_code],
            level=Level.COMMUNE,
            parent_id=province_ids[f"{int(w.province_code):02d}"],
        )
        if unit:
            new_communes.append(unit)
    _bulk_create_with_paths(new_communes)
    result.communes_created = len(new_communes)

    for code, name in renames:
        unit = OrgUnit.objects.get(official_code=code)
        old = audit.snapshot(unit, ["name"])
        unit.name = name
        unit.save(update_fields=["name", "name_folded", "updated_at"])
        audit.record(None, "unit.renamed_official", unit, before=old, after={"name": name})
    result.renamed = len(renames)
    result.agencies_created = _create_template_agencies()
    return result


def agency_name(pattern: str, territory: OrgUnit) -> str:
    code = territory.unit_type.code
    kind = {
        "province": "tỉnh",
        "central_city": "thành phố",
        "commune": "xã",
        "ward": "phường",
        "special_zone": "đặc khu",
    }.get(code, territory.unit_type.name.lower())
    party = {"province": "Tỉnh ủy", "central_city": "Thành ủy"}.get(code, "Đảng ủy")
    short = territory.short_name or territory.name
    return pattern.format(name=territory.name, short=short, kind=kind, party=party).strip()


def _create_template_agencies() -> int:
    templates = list(AgencyTemplate.objects.filter(is_active=True).select_related("unit_type"))
    if not templates:
        return 0
    done = set(
        OrgUnit.objects.filter(template__isnull=False).values_list("parent_id", "template_id")
    )
    territories = (
        OrgUnit.objects.filter(
            level__in={t.level for t in templates},
            unit_type__is_territory=True,
            official_code__isnull=False,
        )
        .active()
        .select_related("unit_type")
    )
    new = [
        OrgUnit(
            parent_id=territory.pk,
            name=agency_name(template.name_pattern, territory),
            unit_type=template.unit_type,
            level=territory.level,
            template=template,
        )
        for territory in territories.iterator(chunk_size=2000)
        for template in templates
        if template.level == territory.level and (territory.pk, template.pk) not in done
    ]
    _bulk_create_with_paths(new)
    return len(new)


def _bulk_create_with_paths(units: list[OrgUnit]) -> None:
    if not units:
        return
    for unit in units:  # bulk_create skips save(), which keeps the folded name
        unit.name_folded = fold(unit.name)[:200]
    OrgUnit.objects.bulk_create(units, batch_size=2000)
    _fill_paths(OrgUnit.objects.filter(path=""))
