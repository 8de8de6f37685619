import json

import pytest
from django.test import RequestFactory
from django.utils import translation

from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.core.middleware import DomainErrorMiddleware


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (ValidationFailed("Tên không được để trống.", field="name"), 400),
        (PermissionDeniedError(), 403),
        (NotFoundError(), 404),
        (ConflictError("Mã đã được dùng."), 409),
    ],
)
def test_domain_errors_map_to_status_for_html_and_json(error, status, db):
    middleware = DomainErrorMiddleware(lambda r: None)
    html = middleware.process_exception(RequestFactory().get("/don-vi/1/"), error)
    assert html.status_code == status
    assert str(error.message) in html.content.decode()

    api = middleware.process_exception(RequestFactory().get("/api/v1/units/1/"), error)
    assert api.status_code == status
    body = json.loads(api.content)
    assert body["error"]["code"] == error.code
    assert body["error"]["message"] == str(error.message)


def test_default_messages_are_vietnamese(db):
    with translation.override("vi"):
        assert str(NotFoundError().message) == "Không tìm thấy, hoặc bạn không có quyền truy cập."
        assert str(PermissionDeniedError().message) == "Bạn không có quyền thực hiện thao tác này."


def test_unknown_url_gives_a_vietnamese_404_page(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_unknown_api_address_answers_json_404(client, db):
    response = client.get("/api/v1/units/abc/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
