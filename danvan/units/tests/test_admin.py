from django.urls import reverse

from danvan.accounts.tests.factories import UserFactory
from danvan.units.models import AgencyTemplate, OrgUnit
from danvan.units.services import ensure_defaults


def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def test_superuser_edits_an_agency_template(cast, client_for):
    ensure_defaults()
    template = AgencyTemplate.objects.get(level="commune", unit_type__code="people_committee")
    client = client_for(superuser())
    change = reverse("admin:units_agencytemplate_change", args=[template.pk])
    assert client.get(reverse("admin:units_agencytemplate_changelist")).status_code == 200
    response = client.post(
        change,
        {
            "level": "commune",
            "unit_type": template.unit_type_id,
            "name_pattern": "Ủy ban nhân dân {kind} {short}",
            "ordering": 3,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.name_pattern == "Ủy ban nhân dân {kind} {short}"


def test_units_are_read_only_in_the_admin_and_searchable_without_diacritics(cast, client_for):
    client = client_for(superuser())
    changelist = client.get(reverse("admin:units_orgunit_changelist"), {"q": "truong son"})
    assert changelist.status_code == 200
    assert changelist.content.decode().count("Xã Trường Sơn") >= 2
    unit = cast.tree.village_a
    change = reverse("admin:units_orgunit_change", args=[unit.pk])
    page = client.get(change).content.decode()
    assert reverse("units:detail", args=[unit.pk]) in page
    assert 'name="_save"' not in page
    assert client.post(change, {"name": "Đổi tên"}).status_code == 403
    assert OrgUnit.objects.get(pk=unit.pk).name == "Thôn Đông"


def test_staff_without_superuser_cannot_edit_reference_data(cast, client_for):
    staff = UserFactory(username="staff", is_staff=True)
    client = client_for(staff)
    response = client.get(reverse("admin:units_unittype_changelist"))
    assert response.status_code in (302, 403)
