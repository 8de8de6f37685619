"""The official loader on an empty database: the public contract ``manage.py load_units``."""

from io import StringIO

from django.core.management import call_command

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.audit.models import AuditEntry
from danvan.units import selectors, services
from danvan.units.models import AgencyTemplate, Level, OrgUnit, UnitType


def official(level):
    return OrgUnit.objects.filter(level=level, official_code__isnull=False)


def test_first_load_builds_the_national_tree_with_agencies(db):
    assert not OrgUnit.objects.exists()
    result = services.units_load_official()

    assert (result.provinces_created, result.communes_created) == (34, 3321)
    assert official(Level.PROVINCE).count() == 34
    assert official(Level.COMMUNE).count() == 3321
    assert not official(Level.COMMUNE).filter(parent__level=Level.COMMUNE).exists()
    assert all(
        len(code) == 5 for code in official(Level.COMMUNE).values_list("official_code", flat=True)
    )
    assert not OrgUnit.objects.filter(path="").exists()

    templates = AgencyTemplate.objects.filter(is_active=True)
    per_level = {lv: templates.filter(level=lv).count() for lv in (Level.PROVINCE, Level.COMMUNE)}
    assert (
        result.agencies_created == 34 * per_level[Level.PROVINCE] + 3321 * per_level[Level.COMMUNE]
    )

    quang_tri = OrgUnit.objects.get(official_code="44")
    assert quang_tri.name == "Tỉnh Quảng Trị"
    agencies = set(quang_tri.children.filter(template__isnull=False).values_list("name", flat=True))
    # Kết luận 121-KL/TW (2025): the Ban is "Ban Tuyên giáo và Dân vận"; the issuer's name is
    # written in full (Nghị định 30/2020/NĐ-CP, Phụ lục I).
    assert {
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị",
        "Ủy ban nhân dân tỉnh Quảng Trị",
        "Hội đồng nhân dân tỉnh Quảng Trị",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Trị",
        "Tỉnh ủy Quảng Trị",
    } <= agencies
    assert not any("Ban Dân vận" in name or "UBND" in name for name in agencies)
    hanoi = OrgUnit.objects.get(official_code="01")
    assert hanoi.children.filter(name="Ban Tuyên giáo và Dân vận Thành ủy Hà Nội").exists()
    # Nghị quyết 203/2025/QH15: the mass organisations sit under the Front of their level.
    front = quang_tri.children.get(unit_type__code="fatherland_front")
    assert set(front.children.values_list("name", flat=True)) == {
        "Hội Nông dân tỉnh Quảng Trị",
        "Hội Liên hiệp Phụ nữ tỉnh Quảng Trị",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Quảng Trị",
        "Hội Cựu chiến binh tỉnh Quảng Trị",
        "Liên đoàn Lao động tỉnh Quảng Trị",
    }

    truong_son = OrgUnit.objects.get(official_code="19204")
    assert truong_son.name == "Xã Trường Sơn"
    assert truong_son.parent == quang_tri
    ubnd = truong_son.children.get(name="Ủy ban nhân dân xã Trường Sơn")
    assert ubnd.level == Level.COMMUNE
    assert ubnd.path == f"{truong_son.path}{ubnd.pk}/"
    assert ubnd.depth == 3
    commune_front = truong_son.children.get(unit_type__code="fatherland_front")
    youth = commune_front.children.get(unit_type__code="youth_union")
    assert youth.name == "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Trường Sơn"
    assert (youth.level, youth.depth) == (Level.COMMUNE, 4)
    assert youth.path == f"{commune_front.path}{youth.pk}/"
    assert truong_son.children.count() == 6  # Đảng ủy, HĐND, UBND, Front, Công an, Ban CHQS

    # "truong son" finds Xã Trường Sơn in both provinces that have one.
    admin = UserFactory()
    grant(admin, Role.ADMIN, OrgUnit.objects.get(official_code="VN"))
    found = [u for u in selectors.unit_search(admin, "truong son") if u.unit_type.is_territory]
    assert sorted(u.official_code for u in found) == ["07489", "19204"]
    assert {u.name for u in found} == {"Xã Trường Sơn"}
    assert {u.parent.name for u in found} == {"Tỉnh Quảng Trị", "Tỉnh Bắc Ninh"}


def test_second_run_creates_nothing_restores_names_and_applies_new_templates(db):
    out = StringIO()
    call_command("load_units", stdout=out)
    assert "provinces +34, communes +3321" in out.getvalue()
    counts = (OrgUnit.objects.count(), UnitType.objects.count(), AgencyTemplate.objects.count())
    OrgUnit.objects.filter(official_code="19204").update(name="Xã Trường Sơn (cũ)")

    result = services.units_load_official()

    assert (result.provinces_created, result.communes_created, result.agencies_created) == (0, 0, 0)
    assert result.renamed == 1
    assert (
        OrgUnit.objects.count(),
        UnitType.objects.count(),
        AgencyTemplate.objects.count(),
    ) == counts
    assert OrgUnit.objects.get(official_code="19204").name == "Xã Trường Sơn"
    [entry] = AuditEntry.objects.filter(action="unit.renamed_official")
    assert entry.before == {"name": "Xã Trường Sơn (cũ)"}
    assert entry.after == {"name": "Xã Trường Sơn"}

    # An administrator adds an agency template: the next run applies it everywhere.
    template = AgencyTemplate.objects.create(
        level=Level.COMMUNE,
        unit_type=UnitType.objects.get(code="labour_federation"),
        name_pattern="Công đoàn {kind} {short}",
    )
    assert services.units_load_official().agencies_created == 3321
    assert OrgUnit.objects.filter(template=template, name="Công đoàn xã Trường Sơn").count() == 2
