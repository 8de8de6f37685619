import pytest
from django.utils import timezone
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

URL = "/api/v1/cases/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_list_and_detail_follow_access(make_case, cast, django_assert_max_num_queries):
    case = make_case()
    for _ in range(10):
        make_case()
    client = api(cast.official_a)
    with django_assert_max_num_queries(8):
        body = client.get(URL).json()
    assert len(body["results"]) == 11
    assert "petitioner" not in body["results"][0]
    detail = client.get(f"{URL}{case.pk}/").json()
    assert detail["petitioner"]["name"] == "Nguyễn Văn Dân"
    for stranger in (cast.official_b, cast.other_province_officer):
        assert api(stranger).get(URL).json()["results"] == []
        assert api(stranger).get(f"{URL}{case.pk}/").status_code == 404


def test_filters_and_bad_filters(make_case, cast):
    make_case()
    client = api(cast.official_a)
    assert len(client.get(URL, {"status": "received", "mine": "true"}).json()["results"]) == 1
    assert client.get(URL, {"overdue": "true"}).json()["results"] == []
    assert client.get(URL, {"status": "nope"}).status_code == 400


def test_create_through_the_api(cast):
    client = api(cast.official_a)
    data = {
        "unit": cast.tree.commune_a.pk,
        "kind": "proposal",
        "channel": "hotline",
        "content": "Đề nghị sửa đường",
        "received_on": timezone.localdate().isoformat(),
    }
    response = client.post(URL, data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["accept_due"]
    data["unit"] = cast.tree.commune_b.pk
    assert client.post(URL, data, format="json").status_code == 400
    data["unit"] = cast.tree.commune_a.pk
    data["received_on"] = "2999-01-01"
    assert client.post(URL, data, format="json").status_code == 400
    assert api(cast.official_b).get(URL).json()["results"] == []
