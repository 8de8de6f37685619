"""Who sees what: a unit's drafts stay inside it; assignees see the issued plan; another
province sees nothing."""

import pytest
from django.urls import reverse

from danvan.accounts import access
from danvan.plans import selectors, services
from danvan.plans.models import Plan, Task, TaskAssignment, TaskUpdate
from danvan.plans.tests.conftest import TODAY
from danvan.plans.tests.files import PDF, upload


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pages_of(plan: Plan) -> list[tuple[str, str]]:
    """(method, url) of every page about ``plan``."""
    section = plan.sections.first()
    task = plan.tasks.first()
    assignment = TaskAssignment.objects.filter(task__plan=plan).first()
    urls = [
        ("get", reverse("plans:plan-detail", args=[plan.pk])),
        ("get", reverse("plans:plan-edit", args=[plan.pk])),
        ("post", reverse("plans:plan-edit", args=[plan.pk])),
        ("get", reverse("plans:plan-delete", args=[plan.pk])),
        ("post", reverse("plans:plan-delete", args=[plan.pk])),
        ("get", reverse("plans:plan-issue", args=[plan.pk])),
        ("post", reverse("plans:plan-issue", args=[plan.pk])),
        ("post", reverse("plans:plan-publish", args=[plan.pk])),
        ("get", reverse("plans:cascade", args=[plan.pk])),
        ("post", reverse("plans:cascade", args=[plan.pk])),
        ("get", reverse("plans:section-create", args=[plan.pk])),
        ("post", reverse("plans:section-create", args=[plan.pk])),
        ("get", reverse("plans:task-create", args=[plan.pk])),
        ("post", reverse("plans:task-create", args=[plan.pk])),
        ("get", reverse("plans:unit-options", args=[plan.pk]) + "?q=thon"),
        ("get", reverse("plans:section-edit", args=[section.pk])),
        ("post", reverse("plans:section-edit", args=[section.pk])),
        ("get", reverse("plans:section-delete", args=[section.pk])),
        ("post", reverse("plans:section-delete", args=[section.pk])),
        ("get", reverse("plans:task-edit", args=[task.pk])),
        ("post", reverse("plans:task-edit", args=[task.pk])),
        ("get", reverse("plans:task-delete", args=[task.pk])),
        ("post", reverse("plans:task-delete", args=[task.pk])),
        ("get", reverse("plans:assignment-detail", args=[assignment.pk])),
        ("post", reverse("plans:assignment-detail", args=[assignment.pk])),
    ]
    return urls


def test_commune_b_gets_404_for_commune_as_draft_on_every_page(client_for, cast, draft_plan):
    client = client_for(cast.official_b)
    for method, url in pages_of(draft_plan):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    assert Plan.objects.get().title == draft_plan.title
    assert Task.objects.count() == 1


def test_commune_b_gets_404_for_commune_as_issued_plan_and_its_evidence(
    client_for, cast, issued_plan
):
    assignment = TaskAssignment.objects.get(unit=cast.tree.ubnd_a)
    update = services.assignment_update_status(
        actor=cast.official_a,
        assignment=assignment,
        status="in_progress",
        progress=10,
        files=[upload("a.pdf", PDF)],
    )
    client = client_for(cast.official_b)
    for method, url in [
        *pages_of(issued_plan),
        ("get", reverse("plans:evidence", args=[update.evidence.get().pk])),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)


def test_another_province_sees_nothing_of_this_province(
    client_for, cast, issued_plan, province_plan
):
    officer = cast.other_province_officer
    assert not selectors.plan_queryset(officer).exists()
    assert not selectors.task_queryset(officer).exists()
    assert not access.scope(officer, TaskAssignment.objects.all()).exists()
    client = client_for(officer)
    for plan in (issued_plan, province_plan):
        for method, url in pages_of(plan):
            assert getattr(client, method)(url).status_code == 404, (method, url)
    for name in ("plans:plan-list", "plans:my-tasks", "plans:overdue"):
        html = client.get(reverse(name)).content.decode()
        assert "KH-UBND" not in html and "Tuyên truyền" not in html, name


def test_a_unit_assigned_a_task_sees_the_issued_plan_but_not_the_draft(
    client_for, cast, make_plan, make_task
):
    plan = make_plan(unit=cast.tree.ubnd_province, actor=cast.province_officer)
    make_task(plan, actor=cast.province_officer, lead=cast.tree.commune_b)
    client = client_for(cast.official_b)
    url = reverse("plans:plan-detail", args=[plan.pk])
    assert client.get(url).status_code == 404  # a draft stays with its unit
    services.plan_issue(
        actor=cast.province_officer, plan=plan, number="9", symbol="KH-UBND", issued_on=TODAY
    )
    html = client.get(url).content.decode()
    assert "9/KH-UBND" in html and "Xã Kim Phú" in html
    # it sees, but cannot change, the province's plan
    assert client.get(reverse("plans:plan-edit", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:task-create", args=[plan.pk])).status_code == 403
    # and reports its own part
    assignment = TaskAssignment.objects.get(task__plan=plan)
    response = client.post(
        reverse("plans:assignment-detail", args=[assignment.pk]),
        {"status": "in_progress", "progress": 20, "note": "Đã triển khai"},
    )
    assert response.status_code == 302
    assert TaskUpdate.objects.filter(assignment=assignment).exists()
    # commune A, not assigned, sees nothing of it
    assert client_for(cast.official_a).get(url).status_code == 404


def test_co_assignees_see_statuses_but_not_each_others_reports(
    client_for, cast, make_plan, make_task
):
    plan = make_plan(unit=cast.tree.ubnd_province, actor=cast.province_officer)
    make_task(
        plan, actor=cast.province_officer, lead=cast.tree.commune_a, support=[cast.tree.commune_b]
    )
    services.plan_issue(
        actor=cast.province_officer, plan=plan, number="10", symbol="KH-UBND", issued_on=TODAY
    )
    part_a = TaskAssignment.objects.get(unit=cast.tree.commune_a)
    services.assignment_update_status(
        actor=cast.official_a,
        assignment=part_a,
        status="in_progress",
        progress=50,
        note="Ghi chú nội bộ của xã A",
    )
    html = (
        client_for(cast.official_b)
        .get(reverse("plans:assignment-detail", args=[part_a.pk]))
        .content.decode()
    )
    assert "50%" in html and "Ghi chú nội bộ của xã A" not in html
    assert 'name="status"' not in html  # no report form: not its part
    html = (
        client_for(cast.province_officer)
        .get(reverse("plans:assignment-detail", args=[part_a.pk]))
        .content.decode()
    )
    assert "Ghi chú nội bộ của xã A" in html  # the issuing side reads the reports
