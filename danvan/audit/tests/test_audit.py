import pytest
from django.contrib.admin.sites import site as admin_site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from danvan.audit import services as audit
from danvan.audit.middleware import RequestContextMiddleware
from danvan.audit.models import AuditEntry, AuditImmutableError
from danvan.units import services as units


def _rename_village(cast, name="Thôn Đông Mới"):
    village = cast.tree.village_a
    return units.unit_update(actor=cast.province_officer, unit=village, name=name)


def test_service_change_is_recorded_with_actor_ip_and_before_after(cast):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    RequestContextMiddleware(lambda r: _rename_village(cast))(request)
    entry = AuditEntry.objects.get(action="unit.updated")
    assert entry.actor == cast.province_officer
    assert entry.actor_name == "province_officer"
    assert entry.ip == "10.1.2.3"
    assert entry.before["name"] == "Thôn Đông"
    assert entry.after["name"] == "Thôn Đông Mới"
    assert ("name", "Thôn Đông", "Thôn Đông Mới") in entry.changes()
    assert entry.unit_path == cast.tree.village_a.path


def test_entries_cannot_be_changed_or_deleted_through_the_orm(cast):
    _rename_village(cast)
    entry = AuditEntry.objects.get(action="unit.updated")
    entry.action = "forged"
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "unit.updated"


def test_the_database_refuses_a_raw_update(cast):
    _rename_village(cast)
    entry = AuditEntry.objects.get(action="unit.updated")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "unit.updated"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger is PostgreSQL's")
def test_postgresql_refuses_a_raw_delete(cast):
    _rename_village(cast)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.filter(action="unit.updated").exists()


def test_admin_offers_no_add_change_or_delete(rf, cast):
    model_admin = admin_site._registry[AuditEntry]
    request = rf.get("/")
    request.user = cast.admin
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_snapshot_leaves_out_confidential_fields(cast):
    data = audit.snapshot(cast.official_a)
    assert "password" not in data
    assert data["username"] == "official_a"


def test_history_page_shows_changes_to_those_who_see_the_unit(cast, client_for):
    _rename_village(cast)
    url = f"/nhat-ky/units.orgunit/{cast.tree.village_a.pk}/"
    page = client_for(cast.official_a).get(url)
    assert page.status_code == 200
    assert "Thôn Đông Mới" in page.content.decode()
    assert "province_officer" in page.content.decode()


def test_history_page_is_404_for_another_commune_and_unknown_models(cast, client_for):
    _rename_village(cast)
    stranger = client_for(cast.official_b)
    assert stranger.get(f"/nhat-ky/units.orgunit/{cast.tree.village_a.pk}/").status_code == 404
    assert stranger.get("/nhat-ky/audit.auditentry/1/").status_code == 404
    assert stranger.get("/nhat-ky/nosuch.model/1/").status_code == 404
    assert stranger.get("/nhat-ky/units.orgunit/999999/").status_code == 404


def test_audit_list_is_scoped_to_the_subtree(cast, client_for):
    _rename_village(cast)
    officer_page = client_for(cast.province_officer).get("/nhat-ky/")
    assert "Thôn Đông Mới" in officer_page.content.decode()
    leader_page = client_for(cast.leader_a).get("/nhat-ky/")
    assert "Thôn Đông Mới" in leader_page.content.decode()
    for stranger in (cast.official_b, cast.other_province_officer, cast.official_a):
        page = client_for(stranger).get("/nhat-ky/")
        assert page.status_code == 200
        assert "Thôn Đông Mới" not in page.content.decode()


def test_audit_list_query_count_does_not_grow_with_rows(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.province_officer)
    for i in range(3):
        _rename_village(cast, f"Thôn {i}")
    with django_assert_max_num_queries(12) as few:
        client.get("/nhat-ky/")
    for i in range(30):
        _rename_village(cast, f"Thôn nhiều {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/nhat-ky/")
    assert "Thôn nhiều 29" in response.content.decode()
