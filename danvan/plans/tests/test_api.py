"""The plans API: scoped like the pages, in the error format, cursor-paginated."""

import uuid

import pytest
from django.test import Client

from danvan.api import services as api_services
from danvan.plans.models import Plan, PlanStatus, TaskAssignment, TaskUpdate
from danvan.plans.tests.conftest import YEAR


@pytest.fixture(autouse=True)
def _own_throttle_counts(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"plans-api-tests-{uuid.uuid4()}",
        },
    }


@pytest.fixture
def api():
    def make(user) -> Client:
        secret = api_services.token_create(actor=user, name="test", expires_at=None).secret
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


def error_of(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


def test_list_and_read_plans(api, cast, issued_plan, province_plan):
    client = api(cast.official_a)
    body = client.get("/api/v1/plans/").json()
    assert [p["code"] for p in body["results"]] == ["12/KH-UBND"]
    detail = client.get(f"/api/v1/plans/{issued_plan.pk}/").json()
    assert [s["numeral"] for s in detail["sections"]] == ["I", "II", "III"]
    assert detail["status"] == "issued" and detail["unit_name"] == "Xã Trường Sơn"
    other = api(cast.official_b).get("/api/v1/plans/").json()["results"]
    assert [p["code"] for p in other] == ["45/KH-UBND"]  # assigned a task of it


def test_the_list_is_cursor_paginated_and_filtered(api, cast, make_plan):
    for n in range(5):
        make_plan(title=f"Kế hoạch tuyên truyền {n}")
    make_plan(title="Kế hoạch khác")
    client = api(cast.official_a)
    first = client.get("/api/v1/plans/", {"page_size": 2, "q": "tuyen truyen"}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert {p["id"] for p in first["results"]}.isdisjoint({p["id"] for p in second["results"]})
    assert client.get("/api/v1/plans/", {"status": "issued"}).json()["results"] == []
    response = client.get("/api/v1/plans/", {"year": "abc"})
    assert response.status_code == 400 and error_of(response)["field"] == "year"
    response = client.get("/api/v1/plans/", {"cursor": "forged"})
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_create_and_update_a_draft(api, cast):
    client = api(cast.official_a)
    response = client.post(
        "/api/v1/plans/",
        {
            "unit": cast.tree.commune_a.pk,
            "title": "Kế hoạch qua API",
            "period_start": YEAR,
            "period_end": YEAR,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    plan_id = response.json()["id"]
    assert len(response.json()["sections"]) == 3
    response = client.patch(
        f"/api/v1/plans/{plan_id}/", {"place": "Trường Sơn"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["place"] == "Trường Sơn"


def test_bad_input_is_a_400_in_the_error_format_and_saves_nothing(api, cast):
    client = api(cast.official_a)
    for payload, field in (
        (
            {
                "unit": cast.tree.commune_b.pk,
                "title": "X",
                "period_start": YEAR,
                "period_end": YEAR,
            },
            "unit",
        ),
        (
            {
                "unit": cast.tree.commune_a.pk,
                "title": "X",
                "period_start": YEAR,
                "period_end": YEAR - 1,
            },
            "period_end",
        ),
        (
            {"unit": cast.tree.commune_a.pk, "title": "", "period_start": YEAR, "period_end": YEAR},
            "title",
        ),
        (
            {
                "unit": cast.tree.commune_a.pk,
                "title": "X",
                "period_start": YEAR,
                "period_end": YEAR,
                "legal_bases": [999999],
            },
            "legal_bases",
        ),
    ):
        response = client.post("/api/v1/plans/", payload, content_type="application/json")
        assert response.status_code == 400, payload
        assert error_of(response)["field"] == field
    assert not Plan.objects.exists()


def test_an_issued_plan_cannot_be_patched(api, cast, issued_plan):
    response = api(cast.leader_a).patch(
        f"/api/v1/plans/{issued_plan.pk}/", {"title": "Đổi"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "plan_issued"


def test_api_lists_keep_their_query_count(
    api, cast, issued_plan, make_plan, make_task, django_assert_max_num_queries
):
    client = api(cast.official_a)
    with django_assert_max_num_queries(10) as plans:
        client.get("/api/v1/plans/")
    with django_assert_max_num_queries(10) as tasks:
        client.get("/api/v1/plans/tasks/")
    for n in range(10):
        make_task(make_plan(title=f"Kế hoạch {n}"), support=[cast.tree.village_a])
    with django_assert_max_num_queries(len(plans.captured_queries)):
        assert len(client.get("/api/v1/plans/").json()["results"]) == 11
    with django_assert_max_num_queries(len(tasks.captured_queries)):
        assert len(client.get("/api/v1/plans/tasks/").json()["results"]) == 11


def test_tasks_with_their_assignees(api, cast, issued_plan):
    client = api(cast.official_a)
    body = client.get("/api/v1/plans/tasks/", {"plan": issued_plan.pk}).json()
    (task,) = body["results"]
    assert {(a["unit_name"], a["role"]) for a in task["assignments"]} == {
        ("UBND xã Trường Sơn", "lead"),
        ("Thôn Đông", "support"),
    }
    assert client.get(f"/api/v1/plans/tasks/{task['id']}/").json()["content"] == task["content"]
    assert client.get("/api/v1/plans/tasks/", {"overdue": "true"}).json()["results"] == []


def test_the_assignee_reports_its_status(api, cast, issued_plan):
    assignment = TaskAssignment.objects.get(unit=cast.tree.ubnd_a)
    url = f"/api/v1/plans/assignments/{assignment.pk}/status/"
    response = api(cast.official_a).post(
        url,
        {"status": "in_progress", "progress": 60, "note": "Đang triển khai"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["progress"] == 60
    response = api(cast.official_a).post(
        url, {"status": "not_started", "progress": 20}, content_type="application/json"
    )
    assert response.status_code == 400 and error_of(response)["field"] == "progress"
    response = api(cast.official_b).post(url, {"status": "done"}, content_type="application/json")
    assert response.status_code == 404
    assert TaskUpdate.objects.count() == 1


def test_commune_b_gets_404_for_commune_as_draft_everywhere(api, cast, draft_plan):
    client = api(cast.official_b)
    task = draft_plan.tasks.get()
    assignment = task.assignments.first()
    for response in (
        client.get(f"/api/v1/plans/{draft_plan.pk}/"),
        client.patch(
            f"/api/v1/plans/{draft_plan.pk}/", {"title": "x"}, content_type="application/json"
        ),
        client.get(f"/api/v1/plans/tasks/{task.pk}/"),
        client.post(
            f"/api/v1/plans/assignments/{assignment.pk}/status/",
            {"status": "done"},
            content_type="application/json",
        ),
    ):
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert client.get("/api/v1/plans/tasks/", {"plan": draft_plan.pk}).json()["results"] == []
    assert client.get("/api/v1/plans/").json()["results"] == []
    draft_plan.refresh_from_db()
    assert draft_plan.status == PlanStatus.DRAFT and draft_plan.title != "x"


def test_another_province_sees_nothing_of_this_one(api, cast, issued_plan, province_plan):
    client = api(cast.other_province_officer)
    assert client.get("/api/v1/plans/").json()["results"] == []
    assert client.get("/api/v1/plans/tasks/").json()["results"] == []
    for plan in (issued_plan, province_plan):
        assert client.get(f"/api/v1/plans/{plan.pk}/").status_code == 404
