"""Loading the official administrative divisions (``manage.py load_units``). Idempotent."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from danvan.audit import services as audit
from danvan.lib.text import fold
from danvan.units import defaults
from danvan.units.models import AgencyTemplate, Level, OrgUnit, OrgUnitName, UnitType
from danvan.units.services.tree import _fill_paths, _reparent

OFFICIAL_LIST_DATE = dt.date(2025, 7, 1)


@dataclass
class LoadResult:
    provinces_created: int = 0
    communes_created: int = 0
    agencies_created: int = 0
    renamed: int = 0
    agencies_renamed: int = 0
    agencies_moved: int = 0

    def __str__(self) -> str:
        return (
            f"provinces +{self.provinces_created}, communes +{self.communes_created}, "
            f"agencies +{self.agencies_created}, renamed {self.renamed}, "
            f"agencies renamed {self.agencies_renamed}, moved under the Front "
            f"{self.agencies_moved}"
        )


def ensure_defaults() -> None:
    """Create the default unit types and agency templates that do not exist yet, and bring
    the defaults shipped before the 2025 reform up to date where nobody changed them since:
    type names ("Ban Dân vận" → "Ban Tuyên giáo và Dân vận"), template patterns written in
    full, the mass organisations' templates placed under the Fatherland Front's."""
    existing = {t.code: t for t in UnitType.objects.all()}
    UnitType.objects.bulk_create(
        UnitType(code=c, name=n, level=lv, is_territory=t, document_format=f, ordering=o)
        for c, n, lv, t, f, o in defaults.UNIT_TYPES
        if c not in existing
    )
    names = {c: n for c, n, *_rest in defaults.UNIT_TYPES}
    for code, former in defaults.FORMER_UNIT_TYPE_NAMES.items():
        if code in existing and existing[code].name in former:
            UnitType.objects.filter(pk=existing[code].pk).update(name=names[code])
    types = {t.code: t for t in UnitType.objects.all()}
    if not AgencyTemplate.objects.exists():
        AgencyTemplate.objects.bulk_create(
            AgencyTemplate(level=lv, unit_type=types[code], name_pattern=pattern, ordering=o)
            for lv, code, pattern, o in defaults.AGENCY_TEMPLATES
        )
    patterns = {(lv, code): pattern for lv, code, pattern, _o in defaults.AGENCY_TEMPLATES}
    templates = {
        (t.level, t.unit_type.code): t for t in AgencyTemplate.objects.select_related("unit_type")
    }
    for key, template in templates.items():
        former = {fp.pattern for fp in defaults.FORMER_PATTERNS.get(key, ())}
        if template.name_pattern in former:
            template.name_pattern = patterns[key]
            template.save(update_fields=["name_pattern"])
        front = templates.get((key[0], defaults.FRONT))
        if key[1] in defaults.UNDER_THE_FRONT and template.parent_template_id is None and front:
            template.parent_template = front
            template.save(update_fields=["parent_template"])


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
    result.agencies_renamed = _rename_template_agencies()
    result.agencies_moved = _nest_under_parent_templates()
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


def _territories(levels) -> dict[int, OrgUnit]:
    return {
        t.pk: t
        for t in OrgUnit.objects.filter(
            level__in=levels, unit_type__is_territory=True, official_code__isnull=False
        )
        .select_related("unit_type")
        .iterator(chunk_size=2000)
    }


def _territory_id(path: str, territories) -> int | None:
    """The nearest territory above a unit (its parent, or its parent's parent for an
    organisation placed under the Fatherland Front)."""
    ids = [int(part) for part in path.strip("/").split("/") if part][:-1]
    return next((i for i in reversed(ids) if i in territories), None)


def _rename_template_agencies() -> int:
    """Give agencies named by a pattern shipped before the name of today's pattern.

    Only a name that is exactly what an old pattern produced changes (a name an officer
    edited stays). When the body itself was renamed (Ban Dân vận → Ban Tuyên giáo và Dân
    vận), the old name is kept as a former name up to the day of the change, so documents
    dated before it still print it; when only our spelling changed (UBND → Ủy ban nhân dân),
    the body always had the full name and the audit trail keeps the old spelling.
    """
    templates = {
        t.pk: t
        for t in AgencyTemplate.objects.select_related("unit_type")
        if defaults.FORMER_PATTERNS.get((t.level, t.unit_type.code))
    }
    if not templates:
        return 0
    territories = _territories({t.level for t in templates.values()})
    with_former = set(OrgUnitName.objects.values_list("unit_id", flat=True).distinct())
    changed: list[tuple[OrgUnit, dict, dict]] = []
    formers: list[OrgUnitName] = []
    agencies = OrgUnit.objects.filter(template_id__in=templates).only(
        "id", "name", "short_name", "path", "template_id", "valid_from"
    )
    for agency in agencies.iterator(chunk_size=2000):
        territory = territories.get(_territory_id(agency.path, territories))
        if territory is None:
            continue
        template = templates[agency.template_id]
        new_name = agency_name(template.name_pattern, territory)
        if agency.name == new_name:
            continue
        for former in defaults.FORMER_PATTERNS[(template.level, template.unit_type.code)]:
            if agency.name != agency_name(former.pattern, territory):
                continue
            if former.renamed_on and agency.pk not in with_former:
                formers.append(
                    OrgUnitName(
                        unit_id=agency.pk,
                        name=agency.name,
                        short_name=agency.short_name,
                        valid_from=agency.valid_from
                        if agency.valid_from and agency.valid_from < former.renamed_on
                        else None,
                        valid_to=former.renamed_on,
                        reason=former.reason,
                    )
                )
            before = {"name": agency.name}
            agency.name = new_name
            agency.name_folded = fold(new_name)[:200]
            changed.append((agency, before, {"name": new_name}))
            break
    OrgUnitName.objects.bulk_create(formers, batch_size=2000)
    OrgUnit.objects.bulk_update(
        [agency for agency, _b, _a in changed], ["name", "name_folded"], batch_size=2000
    )
    return audit.record_many(None, "unit.renamed_template", changed)


def _nest_under_parent_templates() -> int:
    """Move agencies of a template with a ``parent_template`` that still sit directly under
    their territory to the agency of that template in the same territory (the mass
    organisations under the Fatherland Front committee, Nghị quyết 203/2025/QH15)."""
    nested = AgencyTemplate.objects.filter(parent_template__isnull=False)
    parents = dict(nested.values_list("pk", "parent_template_id"))
    if not parents:
        return 0
    fronts = {
        (parent_id, template_id): unit
        for unit in OrgUnit.objects.filter(template_id__in=set(parents.values())).only(
            "id", "path", "depth", "parent_id", "template_id"
        )
        for parent_id, template_id in [(unit.parent_id, unit.template_id)]
    }
    misplaced = list(
        OrgUnit.objects.filter(template_id__in=parents, parent__unit_type__is_territory=True).only(
            "id", "path", "depth", "parent_id", "template_id", "name"
        )
    )
    moves = [
        (unit, fronts[(unit.parent_id, parents[unit.template_id])])
        for unit in misplaced
        if (unit.parent_id, parents[unit.template_id]) in fronts
    ]
    ids = [unit.pk for unit, _front in moves]
    with_children = set()
    for start in range(0, len(ids), 2000):
        with_children |= set(
            OrgUnit.objects.filter(parent_id__in=ids[start : start + 2000])
            .values_list("parent_id", flat=True)
            .distinct()
        )
    changed, leaves = [], []
    for unit, front in moves:
        before = {"parent": unit.parent_id}
        if unit.pk in with_children:
            _reparent(unit, front)  # its subtree's paths follow
        else:
            unit.parent_id, unit.path = front.pk, f"{front.path}{unit.pk}/"
            unit.depth = front.depth + 1
            leaves.append(unit)
        changed.append((unit, before, {"parent": front.pk}))
    OrgUnit.objects.bulk_update(leaves, ["parent", "path", "depth"], batch_size=2000)
    return audit.record_many(None, "unit.moved", changed)


def _create_template_agencies() -> int:
    """Create the agencies of active templates missing under a territory; an agency whose
    template has a parent template goes under that template's agency (created first)."""
    templates = list(AgencyTemplate.objects.filter(is_active=True).select_related("unit_type"))
    if not templates:
        return 0
    territories = _territories({t.level for t in templates})
    created = 0
    # Top-level templates first, then those placed under another template's agency.
    for nested in (False, True):
        batch = [t for t in templates if (t.parent_template_id is not None) is nested]
        if not batch:
            continue
        units = OrgUnit.objects.filter(template__isnull=False).only("id", "path", "template_id")
        where: dict[tuple[int, int], int] = {}
        for unit in units.iterator(chunk_size=5000):
            territory_id = _territory_id(unit.path, territories)
            if territory_id is not None:
                where[(territory_id, unit.template_id)] = unit.pk
        new = []
        for territory in territories.values():
            if not territory.is_active:
                continue
            for template in batch:
                if template.level != territory.level or (territory.pk, template.pk) in where:
                    continue
                parent_id = territory.pk
                if nested:
                    parent_id = where.get((territory.pk, template.parent_template_id))
                    if parent_id is None:  # the parent template is inactive here
                        parent_id = territory.pk
                new.append(
                    OrgUnit(
                        parent_id=parent_id,
                        name=agency_name(template.name_pattern, territory),
                        unit_type=template.unit_type,
                        level=territory.level,
                        template=template,
                    )
                )
        _bulk_create_with_paths(new)
        created += len(new)
    return created


def _bulk_create_with_paths(units: list[OrgUnit]) -> None:
    if not units:
        return
    for unit in units:  # bulk_create skips save(), which keeps the folded name
        unit.name_folded = fold(unit.name)[:200]
    OrgUnit.objects.bulk_create(units, batch_size=2000)
    _fill_paths(OrgUnit.objects.filter(path=""))
