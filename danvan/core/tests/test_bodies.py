"""Request bodies are judged before they are read: too large is a 413 in the visitor's
language (JSON under /api/), deep JSON a 400, never a 500."""

import json

import pytest

from danvan.conftest import login

pytestmark = pytest.mark.django_db


def test_an_upload_announced_too_large_is_refused_before_it_is_read(cast, settings):
    client = login(cast.official_a)
    too_big = settings.DANVAN_MAX_UPLOAD_BYTES + 1
    response = client.generic(
        "POST",
        "/ke-hoach/nhap/",
        b"",  # nothing sent: the answer comes from the Content-Length alone
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(too_big),
    )
    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "quá lớn" in response.content.decode()


def test_a_30_mb_json_body_gets_the_apis_json_error(cast):
    client = login(cast.official_a)
    response = client.generic(
        "POST",
        "/api/v1/plans/",
        b"",
        CONTENT_TYPE="application/json",
        CONTENT_LENGTH=str(30 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "too_large"


def test_json_nested_a_thousand_levels_is_a_400(cast):
    client = login(cast.official_a)
    body = "[" * 1000 + "]" * 1000
    response = client.post("/api/v1/plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert (
        "nested too deeply" in response.json()["error"]["message"]
        or "lồng" in (response.json()["error"]["message"])
    )


def test_ordinary_json_still_reaches_the_api(cast):
    client = login(cast.official_a)
    response = client.post(
        "/api/v1/plans/", json.dumps({"title": ""}), content_type="application/json"
    )
    assert response.status_code == 400  # the serializer's own answer: the body was read
    assert response.json()["error"]["code"] == "invalid"
