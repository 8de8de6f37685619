"""Loading the official administrative divisions (``manage.py load_units``). Idempotent."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from danvan.audit import services as audit
from danvan.lib.text import fold
from danvan.units import defaults
from danvan.units.models import AgencyTemplate, Level, OrgUnit, UnitType
from danvan.units.services.tree import _fill_paths

OFFICIAL_LIST_DATE = dt.date(2025, 7, 1)


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
