import pytest
from rest_framework.test import APIClient

from danvan.reports.tests.conftest import FULL, NARRATIVE

pytestmark = pytest.mark.django_db

BASE = "/api/v1/reports"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _figures(template, **values):
    return {str(i.pk): values[i.code] for i in template.indicators.all() if i.code in values}


def test_rounds_are_scoped(cast, report_round):
    assert api(cast.province_officer).get(f"{BASE}/rounds/").json()["results"][0]["id"] == (
        report_round.pk
    )
    assert api(cast.official_a).get(f"{BASE}/rounds/").json()["results"]  # asked to report
    assert api(cast.other_province_officer).get(f"{BASE}/rounds/").json()["results"] == []
    detail = api(cast.official_a).get(f"{BASE}/rounds/{report_round.pk}/").json()
    assert [i["code"] for i in detail["indicators"]] == [
        "plans_issued",
        "plans_public",
        "satisfaction",
    ]
    assert detail["sections"][0] == {"key": "results", "title": "Kết quả đạt được"}
    assert api(cast.other_province_officer).get(
        f"{BASE}/rounds/{report_round.pk}/"
    ).status_code == (404)


def test_status_and_consolidated_are_for_the_recipient(cast, report_round):
    officer = api(cast.province_officer)
    status = officer.get(f"{BASE}/rounds/{report_round.pk}/status/").json()
    assert status["total"]["expected"] == 2
    assert {u["name"] for u in status["missing_units"]} == {"Xã Trường Sơn", "Xã Kim Phú"}
    assert officer.get(f"{BASE}/rounds/{report_round.pk}/consolidated/").status_code == 200
    for user in (cast.official_a, cast.other_province_officer):
        for tail in ("status/", "consolidated/"):
            assert api(user).get(f"{BASE}/rounds/{report_round.pk}/{tail}").status_code == 404


def test_fill_submit_and_review_through_the_api(cast, submission_a, template):
    url = f"{BASE}/submissions/{submission_a.pk}/"
    official = api(cast.official_a)
    bad = official.patch(url, {"figures": _figures(template, plans_issued="-2")}, format="json")
    assert bad.status_code == 400
    assert (
        bad.json()["error"]["field"] == f"value_{template.indicators.get(code='plans_issued').pk}"
    )
    unknown = official.patch(url, {"figures": {"999999": "1"}}, format="json")
    assert unknown.status_code == 400
    saved = official.patch(
        url, {"figures": _figures(template, **FULL), "narrative": NARRATIVE}, format="json"
    )
    assert saved.status_code == 200
    assert saved.json()["status"] == "draft"
    assert official.post(f"{url}submit/", {}, format="json").status_code == 403
    submitted = api(cast.leader_a).post(f"{url}submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert official.patch(url, {"narrative": {"results": "x"}}, format="json").status_code == 409
    assert (
        api(cast.leader_a).post(f"{url}review/", {"decision": "accept"}, format="json").status_code
        == 404
    )
    returned = api(cast.province_officer).post(
        f"{url}review/", {"decision": "return"}, format="json"
    )
    assert returned.status_code == 400
    accepted = api(cast.province_officer).post(
        f"{url}review/", {"decision": "accept"}, format="json"
    )
    assert accepted.json()["status"] == "accepted"
    figures = (
        api(cast.province_officer)
        .get(f"{BASE}/rounds/{submission_a.round_id}/consolidated/")
        .json()
    )
    assert float({f["code"]: f["value"] for f in figures}["plans_issued"]) == 3


def test_another_unit_gets_nothing(cast, submission_a):
    url = f"{BASE}/submissions/{submission_a.pk}/"
    for user in (cast.official_b, cast.other_province_officer):
        client = api(user)
        assert client.get(url).status_code == 404
        assert client.patch(url, {"narrative": {}}, format="json").status_code == 404
        assert client.post(f"{url}submit/", {}, format="json").status_code == 404
        assert client.post(f"{url}review/", {"decision": "accept"}, format="json").status_code == (
            404
        )
        listed = client.get(f"{BASE}/submissions/").json()["results"]
        assert submission_a.pk not in [s["id"] for s in listed]
    # The recipient lists the round's reports; commune A lists its own only.
    officer = api(cast.province_officer).get(f"{BASE}/submissions/?round={submission_a.round_id}")
    assert len(officer.json()["results"]) == 2
    own = api(cast.official_a).get(f"{BASE}/submissions/").json()["results"]
    assert [s["id"] for s in own] == [submission_a.pk]


def test_bad_ids_are_404(cast):
    client = api(cast.province_officer)
    assert client.get(f"{BASE}/rounds/abc/").status_code == 404
    assert client.get(f"{BASE}/submissions/999999/").status_code == 404
    assert client.get(f"{BASE}/submissions/?status=nonsense").status_code == 400
