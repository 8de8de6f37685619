"""The democracy API: the same reach and rules as the pages; results hidden until the close."""

import pytest
from django.utils import timezone

from danvan.conftest import login
from danvan.democracy.models import Matter
from danvan.democracy.services import voting
from danvan.democracy.tests import factories
from danvan.democracy.tests.conftest import in_hours, make_matter, open_vote

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"
TODAY = timezone.localdate()


def test_a_disclosure_is_entered_and_listed_only_for_its_commune(cast):
    client = login(cast.official_a)
    response = client.post(
        f"{API}/disclosures/",
        {
            "unit": cast.tree.commune_a.pk,
            "item": "xa-11-1",
            "title": "Kế hoạch KT-XH 2026",
            "decided_on": str(TODAY),
            "channel": "board",
            "posted_from": str(TODAY),
            "posted_until": str(TODAY),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["is_short"] is True  # one day on the board, the law asks 30
    assert login(cast.official_b).get(f"{API}/disclosures/").json()["results"] == []
    assert (
        login(cast.official_b).get(f"{API}/disclosures/{response.json()['id']}/").status_code == 404
    )
    bad = client.post(
        f"{API}/disclosures/",
        {
            "unit": cast.tree.commune_b.pk,
            "item": "xa-11-1",
            "title": "x",
            "decided_on": str(TODAY),
            "channel": "board",
            "posted_from": str(TODAY),
            "posted_until": str(TODAY),
        },
        content_type="application/json",
    )
    assert bad.status_code == 404


def test_a_tally_with_more_votes_than_households_is_a_400_and_nothing_is_saved(cast, places):
    matter = make_matter(cast.official_a, places.village_a, households=50)
    response = login(cast.official_a).post(
        f"{API}/matters/{matter.pk}/tally/",
        {"held_on": str(TODAY), "taking_part": 40, "agreeing": 30, "disagreeing": 11},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "more_votes_than_households"
    assert Matter.objects.get(pk=matter.pk).agreeing is None
    assert (
        login(cast.official_b)
        .post(f"{API}/matters/{matter.pk}/tally/", {}, content_type="application/json")
        .status_code
        == 404
    )


def test_the_online_result_is_409_until_the_close(cast, places):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    voting.cast_ballot(matter=matter, code=printed[0], choice="agree")
    client = login(cast.official_a)
    hidden = client.get(f"{API}/matters/{matter.pk}/result/")
    assert hidden.status_code == 409 and hidden.json()["error"]["code"] == "result_hidden"
    assert client.get(f"{API}/matters/{matter.pk}/").json()["result"] is None
    Matter.objects.filter(pk=matter.pk).update(opens_at=in_hours(-30), closes_at=in_hours(-1))
    shown = client.get(f"{API}/matters/{matter.pk}/result/").json()
    assert shown == {
        "households": 3,
        "taking_part": 1,
        "agreeing": 1,
        "disagreeing": 0,
        "agreeing_share": 0.3333,
        "passed": False,
    }
    assert (
        login(cast.other_province_officer).get(f"{API}/matters/{matter.pk}/result/").status_code
        == 404
    )


def test_only_a_leader_of_the_commune_recognises(cast, places):
    from danvan.democracy.services import decisions

    matter = make_matter(cast.official_a, places.village_a, households=10, kind="covenant")
    decisions.tally_record(
        actor=cast.official_a,
        matter=matter,
        held_on=TODAY,
        taking_part=8,
        agreeing=7,
        disagreeing=1,
    )
    login(cast.official_a).post(f"{API}/matters/{matter.pk}/send/")
    assert (
        login(cast.official_a)
        .post(
            f"{API}/matters/{matter.pk}/recognise/",
            {"recognised": True},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    ok = login(cast.leader_a).post(
        f"{API}/matters/{matter.pk}/recognise/",
        {"recognised": True, "note": "QĐ 3"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "recognised"


def test_compliance_consultations_boards_and_works_stay_in_reach(cast):
    factories.disclosure(cast.official_a, cast.tree.commune_a)
    factories.consultation(cast.official_a, cast.tree.commune_a)
    factories.board(cast.official_a, cast.tree.commune_a)
    factories.work(cast.official_a, cast.tree.commune_a)
    province = (
        login(cast.province_officer)
        .get(f"{API}/compliance/", {"unit": cast.tree.province.pk})
        .json()
    )
    assert {row["unit"]["name"] for row in province} == {"Xã Trường Sơn", "Xã Kim Phú"}
    assert (
        login(cast.official_b)
        .get(f"{API}/compliance/", {"unit": cast.tree.commune_a.pk})
        .status_code
        == 404
    )
    other = login(cast.official_b)
    for endpoint in ("consultations", "boards", "works", "matters"):
        assert other.get(f"{API}/{endpoint}/").json()["results"] == [], endpoint
    assert len(login(cast.official_a).get(f"{API}/consultations/").json()["results"]) == 1
    assert (
        login(cast.official_b)
        .post(
            f"{API}/consultations/1/comments/",
            {"source": "meeting", "text": "x"},
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_anonymous_gets_nothing(client):
    for endpoint in ("disclosures", "compliance", "matters", "consultations", "boards", "works"):
        assert client.get(f"{API}/{endpoint}/").status_code in (401, 403)
