"""The oversight API: recommendations with filters, answering by API, the inbox, the dashboard,
inspections (audited member reads), supervisions and critiques."""

import datetime as dt
import uuid

import pytest
from django.test import Client

from danvan.api import services as api_services
from danvan.audit.models import AuditEntry
from danvan.oversight import kinds
from danvan.oversight.models import RecommendationStatus
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
BASE = "/api/v1/oversight"


@pytest.fixture(autouse=True)
def _own_throttle_counts(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"oversight-api-tests-{uuid.uuid4()}",
        },
    }


@pytest.fixture
def api():
    def make(user) -> Client:
        secret = api_services.token_create(actor=user, name="test", expires_at=None).secret
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture
def overdue(ov, recommend):
    return recommend(
        actor=ov.organiser,
        issuer=ov.home_affairs,
        source_kind=kinds.INSPECTION,
        issued_on=TODAY - dt.timedelta(days=40),
        due_date=TODAY - dt.timedelta(days=1),
        text="Công khai quy trình",
    )


class TestRecommendations:
    def test_list_filters_and_the_overdue_flag(self, cast, ov, overdue, recommend, api):
        recommend()
        client = api(cast.province_officer)
        rows = client.get(f"{BASE}/recommendations/").json()["results"]
        assert len(rows) == 2
        rows = client.get(f"{BASE}/recommendations/", {"status": "overdue"}).json()["results"]
        assert [r["id"] for r in rows] == [overdue.pk]
        assert rows[0]["is_overdue"] is True
        assert rows[0]["source_kind_label"] == "Inspections"
        rows = client.get(f"{BASE}/recommendations/", {"kind": kinds.FRONT_SUPERVISION}).json()
        assert len(rows["results"]) == 1
        bad = client.get(f"{BASE}/recommendations/", {"status": "whatever", "year": "x"})
        assert bad.status_code == 400

    def test_another_province_sees_nothing_and_gets_404(self, cast, overdue, api):
        client = api(cast.other_province_officer)
        assert client.get(f"{BASE}/recommendations/").json()["results"] == []
        assert client.get(f"{BASE}/recommendations/{overdue.pk}/").status_code == 404
        response = client.post(
            f"{BASE}/recommendations/{overdue.pk}/answer/",
            {"kind": "done", "text": "x"},
            content_type="application/json",
        )
        assert response.status_code == 404

    def test_answering_by_api_then_verifying(self, cast, ov, overdue, api):
        response = api(cast.official_a).post(
            f"{BASE}/recommendations/{overdue.pk}/answer/",
            {"kind": "explained", "text": "Đã niêm yết từ tháng trước"},
            content_type="application/json",
        )
        assert response.status_code == 201
        body = response.json()
        assert body["status"] == "answered"
        assert body["answers"][0]["is_late"] is True
        again = api(cast.official_a).post(
            f"{BASE}/recommendations/{overdue.pk}/answer/",
            {"kind": "done", "text": "Lại"},
            content_type="application/json",
        )
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "awaiting_verification"
        forbidden = api(cast.official_a).post(
            f"{BASE}/recommendations/{overdue.pk}/verify/", {}, content_type="application/json"
        )
        assert forbidden.status_code == 403
        verified = api(ov.organiser).post(
            f"{BASE}/recommendations/{overdue.pk}/verify/",
            {"note": "Đúng"},
            content_type="application/json",
        )
        assert verified.json()["status"] == RecommendationStatus.DONE

    def test_bad_answers(self, cast, overdue, api):
        client = api(cast.official_a)
        url = f"{BASE}/recommendations/{overdue.pk}/answer/"
        assert (
            client.post(
                url, {"kind": "maybe", "text": "x"}, content_type="application/json"
            ).status_code
            == 400
        )
        empty = client.post(url, {"kind": "done", "text": "   "}, content_type="application/json")
        assert empty.status_code == 400
        stale = client.post(
            url, {"kind": "done", "text": "x", "version": 99}, content_type="application/json"
        )
        assert stale.status_code == 409
        assert not overdue.answers.exists()
        assert client.get(f"{BASE}/recommendations/abc/").status_code == 404

    def test_inbox_and_dashboard(self, cast, overdue, api):
        rows = api(cast.official_a).get(f"{BASE}/recommendations/inbox/").json()["results"]
        assert [r["id"] for r in rows] == [overdue.pk]
        board = (
            api(cast.province_officer)
            .get(f"{BASE}/recommendations/dashboard/", {"unit": cast.tree.province.pk})
            .json()
        )
        assert board["totals"]["overdue"] == 1
        assert board["by_area"][0]["label"] == "Xã Trường Sơn"
        denied = api(cast.official_b).get(
            f"{BASE}/recommendations/dashboard/", {"unit": cast.tree.province.pk}
        )
        assert denied.status_code == 404
        assert api(cast.official_b).get(f"{BASE}/recommendations/dashboard/").status_code == 400


class TestProcedures:
    def test_inspections_member_reads_audited(self, cast, ov, notified, api):
        rows = api(ov.invited).get(f"{BASE}/inspections/", {"side": "team"}).json()["results"]
        assert [r["id"] for r in rows] == [notified.pk]
        detail = api(ov.invited).get(f"{BASE}/inspections/{notified.pk}/")
        assert detail.json()["unit"]["name"] == "Xã Trường Sơn"
        assert AuditEntry.objects.filter(action="inspection.read", actor=ov.invited).exists()
        assert api(cast.official_b).get(f"{BASE}/inspections/{notified.pk}/").status_code == 404

    def test_supervisions_and_critiques(self, cast, ov, api):
        from danvan.oversight.critiques import services as critiques

        critique = critiques.critique_create(
            actor=cast.official_a,
            unit=cast.tree.ubnd_a,
            kind="plan",
            title="Kế hoạch",
            organisations=[ov.front_a],
            published_on=TODAY,
            critique_due=TODAY,
            answer_due=TODAY + dt.timedelta(days=5),
        )
        critiques.critique_submit(
            actor=ov.front_officer,
            critique=critique,
            organisation=ov.front_a,
            submitted_on=TODAY,
            points=["Bổ sung vốn"],
        )
        points = api(cast.official_a).get(f"{BASE}/critiques/{critique.pk}/points/").json()
        assert points[0]["text"] == "Bổ sung vốn"
        assert points[0]["answer_kind"] is None
        assert (
            api(cast.official_b).get(f"{BASE}/critiques/{critique.pk}/points/").status_code == 404
        )
        assert (
            api(cast.official_a).get(f"{BASE}/critiques/").json()["results"][0]["title"]
            == "Kế hoạch"
        )
        assert api(cast.official_a).get(f"{BASE}/supervisions/").status_code == 200

    def test_the_schema_documents_the_refusals(self, client):
        schema = client.get("/api/schema/", headers={"Accept": "application/json"}).json()
        answer = schema["paths"]["/api/v1/oversight/recommendations/{id}/answer/"]["post"]
        assert {"201", "400", "403", "404", "409"} <= set(answer["responses"])
