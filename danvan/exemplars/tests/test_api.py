import pytest

from danvan.exemplars.models import Exemplar, Status
from danvan.exemplars.tests.factories import YEAR, make_model

pytestmark = pytest.mark.django_db
BASE = "/api/v1/exemplars/"


def test_list_is_scoped_and_filtered(cast, client_for):
    make_model(cast.official_a, cast.tree.commune_a, title="Đường làng")
    make_model(cast.official_a, cast.tree.commune_a, title="Khác", kind="collective")
    response = client_for(cast.official_a).get(BASE, {"kind": "collective"})
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == ["Khác"]
    assert client_for(cast.official_b).get(BASE).json()["results"] == []
    assert client_for(cast.official_a).get(BASE, {"kind": "nope"}).status_code == 400


def test_create_register_and_read(cast, client_for):
    client = client_for(cast.official_a)
    original = make_model(cast.official_b, cast.tree.commune_b, title="Gốc")
    response = client.post(
        BASE,
        {
            "unit": cast.tree.commune_a.pk,
            "year": YEAR,
            "kind": "initiative",
            "field": "economy",
            "title": "Nhân rộng",
            "replicates": original.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["origin"] == "replicated"
    response = client.post(f"{BASE}{pk}/register/")
    assert response.status_code == 200 and response.json()["status"] == Status.REGISTERED
    tree = client_for(cast.official_b).get(f"{BASE}{original.pk}/replications/").json()
    assert tree[0]["id"] == pk and tree[0]["parent"] == original.pk
    detail = client_for(cast.official_b).get(f"{BASE}{original.pk}/").json()
    assert detail["reach"]["units"] == 2


def test_create_outside_reach_and_bad_input(cast, client_for):
    client = client_for(cast.official_b)
    response = client.post(
        BASE,
        {
            "unit": cast.tree.commune_a.pk,
            "year": YEAR,
            "kind": "initiative",
            "field": "economy",
            "title": "X",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["error"]["field"] == "unit"
    response = client.post(
        BASE,
        {
            "unit": cast.tree.commune_b.pk,
            "year": YEAR,
            "kind": "bogus",
            "field": "economy",
            "title": "X",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Exemplar.objects.exists()


def test_another_commune_gets_404(cast, client_for):
    model = make_model(cast.official_a, cast.tree.commune_a, register=False)
    client = client_for(cast.official_b)
    assert client.get(f"{BASE}{model.pk}/").status_code == 404
    assert client.get(f"{BASE}{model.pk}/replications/").status_code == 404
    assert client.post(f"{BASE}{model.pk}/register/").status_code == 404
    assert client.get(f"{BASE}dashboard/", {"unit": cast.tree.commune_a.pk}).status_code == 404
    model.refresh_from_db()
    assert model.status == Status.DRAFT


def test_dashboard(cast, client_for):
    make_model(cast.official_a, cast.tree.commune_a)
    response = client_for(cast.province_officer).get(
        f"{BASE}dashboard/", {"unit": cast.tree.province.pk, "year": YEAR}
    )
    data = response.json()
    assert data["registered"] == 1 and data["by_field"]["economy"] == 1
    assert cast.tree.commune_b.pk in {row["id"] for row in data["below_quota"]}
