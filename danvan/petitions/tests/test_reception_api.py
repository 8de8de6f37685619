"""The API of reception sessions, voter petitions and dialogue conferences: scoped like the
pages, cursor-paginated, 404 for another unit's rows."""

import uuid

import pytest
from django.test import Client

from danvan.api import services as api_services
from danvan.petitions.reception import services

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cases"


@pytest.fixture(autouse=True)
def _own_throttle_counts(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"meetings-api-tests-{uuid.uuid4()}",
        },
    }


@pytest.fixture
def api():
    def make(user) -> Client:
        secret = api_services.token_create(actor=user, name="test", expires_at=None).secret
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture
def rows(cast, session_a, forwarded_a, conference_a):
    services.matter_add(actor=cast.official_a, session=session_a, content="<b>Phản ánh</b>")
    services.dialogue_issue_add(actor=cast.official_a, conference=conference_a, content="Vấn đề")
    return {
        "reception-sessions": session_a.pk,
        "voter-petitions": forwarded_a.pk,
        "dialogues": conference_a.pk,
    }


def test_list_and_read(api, cast, rows):
    client = api(cast.official_a)
    for name, pk in rows.items():
        listing = client.get(f"{BASE}/{name}/")
        assert listing.status_code == 200, name
        assert [row["id"] for row in listing.json()["results"]] == [pk]
        detail = client.get(f"{BASE}/{name}/{pk}/")
        assert detail.status_code == 200 and detail.json()["id"] == pk
    session = client.get(f"{BASE}/reception-sessions/{rows['reception-sessions']}/").json()
    assert session["citizens"] == 8
    assert session["matters"][0]["content"] == "<b>Phản ánh</b>"  # data, escaped by clients
    conference = client.get(f"{BASE}/dialogues/{rows['dialogues']}/").json()
    assert conference["issues"][0]["content"] == "Vấn đề"


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_another_unit_gets_nothing(api, cast, rows, who):
    client = api(getattr(cast, who))
    for name, pk in rows.items():
        assert client.get(f"{BASE}/{name}/").json()["results"] == [], name
        response = client.get(f"{BASE}/{name}/{pk}/")
        assert response.status_code == 404, name
        assert response.json()["error"]["code"] == "not_found"


def test_the_agency_reads_a_petition_forwarded_to_it(api, cast, petition_a, today):
    services.voter_petition_forward(
        actor=cast.official_a, petition=petition_a, agency=cast.tree.commune_b, forwarded_on=today
    )
    client = api(cast.official_b)
    assert [r["id"] for r in client.get(f"{BASE}/voter-petitions/").json()["results"]] == [
        petition_a.pk
    ]
    assert client.get(f"{BASE}/voter-petitions/{petition_a.pk}/").status_code == 200


def test_bad_filters_are_400(api, cast, rows):
    client = api(cast.official_a)
    assert client.get(f"{BASE}/voter-petitions/", {"status": "nope"}).status_code == 400
    assert client.get(f"{BASE}/reception-sessions/", {"year": "abc"}).status_code == 400
    assert client.get(f"{BASE}/dialogues/x/").status_code == 404


def test_status_filter(api, cast, rows):
    client = api(cast.official_a)
    assert client.get(f"{BASE}/voter-petitions/", {"status": "answered"}).json()["results"] == []
    forwarded = client.get(f"{BASE}/voter-petitions/", {"status": "forwarded"}).json()
    assert len(forwarded["results"]) == 1
