"""The OpenAPI schema, the interactive docs, and Schemathesis run against the schema."""

import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings, strategies
from schemathesis import checks

from danvan.api.tests.helpers import error_of

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
# Bounded so the whole run stays short as endpoints are added (derandomized: repeatable).
EXAMPLES_PER_OPERATION = 30


def fetch_schema(client) -> dict:
    response = client.get("/api/schema/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3_with_the_token_scheme(client):
    schema = fetch_schema(client)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "dvn_…",
        "description": "A personal API token, created on your profile page: send "
        "`Authorization: Bearer <token>` (or `Token <token>`).",
    }
    assert {"/api/v1/units/", "/api/v1/tokens/", "/api/v1/tokens/{id}/"} <= set(schema["paths"])


def test_every_operation_documents_its_errors_with_the_error_schema(client):
    schema = fetch_schema(client)
    error_body = schema["components"]["schemas"]["ApiErrorBody"]
    assert error_body["required"] == ["code", "message"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"401", "403", "429"} <= set(responses), (method, path)
            if "{" in path or "cursor" in {p["name"] for p in operation.get("parameters", [])}:
                assert "404" in responses, (method, path)
            assert {"apiToken": []} in operation["security"], (method, path)
            for code, response in responses.items():
                if code >= "400":
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
                    assert body["required"] == ["error"], (method, path, code)
            assert "Retry-After" in responses["429"]["headers"]


def test_schema_errors_are_json_too(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": "1/minute"},
    }
    client.get("/api/schema/")
    response = client.get("/api/schema/")
    assert response.status_code == 429
    assert error_of(response)["code"] == "throttled"


def test_the_docs_page_uses_the_vendored_swagger_ui(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    assert not [a for a in assets if a.startswith(("http:", "https:", "//"))]
    assert "/api/schema/" in page
    for asset in assets:
        if asset.startswith("/static/"):
            assert client.get(asset).status_code == 200, asset


# --- Schemathesis -------------------------------------------------------------------------


@pytest.fixture
def api_schema(cast, settings, token_for):
    """The schema as an API client would load it, with a token of the province officer, and
    no throttling (hundreds of requests in a few seconds)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None},
    }
    secret = token_for(cast.province_officer, name="schemathesis")
    # As Django's test client does: a request served inside the test must not close the
    # database connection that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
        yield schema, {"Authorization": f"Bearer {secret}"}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _real_ids(cast) -> dict[str, int]:
    """Ids that exist and are in the officer's reach, so 200 answers get checked as well."""
    from danvan.api.models import ApiToken

    return {
        "/api/v1/units/{id}/": cast.tree.commune_a.pk,
        "/api/v1/units/{id}/children/": cast.tree.province.pk,
        "/api/v1/tokens/{id}/": ApiToken.objects.get(name="schemathesis").pk,
    }


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(cast, api_schema):
    schema, headers = api_schema
    real_ids = _real_ids(cast)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:
        strategy = strategies.one_of(
            operation.as_strategy(),
            operation.as_strategy(schemathesis.GenerationMode.NEGATIVE),
        )
        if operation.path in real_ids:
            real = operation.as_strategy(path_parameters={"id": real_ids[operation.path]})
            strategy = strategies.one_of(strategy, real)

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
