"""Names after the 2025 reform: names are data with validity dates.

Kết luận 121-KL/TW (24/01/2025) merged the Ban Dân vận and the Ban Tuyên giáo; Nghị quyết
203/2025/QH15 put the mass organisations under the Fatherland Front; Nghị định 30/2020/NĐ-CP
writes an issuer's name in full.
"""

import datetime as dt

import pytest
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Replace

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.audit.models import AuditEntry
from danvan.lib.text import fold
from danvan.units import defaults, selectors, services
from danvan.units.models import AgencyTemplate, OrgUnit, OrgUnitName
from danvan.units.tests.factories import OrgUnitFactory, unit_type

BEFORE_THE_MERGER = dt.date(2022, 9, 15)


def _as_before_the_reform() -> None:
    """Put a loaded database back as the loader left it before the reform: old patterns and
    names, the mass organisations straight under their territory."""
    for (level, code), formers in defaults.FORMER_PATTERNS.items():
        templates = AgencyTemplate.objects.filter(level=level, unit_type__code=code)
        new_prefix = templates.get().name_pattern.split("{")[0]
        old_prefix = formers[0].pattern.split("{")[0]
        templates.update(name_pattern=formers[0].pattern)
        OrgUnit.objects.filter(template__in=templates).update(
            name=Replace("name", Value(new_prefix), Value(old_prefix)),
            name_folded=Replace("name_folded", Value(fold(new_prefix)), Value(fold(old_prefix))),
        )
    AgencyTemplate.objects.update(parent_template=None)
    under_front = OrgUnit.objects.filter(unit_type__code__in=defaults.UNDER_THE_FRONT)
    grandparent = OrgUnit.objects.filter(pk=OuterRef("parent_id")).values("parent_id")[:1]
    under_front.update(parent_id=Subquery(grandparent))
    services._fill_paths(under_front)


def test_load_units_on_a_pre_reform_database_renames_and_keeps_the_former_name(db):
    """Kết luận 121-KL/TW: today's Ban carries today's name; the old name stays for older
    documents. NQ 203/2025/QH15: the mass organisations move under the Front. A name an
    officer edited is left alone."""
    services.units_load_official()
    _as_before_the_reform()
    quang_tri = OrgUnit.objects.get(official_code="44")
    ban = quang_tri.children.get(unit_type__code="mass_mobilisation")
    assert ban.name == "Ban Dân vận Tỉnh ủy Quảng Trị"
    assert quang_tri.children.filter(unit_type__code="farmers_union").exists()
    edited = OrgUnit.objects.get(parent__official_code="01", unit_type__code="mass_mobilisation")
    OrgUnit.objects.filter(pk=edited.pk).update(name="Ban Dân vận Thành ủy Hà Nội (khóa XVII)")

    result = services.units_load_official()

    ban.refresh_from_db()
    assert ban.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị"
    [former] = OrgUnitName.objects.filter(unit=ban)
    assert former.name == "Ban Dân vận Tỉnh ủy Quảng Trị"
    assert former.valid_to == defaults.BAN_MERGER_DATE
    assert "121-KL/TW" in former.reason
    assert selectors.name_on(ban, BEFORE_THE_MERGER) == "Ban Dân vận Tỉnh ủy Quảng Trị"
    assert selectors.name_on(ban, dt.date(2026, 1, 5)) == ban.name
    edited.refresh_from_db()
    assert edited.name == "Ban Dân vận Thành ủy Hà Nội (khóa XVII)"
    assert not OrgUnitName.objects.filter(unit=edited).exists()
    # Abbreviations written in full are a spelling fix, not a former name of the body.
    ubnd = OrgUnit.objects.get(parent__official_code="19204", unit_type__code="people_committee")
    assert ubnd.name == "Ủy ban nhân dân xã Trường Sơn"
    assert ubnd.name_folded == "uy ban nhan dan xa truong son"
    assert not OrgUnitName.objects.filter(unit=ubnd).exists()
    assert AuditEntry.objects.filter(
        action="unit.renamed_template",
        object_id=str(ubnd.pk),
        before={"name": "UBND xã Trường Sơn"},
    ).exists()
    front = quang_tri.children.get(unit_type__code="fatherland_front")
    farmers = front.children.get(unit_type__code="farmers_union")
    assert (farmers.path, farmers.depth) == (f"{front.path}{farmers.pk}/", front.depth + 1)
    assert not quang_tri.children.filter(unit_type__code__in=defaults.UNDER_THE_FRONT).exists()
    # 34 provinces × 5 organisations and 3,321 communes × 4.
    assert result.agencies_moved == 34 * 5 + 3321 * 4
    assert result.agencies_created == 0
    assert not OrgUnit.objects.filter(path="").exists()

    # Idempotent: a second run changes nothing and never records the former name twice.
    again = services.units_load_official()
    assert (again.agencies_renamed, again.agencies_moved, again.agencies_created) == (0, 0, 0)
    assert OrgUnitName.objects.filter(unit=ban).count() == 1


@pytest.fixture
def renamed_ban(db):
    province = OrgUnitFactory(name="Tỉnh Quảng Trị", unit_type=unit_type("province"))
    ban = OrgUnitFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị",
        unit_type=unit_type("mass_mobilisation"),
        parent=province,
    )
    OrgUnitName.objects.create(
        unit=ban,
        name="Ban Dân vận Tỉnh ủy Quảng Trị",
        short_name="Ban Dân vận",
        valid_from=dt.date(1990, 1, 1),
        valid_to=dt.date(2025, 2, 6),
        reason="Kết luận 121-KL/TW ngày 24/01/2025",
    )
    return ban


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 9, 15), "Ban Dân vận Tỉnh ủy Quảng Trị"),
        (dt.date(2025, 2, 5), "Ban Dân vận Tỉnh ủy Quảng Trị"),  # the last day of the old name
        (dt.date(2025, 2, 6), "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị"),  # the first new
        (dt.date(1989, 12, 31), "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị"),  # no record
        (None, "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị"),  # an undated draft
    ],
)
def test_name_on_a_date_kl_121(renamed_ban, day, expected):
    """Kết luận 121-KL/TW: a document dated before the merger prints the old name."""
    assert selectors.name_on(renamed_ban, day) == expected


def test_the_unit_page_shows_former_names_to_those_who_see_the_unit(
    renamed_ban, client, django_user_model
):
    officer = UserFactory()
    grant(officer, Role.BDV_OFFICER, renamed_ban.parent)
    client.force_login(officer)
    page = client.get(f"/don-vi/{renamed_ban.pk}/").content.decode()
    assert "Ban Dân vận Tỉnh ủy Quảng Trị" in page
    assert "06/02/2025" in page and "Kết luận 121-KL/TW" in page

    other_province = OrgUnitFactory(name="Tỉnh Quảng Ngãi", unit_type=unit_type("province"))
    stranger = UserFactory()
    grant(stranger, Role.BDV_OFFICER, other_province)
    client.force_login(stranger)
    assert client.get(f"/don-vi/{renamed_ban.pk}/").status_code == 404
