import datetime as dt

import pytest
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.units import selectors, services
from danvan.units.models import Level, OrgUnit
from danvan.units.tests.factories import OrgUnitFactory, unit_type

TODAY = timezone.localdate()


def entries(unit, action):
    return list(AuditEntry.objects.filter(object_id=str(unit.pk), action=action))


def reload(unit):
    return OrgUnit.objects.get(pk=unit.pk)


# --- create ------------------------------------------------------------------------------


def test_province_officer_adds_a_village_under_a_commune(cast):
    commune = cast.tree.commune_a
    village = services.unit_create(
        actor=cast.province_officer,
        parent=commune,
        name="  Thôn   Tây ",
        short_name="Tây",
        unit_type=unit_type("village"),
        valid_from=dt.date(2025, 7, 1),
    )
    village = reload(village)
    assert village.name == "Thôn Tây"
    assert village.level == Level.VILLAGE
    assert village.path == f"{commune.path}{village.pk}/"
    assert village.depth == commune.depth + 1
    [entry] = entries(village, "unit.created")
    assert entry.actor == cast.province_officer
    assert entry.after["name"] == "Thôn Tây"
    assert entry.after["parent"] == commune.pk
    assert [u.name for u in selectors.unit_search(cast.official_a, "thon tay")] == ["Thôn Tây"]


def test_an_agency_takes_the_level_of_the_territory_it_sits_in(cast):
    agency = services.unit_create(
        actor=cast.province_officer,
        parent=cast.tree.ubnd_a,
        name="Văn phòng UBND xã Trường Sơn",
        unit_type=unit_type("agency"),
    )
    assert agency.level == Level.COMMUNE
    assert agency.depth == cast.tree.ubnd_a.depth + 1


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Enter the unit's name."), ("   ", "Enter the unit's name."), ("x" * 201, "too long")],
)
def test_create_without_a_proper_name_changes_nothing(cast, name, message):
    count = OrgUnit.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.unit_create(
            actor=cast.province_officer,
            parent=cast.tree.commune_a,
            name=name,
            unit_type=unit_type("village"),
        )
    assert exc.value.field == "name"
    assert message in str(exc.value.message)
    assert OrgUnit.objects.count() == count
    assert not AuditEntry.objects.filter(action="unit.created").exists()


def test_create_with_an_official_code_already_used_is_refused(cast):
    count = OrgUnit.objects.count()
    with pytest.raises(ConflictError) as exc:
        services.unit_create(
            actor=cast.province_officer,
            parent=cast.tree.province,
            name="Xã Mới",
            unit_type=unit_type("commune"),
            official_code=" 19204 ",
        )
    assert exc.value.field == "official_code"
    assert "19204" in str(exc.value.message)
    assert OrgUnit.objects.count() == count


def test_a_province_cannot_be_placed_under_a_commune(cast):
    with pytest.raises(ValidationFailed) as exc:
        services.unit_create(
            actor=cast.province_officer,
            parent=cast.tree.commune_a,
            name="Tỉnh Lạ",
            unit_type=unit_type("province"),
        )
    assert exc.value.field == "unit_type"
    assert not OrgUnit.objects.filter(name="Tỉnh Lạ").exists()


def test_nothing_is_added_under_an_inactive_unit(cast):
    services.unit_deactivate(actor=cast.province_officer, unit=cast.tree.village_a)
    with pytest.raises(ValidationFailed, match="no longer active"):
        services.unit_create(
            actor=cast.province_officer,
            parent=reload(cast.tree.village_a),
            name="Xóm 1",
            unit_type=unit_type("agency"),
        )


def test_create_needs_units_manage(cast):
    args = {"name": "Thôn Bắc", "unit_type": unit_type("village")}
    with pytest.raises(PermissionDeniedError):  # sees commune A, may not manage it
        services.unit_create(actor=cast.official_a, parent=cast.tree.commune_a, **args)
    with pytest.raises(NotFoundError):  # does not even see it
        services.unit_create(actor=cast.official_b, parent=cast.tree.commune_a, **args)
    with pytest.raises(NotFoundError):
        services.unit_create(actor=cast.other_province_officer, parent=cast.tree.commune_a, **args)
    assert not OrgUnit.objects.filter(name="Thôn Bắc").exists()


# --- update ------------------------------------------------------------------------------


def test_update_renames_and_records_before_and_after(cast):
    village = cast.tree.village_a
    services.unit_update(
        actor=cast.province_officer,
        unit=village,
        name="Thôn Đông Hà",
        short_name="Đông Hà",
        official_code="",
        valid_from=dt.date(2025, 7, 1),
    )
    village = reload(village)
    assert (village.name, village.short_name, village.official_code) == (
        "Thôn Đông Hà",
        "Đông Hà",
        None,
    )
    [entry] = entries(village, "unit.updated")
    assert entry.before["name"] == "Thôn Đông"
    assert entry.after["name"] == "Thôn Đông Hà"
    assert entry.after["valid_from"] == "2025-07-01"
    assert selectors.unit_search(cast.official_a, "dong ha") == [village]


def test_update_to_a_code_already_used_changes_nothing(cast):
    village = cast.tree.village_a  # a unit whose code the official list does not own
    with pytest.raises(ConflictError) as exc:
        services.unit_update(
            actor=cast.province_officer,
            unit=village,
            name="Thôn Đông Mới",
            official_code="19204",
        )
    assert exc.value.field == "official_code"
    assert reload(village).name == "Thôn Đông"
    assert not entries(village, "unit.updated")


def test_changing_an_agency_into_a_territory_relevels_it(cast):
    unit = services.unit_update(
        actor=cast.province_officer,
        unit=cast.tree.ubnd_a,
        name="Tổ dân phố 1",
        unit_type=unit_type("residential_group"),
    )
    assert reload(unit).level == Level.VILLAGE


# --- move --------------------------------------------------------------------------------


def test_move_carries_the_whole_subtree(cast):
    tree = cast.tree
    hamlet = services.unit_create(
        actor=cast.province_officer,
        parent=tree.village_a,
        name="Chi hội Nông dân thôn Đông",
        unit_type=unit_type("farmers_union"),
    )
    services.unit_move(actor=cast.province_officer, unit=tree.village_a, new_parent=tree.commune_b)
    village, hamlet = reload(tree.village_a), reload(hamlet)
    assert village.parent == tree.commune_b
    assert village.path == f"{tree.commune_b.path}{village.pk}/"
    assert hamlet.path == f"{village.path}{hamlet.pk}/"
    assert hamlet.depth == village.depth + 1
    assert [u.name for u in selectors.unit_children(cast.official_b, tree.commune_b)] == [
        "Thôn Đông"
    ]
    [entry] = entries(village, "unit.moved")
    assert entry.before["parent"] == tree.commune_a.pk
    assert entry.after["parent"] == tree.commune_b.pk


@pytest.mark.parametrize("target", ["itself", "descendant"])
def test_a_unit_cannot_move_under_itself_or_its_descendant(cast, target):
    tree = cast.tree
    new_parent = tree.commune_a if target == "itself" else tree.village_a
    paths = dict(OrgUnit.objects.values_list("pk", "path"))
    with pytest.raises(ValidationFailed) as exc:
        services.unit_move(actor=cast.province_officer, unit=tree.commune_a, new_parent=new_parent)
    assert exc.value.code == "cycle"
    assert exc.value.field == "parent"
    assert "subordinate" in str(exc.value.message)
    assert dict(OrgUnit.objects.values_list("pk", "path")) == paths
    assert not AuditEntry.objects.filter(action="unit.moved").exists()


def test_a_commune_cannot_move_under_a_village(cast):
    tree = cast.tree
    with pytest.raises(ValidationFailed) as exc:
        services.unit_move(
            actor=cast.province_officer, unit=tree.commune_b, new_parent=tree.village_a
        )
    assert exc.value.field == "parent"
    assert reload(tree.commune_b).parent == tree.province


def test_an_agency_moved_to_the_province_takes_the_province_level(cast):
    tree = cast.tree
    office = services.unit_create(
        actor=cast.province_officer,
        parent=tree.ubnd_a,
        name="Văn phòng",
        unit_type=unit_type("agency"),
    )
    services.unit_move(actor=cast.province_officer, unit=tree.ubnd_a, new_parent=tree.province)
    assert reload(tree.ubnd_a).level == Level.PROVINCE
    assert reload(office).level == Level.PROVINCE


def test_move_out_of_reach_is_not_found_and_changes_nothing(cast):
    tree = cast.tree
    with pytest.raises(NotFoundError):
        services.unit_move(
            actor=cast.province_officer, unit=tree.village_a, new_parent=tree.other_commune
        )
    with pytest.raises(NotFoundError):
        services.unit_move(actor=cast.official_b, unit=tree.village_a, new_parent=tree.commune_b)
    assert reload(tree.village_a).parent == tree.commune_a


# --- deactivate --------------------------------------------------------------------------


def test_deactivate_a_merged_commune_keeps_it_readable_with_its_successor(cast):
    tree = cast.tree
    end = TODAY - dt.timedelta(days=1)
    services.unit_deactivate(
        actor=cast.province_officer, unit=tree.commune_b, valid_to=end, successor=tree.commune_a
    )
    commune_b = selectors.get_unit_for(cast.official_b, tree.commune_b.pk)
    assert not commune_b.is_active
    assert commune_b.valid_to == end
    assert commune_b.successor == tree.commune_a
    assert selectors.unit_predecessors(cast.province_officer, tree.commune_a) == [commune_b]
    [entry] = entries(commune_b, "unit.deactivated")
    assert entry.before == {"valid_to": None, "successor": None}
    assert entry.after == {"valid_to": end.isoformat(), "successor": tree.commune_a.pk}


def test_deactivate_ends_the_subtree_too(cast):
    services.unit_deactivate(actor=cast.province_officer, unit=cast.tree.commune_a)
    assert not reload(cast.tree.village_a).is_active
    assert not reload(cast.tree.ubnd_a).is_active


@pytest.mark.parametrize(
    ("successor", "error", "field"),
    [
        ("village_a", ValidationFailed, "successor"),  # its own subordinate unit
        ("commune_a", ValidationFailed, "successor"),  # itself
        ("other_commune", NotFoundError, None),  # out of reach
    ],
)
def test_deactivate_with_a_wrong_successor_changes_nothing(cast, successor, error, field):
    tree = cast.tree
    with pytest.raises(error) as exc:
        services.unit_deactivate(
            actor=cast.province_officer, unit=tree.commune_a, successor=getattr(tree, successor)
        )
    assert exc.value.field == field
    assert reload(tree.commune_a).is_active
    assert reload(tree.village_a).is_active


def test_deactivate_before_the_start_date_or_twice_is_refused(cast):
    commune = cast.tree.commune_a
    commune.valid_from = dt.date(2025, 7, 1)
    commune.save()
    with pytest.raises(ValidationFailed, match="after the unit's start date") as exc:
        services.unit_deactivate(
            actor=cast.province_officer, unit=commune, valid_to=dt.date(2025, 6, 30)
        )
    assert exc.value.field == "valid_to"
    services.unit_deactivate(actor=cast.province_officer, unit=commune, valid_to=TODAY)
    with pytest.raises(ValidationFailed, match="already been inactive"):
        services.unit_deactivate(actor=cast.province_officer, unit=reload(commune))


def test_an_inactive_successor_is_refused(cast):
    tree = cast.tree
    services.unit_deactivate(actor=cast.province_officer, unit=tree.commune_b)
    with pytest.raises(ValidationFailed, match="no longer active"):
        services.unit_deactivate(
            actor=cast.province_officer, unit=tree.village_a, successor=reload(tree.commune_b)
        )


# --- delete ------------------------------------------------------------------------------


def test_delete_an_empty_unit_created_by_mistake(cast):
    mistake = services.unit_create(
        actor=cast.province_officer,
        parent=cast.tree.commune_a,
        name="Thôn Nhầm",
        unit_type=unit_type("village"),
    )
    pk = mistake.pk
    services.unit_delete(actor=cast.province_officer, unit=mistake)
    assert not OrgUnit.objects.filter(pk=pk).exists()
    [entry] = AuditEntry.objects.filter(action="unit.deleted", object_id=str(pk))
    assert entry.before["name"] == "Thôn Nhầm"
    assert entry.after is None


@pytest.mark.parametrize("data", ["children", "member", "grant", "predecessor", "official"])
def test_delete_a_unit_with_data_is_refused_with_an_offer_to_deactivate(cast, data):
    tree = cast.tree
    unit = OrgUnitFactory(name="Ban Thi đua", parent=tree.commune_a)
    if data == "children":
        OrgUnitFactory(name="Tổ 1", parent=unit)
    elif data == "member":
        UserFactory(home_unit=unit)
    elif data == "grant":
        grant(UserFactory(), Role.VIEWER, unit)
    elif data == "predecessor":
        OrgUnitFactory(name="Ban cũ", parent=tree.commune_a, successor=unit)
    else:
        unit.official_code = "99999"
        unit.save()
    with pytest.raises(ConflictError) as exc:
        services.unit_delete(actor=cast.province_officer, unit=unit)
    assert exc.value.code == "has_data"
    assert "Deactivate it instead" in str(exc.value.message)
    assert OrgUnit.objects.filter(pk=unit.pk).exists()
    assert not AuditEntry.objects.filter(action="unit.deleted").exists()


def test_delete_needs_units_manage(cast):
    with pytest.raises(PermissionDeniedError):
        services.unit_delete(actor=cast.leader_a, unit=cast.tree.village_a)
    with pytest.raises(NotFoundError):
        services.unit_delete(actor=cast.official_b, unit=cast.tree.village_a)
    assert OrgUnit.objects.filter(pk=cast.tree.village_a.pk).exists()


def test_the_official_code_of_a_commune_cannot_be_changed(cast):
    from danvan.core.errors import ValidationFailed
    from danvan.units.services import unit_update

    commune = cast.tree.commune_a
    with pytest.raises(ValidationFailed) as error:
        unit_update(
            actor=cast.province_officer, unit=commune, name=commune.name, official_code="99999"
        )
    assert error.value.field == "official_code"
    commune.refresh_from_db()
    assert commune.official_code == "19204"
    # Renaming with the same code still works.
    unit_update(
        actor=cast.province_officer, unit=commune, name="Xã Trường Sơn Mới", official_code="19204"
    )
    commune.refresh_from_db()
    assert commune.name == "Xã Trường Sơn Mới"
