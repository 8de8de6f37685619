import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from danvan.units import services
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type

LIST = reverse("api:unit-list")


def names(response) -> list[str]:
    return [unit["name"] for unit in response.json()["results"]]


def test_detail_gives_the_unit_as_the_ui_shows_it(cast, client_for):
    commune = cast.tree.commune_a
    body = client_for(cast.official_a).get(reverse("api:unit-detail", args=[commune.pk])).json()
    assert body["name"] == "Xã Trường Sơn"
    assert body["official_code"] == "19204"
    assert body["unit_type"] == "commune"
    assert body["parent"] == cast.tree.province.pk
    assert body["is_active"] is True


def test_children_lists_subordinate_units(cast, client_for):
    response = client_for(cast.official_a).get(
        reverse("api:unit-children", args=[cast.tree.commune_a.pk])
    )
    assert sorted(names(response)) == ["Thôn Đông", "UBND xã Trường Sơn"]


@pytest.mark.parametrize("query", ["truong son", "Trường Sơn", "TRƯỜNG son", "xa  truong"])
def test_search_with_or_without_diacritics_finds_both_truong_son(cast, client_for, query):
    response = client_for(cast.admin).get(LIST, {"q": query})
    assert response.status_code == 200
    codes = sorted(u["official_code"] for u in response.json()["results"] if u["official_code"])
    assert codes == ["07489", "19204"]
    assert set(names(response)) == {"Xã Trường Sơn", "UBND xã Trường Sơn"}


def test_search_flags_inactive_units(cast, client_for):
    services.unit_deactivate(actor=cast.province_officer, unit=cast.tree.village_a)
    [village] = client_for(cast.official_a).get(LIST, {"q": "thon dong"}).json()["results"]
    assert village["is_active"] is False
    assert village["valid_to"] is not None


def test_an_empty_q_lists_everything_in_reach(cast, client_for):
    response = client_for(cast.official_a).get(LIST, {"q": "  "})
    assert sorted(names(response)) == ["Thôn Đông", "UBND xã Trường Sơn", "Xã Trường Sơn"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a" * 500, "The search text is too long (at most 100 characters)."),
        ("?!.,;:", "Enter at least one letter or digit to search."),
        ("%_", "Enter at least one letter or digit to search."),
        ("%%%___", "Enter at least one letter or digit to search."),
    ],
)
def test_bad_q_is_a_400_in_the_error_format(cast, client_for, query, message):
    response = client_for(cast.admin).get(LIST, {"q": query})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["field"] == "q"
    assert error["message"] == message


def test_cursor_pagination_walks_every_unit_once(cast, client_for):
    for i in range(7):
        OrgUnitFactory(
            name=f"Thôn {i}", unit_type=unit_type("village"), level=Level.VILLAGE,
            parent=cast.tree.commune_a,
        )  # fmt: skip
    client = client_for(cast.official_a)
    seen, next_url, pages = [], f"{LIST}?page_size=3", 0
    while next_url:
        body = client.get(next_url).json()
        assert len(body["results"]) <= 3
        seen += [u["id"] for u in body["results"]]
        next_url, pages = body["next"], pages + 1
    assert pages == 4  # 10 units: 3 + 3 + 3 + 1
    assert len(seen) == len(set(seen)) == 10
    assert "count" not in body  # keyset: no COUNT(*) over a national table


def test_a_malformed_cursor_is_not_a_server_error(cast, client_for):
    response = client_for(cast.admin).get(LIST, {"cursor": "%%%not-a-cursor"})
    assert response.status_code in (400, 404)
    assert "error" in response.json()


def test_page_size_is_bounded(cast, client_for):
    for i in range(5):
        OrgUnitFactory(name=f"Ban {i}", parent=cast.tree.commune_a)
    body = client_for(cast.official_a).get(LIST, {"page_size": "2"}).json()
    assert len(body["results"]) == 2
    assert client_for(cast.official_a).get(LIST, {"page_size": "x"}).status_code == 200


def test_list_query_count_does_not_grow_with_rows(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.province_officer)
    # 5 per request (session, user, 2FA devices, grants) + 1 for the page of units.
    with django_assert_max_num_queries(6):
        first = client.get(LIST, {"q": "thon"})
    for i in range(30):
        OrgUnitFactory(
            name=f"Thôn Mới {i}", unit_type=unit_type("village"), level=Level.VILLAGE,
            parent=cast.tree.commune_a,
        )  # fmt: skip
    with django_assert_max_num_queries(6):
        second = client.get(LIST, {"q": "thon"})
    assert len(second.json()["results"]) == len(first.json()["results"]) + 30
    with django_assert_max_num_queries(7):  # + the parent unit
        children = client.get(reverse("api:unit-children", args=[cast.tree.commune_a.pk]))
    assert len(children.json()["results"]) == 32


def test_schema_is_valid_openapi_and_documents_the_unit_endpoints(client_for, cast):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    list_op = schema["paths"]["/api/v1/units/"]["get"]
    assert {"q", "cursor"} <= {p["name"] for p in list_op["parameters"]}
    assert {"200", "400", "403"} <= set(list_op["responses"])
    assert "404" in schema["paths"]["/api/v1/units/{id}/"]["get"]["responses"]
    assert client_for(cast.official_a).get("/api/schema/").status_code == 200
