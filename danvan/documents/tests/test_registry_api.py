"""The registry's API: read by any authenticated caller, written by those who write plans."""

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.api import services as api_services
from danvan.documents import services
from danvan.documents.models import LegalDocument

LIST = reverse("api:legal-document-list")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _own_throttle_counts(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"documents-api-tests-{uuid.uuid4()}",
        },
    }


def api(user) -> Client:
    secret = api_services.token_create(actor=user, name="test", expires_at=None).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def error_of(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    return body["error"]


@pytest.fixture
def directive(cast) -> LegalDocument:
    return services.legal_document_register(
        actor=cast.province_officer,
        doc_type="Chỉ thị",
        number="11",
        symbol="CT/TU",
        issued_on=dt.date(2022, 8, 8),
        issuer="Ban Thường vụ Tỉnh ủy",
        title="lãnh đạo phong trào thi đua “Dân vận khéo”",
    )


def detail(document) -> str:
    return reverse("api:legal-document-detail", args=[document.pk])


NEW = {
    "doc_type": "Nghị quyết",
    "code": "30c/NQ-CP",
    "issued_on": "2011-11-08",
    "issuer": "Chính phủ",
    "title": "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011-2020",
}


def test_anonymous_callers_get_401_in_the_error_format(client, directive):
    for response in (
        client.get(LIST),
        client.get(detail(directive)),
        client.post(LIST, NEW, content_type="application/json"),
    ):
        assert response.status_code == 401
        assert error_of(response)["code"] == "not_authenticated"
    assert LegalDocument.objects.count() == 1


def test_any_caller_reads_the_list_and_the_detail(cast, directive):
    nobody = UserFactory()  # no role anywhere
    for user in (cast.official_b, cast.other_province_officer, nobody):
        client = api(user)
        [row] = client.get(LIST).json()["results"]
        assert row["code"] == "11-CT/TU"
        body = client.get(detail(directive)).json()
        assert body == {
            "id": directive.pk,
            "doc_type": "Chỉ thị",
            "number": "11",
            "symbol": "CT/TU",
            "code": "11-CT/TU",
            "issued_on": "2022-08-08",
            "issuer": "Ban Thường vụ Tỉnh ủy",
            "title": "lãnh đạo phong trào thi đua “Dân vận khéo”",
            "created_at": body["created_at"],
        }


def test_a_missing_document_is_a_404(cast):
    response = api(cast.official_a).get("/api/v1/documents/999999/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_registering_a_new_document_is_201_and_a_known_one_200(cast, directive):
    client = api(cast.official_a)
    created = client.post(LIST, NEW, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["code"] == "30c/NQ-CP"
    assert created.json()["number"] == "30c"
    again = client.post(
        LIST,
        {"doc_type": "Chỉ thị", "code": "11-CT/TU", "issuer": "Tỉnh ủy"},
        content_type="application/json",
    )
    assert again.status_code == 200
    assert again.json()["id"] == directive.pk
    assert again.json()["issuer"] == "Ban Thường vụ Tỉnh ủy"  # never overwritten
    assert LegalDocument.objects.count() == 2


def test_a_viewer_gets_403_and_nothing_is_saved(cast):
    viewer = UserFactory(home_unit=cast.tree.commune_a)
    grant(viewer, Role.VIEWER, cast.tree.commune_a)
    response = api(viewer).post(LIST, NEW, content_type="application/json")
    assert response.status_code == 403
    assert error_of(response) == {
        "code": "forbidden",
        "message": "Only officials who write plans may register legal documents.",
    }
    response = api(viewer).post(LIST, {"code": "nonsense"}, content_type="application/json")
    assert response.status_code == 403  # refused before the input is looked at
    assert not LegalDocument.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "NQ-CP"}, "code",
         "Write the number and symbol as the document does, e.g. 11-CT/TU or 30c/NQ-CP."),
        ({"doc_type": "Thư"}, "doc_type", "\"Thư\" is not a valid choice."),
        ({"issued_on": "2999-01-01"}, "issued_on",
         "The issue date 01/01/2999 is more than a year from today. Check the year."),
        ({"issued_on": "1900-01-01"}, "issued_on",
         "The issue date 01/01/1900 is before 2 September 1945. Check the year."),
        ({"issuer": "B" * 201}, "issuer", "Ensure this field has no more than 200 characters."),
        ({"code": "1" * 30 + "/NQ-CP"}, "number",
         "The number is digits, maybe followed by one letter, e.g. 11 or 30c."),
    ],
)  # fmt: skip
def test_bad_input_is_a_400_naming_the_field(cast, changes, field, message):
    response = api(cast.official_a).post(LIST, {**NEW, **changes}, content_type="application/json")
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["field"], error["message"]) == ("invalid", field, message)
    assert not LegalDocument.objects.exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a" * 500, "The search text is too long (at most 100 characters)."),
        ("?!", "Enter at least one letter or digit to search."),
    ],
)
def test_a_bad_search_is_a_400(cast, query, message):
    response = api(cast.official_a).get(LIST, {"q": query})
    assert response.status_code == 400
    assert (error_of(response)["field"], error_of(response)["message"]) == ("q", message)


def test_search_and_cursor_pagination(cast, directive, django_assert_max_num_queries):
    LegalDocument.objects.bulk_create(
        LegalDocument(
            doc_type="Quyết định",
            number=str(i),
            symbol="QĐ-UBND",
            code=f"{i}/QĐ-UBND",
            search_folded=f"quyet dinh {i}/qd-ubnd",
        )
        for i in range(7)
    )
    client = api(cast.official_b)
    assert [r["code"] for r in client.get(LIST, {"q": "dân vận"}).json()["results"]] == ["11-CT/TU"]
    seen, url = [], f"{LIST}?q=quyet+dinh&page_size=3"
    while url:
        with django_assert_max_num_queries(2):  # the token (with its user), the page
            body = client.get(url).json()
        seen += [r["code"] for r in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(f"{i}/QĐ-UBND" for i in range(7))


def test_the_code_is_kept_as_written(cast):
    response = api(cast.official_a).post(
        LIST,
        {"doc_type": "Chương trình phối hợp", "code": "Số: 4021/CTPH/UBND- BDVTU"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["symbol"], body["code"]) == (
        "4021",
        "CTPH/UBND-BDVTU",
        "4021/CTPH/UBND-BDVTU",
    )
