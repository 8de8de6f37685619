"""Personal API tokens: issued once, stored hashed, refused once revoked, expired or orphaned."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.api import services
from danvan.api.models import ApiToken
from danvan.api.tests.helpers import error_of
from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, NotFoundError, ValidationFailed

UNITS = reverse("api:unit-list")


def test_a_new_token_is_returned_once_and_only_its_hash_is_stored(cast):
    issued = services.token_create(actor=cast.official_a, name="Báo cáo tháng", expires_at=None)
    token = ApiToken.objects.get()
    assert issued.secret.startswith(token.prefix + "_")
    assert len(issued.secret) > 50
    assert token.key_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
    stored = [
        str(v) for v in ApiToken.objects.values_list(*[f.attname for f in token._meta.fields]).get()
    ]
    assert not any(issued.secret in value for value in stored)
    entry = AuditEntry.objects.get(action="api_token.created")
    assert entry.actor == cast.official_a
    assert entry.after["name"] == "Báo cáo tháng"
    assert "key_hash" not in entry.after
    assert issued.secret not in str(entry.after)
    assert entry.unit_path == cast.tree.commune_a.path


def test_two_tokens_differ(cast):
    one = services.token_create(actor=cast.official_a, name="a", expires_at=None)
    two = services.token_create(actor=cast.official_a, name="a", expires_at=None)
    assert one.secret != two.secret
    assert one.token.key_hash != two.token.key_hash


@pytest.mark.parametrize(
    ("name", "expires_in", "field"),
    [("   ", 30, "name"), ("x" * 101, 30, "name"), ("ok", -1, "expires_at")],
)
def test_bad_input_creates_nothing(cast, name, expires_in, field):
    with pytest.raises(ValidationFailed) as caught:
        services.token_create(
            actor=cast.official_a, name=name, expires_at=timezone.now() + timedelta(days=expires_in)
        )
    assert caught.value.field == field
    assert not ApiToken.objects.exists()


def test_active_tokens_are_limited_but_revoked_ones_do_not_count(cast):
    tokens = [
        services.token_create(actor=cast.official_a, name=f"t{i}", expires_at=None).token
        for i in range(services.MAX_ACTIVE_TOKENS)
    ]
    with pytest.raises(ConflictError):
        services.token_create(actor=cast.official_a, name="one too many", expires_at=None)
    services.token_revoke(actor=cast.official_a, token=tokens[0])
    services.token_create(actor=cast.official_a, name="now it fits", expires_at=None)


def test_nobody_else_may_revoke_a_token_not_even_an_administrator(cast):
    token = services.token_create(actor=cast.official_a, name="mine", expires_at=None).token
    for other in (cast.official_b, cast.leader_a, cast.admin):
        with pytest.raises(NotFoundError):
            services.token_revoke(actor=other, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_is_audited_once(cast):
    token = services.token_create(actor=cast.official_a, name="mine", expires_at=None).token
    services.token_revoke(actor=cast.official_a, token=token)
    services.token_revoke(actor=cast.official_a, token=token)
    [entry] = AuditEntry.objects.filter(action="api_token.revoked")
    assert entry.before["revoked_at"] is None
    assert entry.after["revoked_at"] is not None


# --- Authenticating with a token ----------------------------------------------------------


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_a_token_acts_as_its_owner_with_the_owners_reach(cast, api_client, keyword):
    response = api_client(cast.official_a, keyword=keyword).get(UNITS)
    assert response.status_code == 200
    names = {unit["name"] for unit in response.json()["results"]}
    assert names == {"Xã Trường Sơn", "UBND xã Trường Sơn", "Thôn Đông"}


def test_without_credentials_the_answer_is_401_and_says_how_to_authenticate(client):
    response = client.get(UNITS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert error_of(response)["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer dvn_00000000_wrong",
        "Bearer",
        "Bearer two parts",
        "Token " + "x" * 500,
    ],
)
def test_a_wrong_token_is_401_in_the_error_format(cast, client, token_for, header):
    token_for(cast.official_a)
    response = client.get(UNITS, headers={"Authorization": header})
    assert response.status_code == 401
    assert error_of(response)["code"] == "token_invalid"


def test_a_revoked_token_stops_working_at_once(cast, api_client, token_for):
    secret = token_for(cast.official_a)
    client = api_client(cast.official_a, secret)
    assert client.get(UNITS).status_code == 200
    services.token_revoke(actor=cast.official_a, token=ApiToken.objects.get())
    response = client.get(UNITS)
    assert response.status_code == 401
    error = error_of(response)
    assert error["code"] == "token_revoked"
    assert error["message"] == "This API token has been revoked."


def test_an_expired_token_is_refused(cast, api_client, token_for):
    secret = token_for(cast.official_a, expires_at=timezone.now() + timedelta(days=1))
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api_client(cast.official_a, secret).get(UNITS)
    assert response.status_code == 401
    assert error_of(response)["code"] == "token_expired"


def test_the_tokens_of_a_deactivated_person_stop_working(cast, api_client, token_for):
    client = api_client(cast.official_a)
    assert client.get(UNITS).status_code == 200
    cast.official_a.is_active = False
    cast.official_a.save()
    response = client.get(UNITS)
    assert response.status_code == 401
    assert error_of(response)["code"] == "account_inactive"


def test_an_administrators_token_works_without_a_two_factor_session(cast, api_client):
    response = api_client(cast.admin).get(UNITS)
    assert response.status_code == 200
    assert "Tỉnh Bắc Ninh" in {unit["name"] for unit in response.json()["results"]}


def _token_updates(client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(UNITS).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]


def test_last_used_is_written_at_most_once_a_minute(cast, api_client):
    client = api_client(cast.official_a)
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    assert len(_token_updates(client)) == 1
    token.refresh_from_db()
    first = token.last_used_at
    assert timezone.now() - first < timedelta(seconds=5)
    assert _token_updates(client) == []
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(seconds=61))
    assert len(_token_updates(client)) == 1
    token.refresh_from_db()
    assert token.last_used_at >= first


def test_a_token_request_costs_three_queries_whatever_the_rows(
    cast, api_client, django_assert_max_num_queries
):
    client = api_client(cast.province_officer)
    client.get(UNITS)  # writes last_used_at
    # token with its owner, the owner's grants, the page of units.
    with django_assert_max_num_queries(3):
        first = client.get(UNITS)
    for i in range(30):
        _village(cast, i)
    with django_assert_max_num_queries(3):
        second = client.get(UNITS, {"page_size": 100})
    assert len(second.json()["results"]) == len(first.json()["results"]) + 30


def _village(cast, i):
    from danvan.units.models import Level
    from danvan.units.tests.factories import OrgUnitFactory, unit_type

    return OrgUnitFactory(
        name=f"Thôn {i}", unit_type=unit_type("village"), level=Level.VILLAGE,
        parent=cast.tree.commune_a,
    )  # fmt: skip
