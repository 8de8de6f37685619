import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.units import services
from danvan.units.models import Level, OrgUnit
from danvan.units.tests.factories import OrgUnitFactory, unit_type


def url(name, unit=None):
    return reverse(f"units:{name}", args=[unit.pk] if unit is not None else [])


def text(response) -> str:
    return response.content.decode()


def reload(unit):
    return OrgUnit.objects.get(pk=unit.pk)


def add_villages(parent, count, prefix="Thôn Mới"):
    for i in range(count):
        OrgUnitFactory(
            name=f"{prefix} {i}", unit_type=unit_type("village"), level=Level.VILLAGE, parent=parent
        )


# --- reading -----------------------------------------------------------------------------


def test_province_officer_sees_tree_and_commune_b_official_cannot_open_commune_a(cast, client_for):
    officer = client_for(cast.province_officer)
    response = officer.get(url("detail", cast.tree.commune_a))
    assert response.status_code == 200
    assert "Xã Trường Sơn" in text(response)

    stranger = client_for(cast.official_b)
    assert stranger.get(url("detail", cast.tree.commune_a)).status_code == 404
    assert stranger.get(url("children", cast.tree.commune_a)).status_code == 404


def test_tree_starts_at_the_users_reach_and_expands_lazily(cast, client_for):
    client = client_for(cast.province_officer)
    page = text(client.get(url("tree")))
    assert "Tỉnh Quảng Trị" in page
    assert "Xã Trường Sơn" not in page  # loaded when the node is opened
    assert f'hx-get="{url("children", cast.tree.province)}"' in page
    fragment = client.get(url("children", cast.tree.province), HTTP_HX_REQUEST="true")
    assert "<html" not in text(fragment)
    assert "Xã Trường Sơn" in text(fragment)
    assert "Xã Kim Phú" in text(fragment)
    assert "Tỉnh Bắc Ninh" not in text(client.get(url("tree")))


def test_a_user_without_grants_is_told_to_ask_for_one(cast, client_for):
    from danvan.accounts.tests.factories import UserFactory

    page = text(client_for(UserFactory()).get(url("tree")))
    assert "You have not been granted a role" in page


def test_detail_shows_breadcrumbs_linking_only_what_the_user_can_open(cast, client_for):
    page = text(client_for(cast.official_a).get(url("detail", cast.tree.village_a)))
    assert f'href="{url("detail", cast.tree.commune_a)}"' in page
    assert "Tỉnh Quảng Trị" in page  # named in the breadcrumbs...
    assert f'href="{url("detail", cast.tree.province)}"' not in page  # ...but not a link


def test_manage_buttons_only_for_users_who_may_manage(cast, client_for):
    commune = cast.tree.commune_a
    officer_page = text(client_for(cast.province_officer).get(url("detail", commune)))
    for name in ("create", "edit", "move", "deactivate"):
        assert url(name, commune) in officer_page
    assert url("delete", commune) not in officer_page  # an official unit is never deleted
    assert url("delete", cast.tree.village_a) in text(
        client_for(cast.province_officer).get(url("detail", cast.tree.village_a))
    )
    for user in (cast.official_a, cast.leader_a):
        page = text(client_for(user).get(url("detail", commune)))
        assert 'data-testid="manage-buttons"' not in page
        assert url("edit", commune) not in page


def test_an_old_unit_stays_readable_and_points_to_its_successor(cast, client_for):
    tree = cast.tree
    services.unit_deactivate(
        actor=cast.province_officer,
        unit=tree.commune_b,
        valid_to=timezone.localdate() - dt.timedelta(days=3),
        successor=tree.commune_a,
    )
    page = text(client_for(cast.official_b).get(url("detail", tree.commune_b)))
    assert 'data-testid="inactive-notice"' in page
    assert "Succeeded by" in page
    assert "Xã Trường Sơn" in page
    successor_page = text(client_for(cast.province_officer).get(url("detail", tree.commune_a)))
    assert "Merged into this unit" in successor_page
    assert "Xã Kim Phú" in successor_page
    children = text(client_for(cast.province_officer).get(url("children", tree.province)))
    assert children.count('data-testid="inactive"') == 1


# --- search ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["truong son", "Trường Sơn", "TRUONG   SƠN", "xa truong"])
def test_search_with_or_without_diacritics(cast, client_for, query):
    page = text(client_for(cast.province_officer).get(url("search"), {"q": query}))
    assert 'data-testid="search-results"' in page
    assert "Xã Trường Sơn" in page
    assert "Tỉnh Bắc Ninh" not in page


def test_search_flags_inactive_units(cast, client_for):
    services.unit_deactivate(actor=cast.province_officer, unit=cast.tree.village_a)
    response = client_for(cast.official_a).get(url("search"), {"q": "thon dong"})
    assert 'data-testid="inactive"' in text(response)


def test_search_as_you_type_returns_a_fragment(cast, client_for):
    response = client_for(cast.official_a).get(url("search"), {"q": "dong"}, HTTP_HX_REQUEST="true")
    assert "<html" not in text(response)
    assert "Thôn Đông" in text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a" * 500, "too long"),
        ("!!! ... ???", "at least one letter or digit"),
        ("%_", "at least one letter or digit"),
    ],
)
def test_bad_search_gets_a_clear_message(cast, client_for, query, message):
    response = client_for(cast.province_officer).get(url("search"), {"q": query})
    assert response.status_code == 200
    assert message in text(response)
    assert 'data-testid="search-results"' not in text(response)


def test_search_says_when_only_the_first_results_are_shown(cast, client_for):
    client = client_for(cast.official_a)
    add_villages(cast.tree.commune_a, 49, prefix="Thôn Rẫy")
    assert "Only the first" not in text(client.get(url("search"), {"q": "thon ray"}))
    add_villages(cast.tree.commune_a, 2, prefix="Thôn Rẫy Mới")
    page = text(client.get(url("search"), {"q": "thon ray"}))
    assert page.count('<li class="list-group-item">') == 50
    assert "Only the first 50 results are shown" in page


def test_search_without_a_query_shows_just_the_form(cast, client_for):
    response = client_for(cast.province_officer).get(url("search"))
    assert response.status_code == 200
    assert "No unit matches" not in text(response)


# --- query counts ------------------------------------------------------------------------

PAGES = {
    "tree": lambda tree: url("tree"),
    "children": lambda tree: url("children", tree.commune_a),
    "detail": lambda tree: url("detail", tree.commune_a),
    "search": lambda tree: url("search") + "?q=thon",
}
# Every request of a logged-in user costs 5 queries (session, user, two 2FA device checks,
# role grants); on top of that each page makes a fixed number of its own.
BASELINE = 6
MAX_QUERIES = {
    "tree": BASELINE + 1,
    "children": BASELINE + 2,
    "detail": BASELINE + 5,  # unit, ancestors, children, predecessors, former names
    "search": BASELINE + 2,  # matching ids, then their rows (see unit_search)
}


@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_does_not_grow_with_rows(
    cast, client_for, django_assert_max_num_queries, page
):
    client = client_for(cast.province_officer)
    target = PAGES[page](cast.tree)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        assert client.get(target).status_code == 200
    add_villages(cast.tree.commune_a, 30)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(target)
    if page in ("children", "detail", "search"):
        assert "Thôn Mới 29" in text(response)


# --- management: create and edit ---------------------------------------------------------


def test_create_a_village_through_the_form(cast, client_for):
    client = client_for(cast.province_officer)
    form = client.get(url("create", cast.tree.commune_a))
    assert form.status_code == 200
    response = client.post(
        url("create", cast.tree.commune_a),
        {
            "name": "Tổ dân phố 3",
            "short_name": "",
            "unit_type": unit_type("residential_group").pk,
            "official_code": "",
            "valid_from": "2025-07-01",
        },
    )
    unit = OrgUnit.objects.get(name="Tổ dân phố 3")
    assert response.status_code == 302
    assert response["Location"] == url("detail", unit)
    assert unit.parent == cast.tree.commune_a
    assert unit.valid_from == dt.date(2025, 7, 1)
    page = text(client.get(response["Location"]))
    assert "Tổ dân phố 3 was created." in page


def test_the_type_list_offers_only_types_that_fit(cast, client_for):
    page = text(client_for(cast.province_officer).get(url("create", cast.tree.commune_a)))
    assert "Thôn, ấp, bản" in page
    assert "Ban Tuyên giáo và Dân vận" in page
    assert ">Tỉnh<" not in page
    assert ">Xã<" not in page


def post_unit(client, target, **fields):
    data = {
        "name": "Thôn Bắc",
        "short_name": "",
        "unit_type": unit_type("village").pk,
        "official_code": "",
        "valid_from": "",
    }
    return client.post(target, {**data, **fields})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 201}, "at most 200 characters"),
        ({"official_code": "19204"}, "Official code 19204 is already used by another unit."),
        ({"unit_type": "999999"}, "Select a valid choice"),
        ({"unit_type": "province"}, "Select a valid choice"),
        ({"valid_from": "31/02/2025"}, "Enter a valid date."),
    ],
)
def test_create_with_bad_input_shows_the_error_on_its_field(cast, client_for, fields, message):
    if fields.get("unit_type") == "province":
        fields = {"unit_type": unit_type("province").pk}
    count = OrgUnit.objects.count()
    response = post_unit(
        client_for(cast.province_officer), url("create", cast.tree.commune_a), **fields
    )
    assert response.status_code == 200
    assert message in text(response)
    assert 'class="invalid-feedback d-block"' in text(response)
    assert OrgUnit.objects.count() == count


def test_edit_through_the_form(cast, client_for):
    client = client_for(cast.province_officer)
    village = cast.tree.village_a
    assert 'value="Thôn Đông"' in text(client.get(url("edit", village)))
    response = post_unit(client, url("edit", village), name="Thôn Đông Thượng")
    assert response.status_code == 302
    assert reload(village).name == "Thôn Đông Thượng"


def test_edit_with_a_duplicate_code_changes_nothing(cast, client_for):
    client = client_for(cast.province_officer)
    response = post_unit(
        client,
        url("edit", cast.tree.village_a),
        name="Thôn Đông",
        unit_type=unit_type("village").pk,
        official_code="19204",
    )
    assert "is already used by another unit" in text(response)
    assert reload(cast.tree.village_a).official_code == cast.tree.village_a.official_code


# --- management: move --------------------------------------------------------------------


def test_move_chooser_offers_only_units_the_user_may_manage(cast, client_for):
    client = client_for(cast.province_officer)
    page = text(client.get(url("move", cast.tree.village_a), {"q": "xa"}))
    assert f'value="{cast.tree.commune_b.pk}"' in page
    assert f'value="{cast.tree.other_commune.pk}"' not in page  # another province
    assert f'value="{cast.tree.commune_a.pk}"' not in page  # where it already is
    fragment = client.get(url("move", cast.tree.commune_a), {"q": "dong"}, HTTP_HX_REQUEST="true")
    assert "<html" not in text(fragment)
    assert f'value="{cast.tree.village_a.pk}"' not in text(fragment)  # its own subtree


def test_move_a_village_to_another_commune(cast, client_for):
    client = client_for(cast.province_officer)
    response = client.post(url("move", cast.tree.village_a), {"parent": cast.tree.commune_b.pk})
    assert response.status_code == 302
    assert reload(cast.tree.village_a).parent == cast.tree.commune_b


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("village_a", "cannot be moved under itself or one of its own subordinate units"),
        ("commune_a", "cannot be moved under itself"),
        ("other_commune", "this one cannot be chosen here"),
        ("999999", "this one cannot be chosen here"),
        ("abc", "this one cannot be chosen here"),
        ("99999999999999999999999", "this one cannot be chosen here"),
        ("", "Choose the unit to move it under."),
    ],
)
def test_move_with_a_bad_target_shows_the_error_and_changes_nothing(
    cast, client_for, target, message
):
    tree = cast.tree
    parent = getattr(tree, target).pk if hasattr(tree, target) else target
    paths = dict(OrgUnit.objects.values_list("pk", "path"))
    response = client_for(cast.province_officer).post(
        url("move", tree.commune_a), {"parent": parent}
    )
    assert response.status_code == 200
    assert message in text(response)
    assert dict(OrgUnit.objects.values_list("pk", "path")) == paths


# --- management: deactivate and delete ---------------------------------------------------


def test_deactivate_with_a_successor_through_the_form(cast, client_for):
    client = client_for(cast.province_officer)
    page = text(client.get(url("deactivate", cast.tree.commune_b), {"q": "truong son"}))
    assert f'value="{cast.tree.commune_a.pk}"' in page
    response = client.post(
        url("deactivate", cast.tree.commune_b),
        {"valid_to": timezone.localdate().isoformat(), "successor": cast.tree.commune_a.pk},
    )
    assert response.status_code == 302
    commune_b = reload(cast.tree.commune_b)
    assert not commune_b.is_active
    assert commune_b.successor == cast.tree.commune_a


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"successor": "other_commune"}, "this one cannot be chosen here"),
        ({"successor": "abc"}, "this one cannot be chosen here"),
        ({"successor": "village_a"}, "cannot be the unit itself or one of its subordinate units"),
        ({"valid_to": ""}, "This field is required."),
        ({"valid_to": "not a date"}, "Enter a valid date."),
    ],
)
def test_deactivate_with_bad_input_changes_nothing(cast, client_for, data, message):
    tree = cast.tree
    post = {"valid_to": timezone.localdate().isoformat(), "successor": ""}
    post.update(data)
    if hasattr(tree, post["successor"]):
        post["successor"] = getattr(tree, post["successor"]).pk
    response = client_for(cast.province_officer).post(url("deactivate", tree.commune_a), post)
    assert response.status_code == 200
    assert message in text(response)
    assert reload(tree.commune_a).is_active


def test_delete_an_empty_unit_goes_back_to_its_parent(cast, client_for):
    mistake = OrgUnitFactory(name="Thôn Nhầm", parent=cast.tree.commune_a)
    client = client_for(cast.province_officer)
    assert "This cannot be undone." in text(client.get(url("delete", mistake)))
    response = client.post(url("delete", mistake))
    assert response.status_code == 302
    assert response["Location"] == url("detail", cast.tree.commune_a)
    assert not OrgUnit.objects.filter(pk=mistake.pk).exists()


def test_delete_a_unit_with_data_offers_to_deactivate_it(cast, client_for):
    unit = OrgUnitFactory(name="Ban Thi đua", parent=cast.tree.commune_a)
    OrgUnitFactory(name="Tổ 1", parent=unit)
    response = client_for(cast.province_officer).post(url("delete", unit))
    assert response.status_code == 200
    assert "cannot be deleted: it still has units" in text(response)
    assert url("deactivate", unit) in text(response)
    assert OrgUnit.objects.filter(pk=unit.pk).exists()


# --- history -----------------------------------------------------------------------------


def test_history_page_lists_every_change_made_through_the_services(cast, client_for):
    tree = cast.tree
    officer = cast.province_officer
    village = services.unit_create(
        actor=officer, parent=tree.commune_a, name="Thôn Nam", unit_type=unit_type("village")
    )
    services.unit_update(
        actor=officer, unit=village, name="Thôn Nam Hà", unit_type=unit_type("village")
    )
    services.unit_move(actor=officer, unit=village, new_parent=tree.commune_b)
    services.unit_deactivate(actor=officer, unit=village, successor=tree.village_a)
    assert AuditEntry.objects.filter(object_id=str(village.pk)).count() == 4
    history = reverse("audit:history", args=["units.orgunit", village.pk])
    detail = text(client_for(officer).get(url("detail", village)))
    assert f'href="{history}"' in detail
    page = text(client_for(officer).get(history))
    for action in ("unit.created", "unit.updated", "unit.moved", "unit.deactivated"):
        assert action in page
    assert "Thôn Nam Hà" in page
    assert client_for(cast.other_province_officer).get(history).status_code == 404
