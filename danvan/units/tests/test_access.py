"""Every page and endpoint of the units app, asked by people who should not get through."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.units.models import OrgUnit

UNIT_PAGES = ["detail", "children", "create", "edit", "move", "deactivate", "delete"]
MANAGE_PAGES = ["create", "edit", "move", "deactivate", "delete"]
UNIT_ENDPOINTS = ["api:unit-detail", "api:unit-children"]


def page(name, unit):
    return reverse(f"units:{name}", args=[unit.pk])


def endpoint(name, unit):
    return reverse(name, args=[unit.pk])


def snapshot():
    return list(OrgUnit.objects.order_by("pk").values_list("pk", "name", "path", "valid_to"))


@pytest.mark.parametrize("name", UNIT_PAGES)
@pytest.mark.parametrize("target", ["commune_a", "village_a", "ubnd_a"])
def test_commune_b_official_gets_404_for_commune_a_units(cast, client_for, name, target):
    unit = getattr(cast.tree, target)
    client = client_for(cast.official_b)
    assert client.get(page(name, unit)).status_code == 404


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_posting_to_another_communes_unit_gets_404_and_changes_nothing(cast, client_for, name):
    before = snapshot()
    data = {"name": "Bị chiếm", "parent": cast.tree.commune_b.pk, "valid_to": "2025-08-01"}
    response = client_for(cast.official_b).post(page(name, cast.tree.village_a), data)
    assert response.status_code == 404
    assert snapshot() == before
    assert not AuditEntry.objects.filter(action__startswith="unit.").exists()


@pytest.mark.parametrize("name", UNIT_PAGES)
@pytest.mark.parametrize("target", ["province", "commune_a", "ubnd_province"])
def test_other_province_officer_gets_404_for_this_provinces_units(cast, client_for, name, target):
    unit = getattr(cast.tree, target)
    assert client_for(cast.other_province_officer).get(page(name, unit)).status_code == 404


@pytest.mark.parametrize("name", UNIT_ENDPOINTS)
def test_api_answers_404_out_of_reach(cast, client_for, name):
    response = client_for(cast.official_b).get(endpoint(name, cast.tree.commune_a))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    other = client_for(cast.other_province_officer)
    for unit in (cast.tree.province, cast.tree.commune_a):
        assert other.get(endpoint(name, unit)).status_code == 404


def test_lists_and_searches_show_nothing_out_of_reach(cast, client_for):
    stranger = client_for(cast.official_b)
    tree_page = stranger.get(reverse("units:tree")).content.decode()
    assert "Xã Kim Phú" in tree_page
    assert "Xã Trường Sơn" not in tree_page
    search = stranger.get(reverse("units:search"), {"q": "truong son"}).content.decode()
    assert "Xã Trường Sơn" not in search
    api = stranger.get(reverse("api:unit-list"), {"q": "truong son"}).json()
    assert api["results"] == []
    other = client_for(cast.other_province_officer)
    names = [u["name"] for u in other.get(reverse("api:unit-list")).json()["results"]]
    assert sorted(names) == ["Tỉnh Bắc Ninh", "Xã Trường Sơn"]
    [found] = other.get(reverse("api:unit-list"), {"q": "truong son"}).json()["results"]
    assert found["official_code"] == "07489"


@pytest.mark.parametrize("user", ["official_a", "leader_a"])
@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_who_only_sees_a_unit_gets_403_on_its_management_pages(cast, client_for, user, name):
    before = snapshot()
    client = client_for(getattr(cast, user))
    assert client.get(page(name, cast.tree.village_a)).status_code == 403
    assert client.post(page(name, cast.tree.village_a), {"name": "X"}).status_code == 403
    assert snapshot() == before


def test_the_move_chooser_never_offers_units_out_of_manage_reach(cast, client_for):
    """The province officer sees the nation's name in breadcrumbs, but cannot move under it."""
    response = client_for(cast.province_officer).post(
        page("move", cast.tree.commune_a), {"parent": cast.tree.nation.pk}
    )
    assert response.status_code == 200
    assert "this one cannot be chosen here" in response.content.decode()
    assert OrgUnit.objects.get(pk=cast.tree.commune_a.pk).parent == cast.tree.province


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_anonymous_users_are_sent_to_log_in(cast, name):
    response = Client().get(page(name, cast.tree.commune_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["units:tree", "units:search"])
def test_anonymous_users_are_sent_to_log_in_from_lists(cast, name):
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "target", ["api:unit-list", "api:unit-detail", "api:unit-children"], ids=str
)
def test_anonymous_api_calls_are_refused(cast, target):
    args = [] if target == "api:unit-list" else [cast.tree.commune_a.pk]
    response = Client().get(reverse(target, args=args))
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"
    assert "Xã" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/don-vi/abc/",
        "/don-vi/1.5/con/",
        "/don-vi/-1/sua/",
        "/don-vi/99999999999999999999999/",
        "/don-vi/99999999999999999999999/chuyen/",
        "/api/v1/units/abc/",
        "/api/v1/units/99999999999999999999999/",
        "/api/v1/units/99999999999999999999999/children/",
    ],
)
def test_ids_that_are_not_integers_or_do_not_exist_are_404(cast, client_for, path):
    assert client_for(cast.admin).get(path).status_code == 404
