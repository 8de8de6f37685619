"""The plan pages, as their users see them."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.plans.models import Plan, PlanAmendment, PlanStatus, Task, TaskAssignment, TaskUpdate
from danvan.plans.tests.conftest import DUE, TODAY, YEAR
from danvan.plans.tests.files import EXE, PDF, upload


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- List -----------------------------------------------------------------------------------


def test_the_list_shows_the_plans_in_reach_with_filters(
    client_for, cast, make_plan, issued_plan, province_plan
):
    make_plan(title="Kế hoạch tuyên truyền bầu cử")
    client = client_for(cast.official_a)
    html = page(client.get(reverse("plans:plan-list")))
    assert "Kế hoạch tuyên truyền bầu cử" in html
    assert "12/KH-UBND" in html
    # commune A does not see the province's plan: nothing is assigned or cascaded to it
    assert "Chỉ thị số 11-CT/TU" not in html
    html = page(client.get(reverse("plans:plan-list"), {"q": "tuyen truyen bau cu"}))
    assert "Kế hoạch tuyên truyền bầu cử" in html and "12/KH-UBND" not in html
    html = page(client.get(reverse("plans:plan-list"), {"status": "issued"}))
    assert "12/KH-UBND" in html and "bầu cử" not in html
    html = page(client.get(reverse("plans:plan-list"), {"year": YEAR + 5}))
    assert "No plan matches these filters." in html
    html = page(client_for(cast.official_b).get(reverse("plans:plan-list")))
    assert "12/KH-UBND" not in html and "bầu cử" not in html
    assert "Chỉ thị số 11-CT/TU" in html  # a task of it is assigned to commune B


def test_the_list_pages_with_a_constant_number_of_queries(
    client_for, cast, make_plan, django_assert_max_num_queries
):
    client = client_for(cast.official_a)
    make_plan()
    with django_assert_max_num_queries(12) as few:
        page(client.get(reverse("plans:plan-list"), {"scope": "mine"}))
    for n in range(40):
        make_plan(title=f"Kế hoạch số {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client.get(reverse("plans:plan-list"), {"scope": "mine"}))
    assert "More" in html
    html = page(
        client.get(reverse("plans:plan-list"), {"before": Plan.objects.order_by("id")[5].pk})
    )
    assert html.count('href="/ke-hoach/') >= 5


# --- Authoring ------------------------------------------------------------------------------


def test_creating_a_draft_from_the_form(client_for, cast):
    client = client_for(cast.official_a)
    html = page(client.get(reverse("plans:plan-create")))
    assert 'for="id_title"' in html and "Xã Trường Sơn" in html
    response = client.post(
        reverse("plans:plan-create"),
        {
            "unit": cast.tree.commune_a.pk,
            "title": "Kế hoạch dân vận năm",
            "period_start": YEAR,
            "period_end": YEAR,
            "signature_mode": "TM.",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "plans:plan-detail", args=[plan.pk]
    )
    html = page(client.get(response.url))
    for title in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN"):
        assert title in html


def test_form_errors_appear_next_to_their_fields(client_for, cast):
    client = client_for(cast.official_a)
    response = client.post(
        reverse("plans:plan-create"),
        {"unit": cast.tree.commune_b.pk, "title": "", "period_start": 2026, "period_end": 2020},
    )
    html = page(response)
    assert 'id="id_unit_errors"' in html and "Choose a unit whose plans you manage." in html
    assert 'id="id_title_errors"' in html
    assert 'id="id_period_end_errors"' in html
    assert not Plan.objects.exists()


def test_adding_a_task_with_units_and_a_recurring_deadline(client_for, cast, make_plan):
    plan = make_plan()
    client = client_for(cast.official_a)
    url = reverse("plans:task-create", args=[plan.pk])
    html = page(client.get(url))
    assert "UBND xã Trường Sơn" in html and "Thôn Đông" in html
    assert "Xã Kim Phú" not in html
    response = client.post(
        url,
        {
            "section": plan.sections.last().pk,
            "content": "Báo cáo kết quả",
            "lead_units": [cast.tree.ubnd_a.pk],
            "support_units": [cast.tree.village_a.pk],
            "deadline_kind": "recurring",
            "recurrence": "10/6, 01/11",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.recurrence == [[10, 6], [1, 11]]
    html = page(client.get(reverse("plans:plan-detail", args=[plan.pk])))
    assert "every year on 10/06, 01/11" in html


def test_task_form_errors_no_lead_and_unit_outside_reach(client_for, cast, make_plan):
    plan = make_plan()
    client = client_for(cast.official_a)
    url = reverse("plans:task-create", args=[plan.pk])
    html = page(client.post(url, {"content": "Nhiệm vụ", "deadline_kind": "none"}))
    assert 'id="id_lead_units_errors"' in html
    assert "Choose at least one lead unit" in html
    html = page(
        client.post(
            url,
            {
                "content": "Nhiệm vụ",
                "deadline_kind": "none",
                "lead_units": [cast.tree.commune_b.pk],
            },
        )
    )
    assert "Choose units of the plan&#x27;s territory from the list." in html
    html = page(
        client.post(
            url,
            {
                "content": "Nhiệm vụ",
                "lead_units": [cast.tree.ubnd_a.pk],
                "deadline_kind": "date",
                "due_date": f"{YEAR + 4}-01-01",
            },
        )
    )
    assert 'id="id_due_date_errors"' in html and "outside the plan&#x27;s period" in html
    assert not Task.objects.exists()


def test_the_unit_search_of_the_task_form(client_for, cast, make_plan):
    plan = make_plan()
    client = client_for(cast.official_a)
    url = reverse("plans:unit-options", args=[plan.pk])
    html = page(client.get(url, {"field": "support_units", "q": "thon dong"}))
    assert 'name="support_units"' in html and "Thôn Đông" in html
    assert "No other match than those already listed." in page(client.get(url, {"q": "kim phu"}))
    # A box ticked among earlier results stays ticked when the user searches again; boxes
    # already on the form are not repeated.
    html = page(
        client.get(
            url,
            {
                "field": "lead_units",
                "q": "truong son",
                "lead_units": [cast.tree.village_a.pk],
                "shown": str(cast.tree.commune_a.pk),
            },
        )
    )
    assert (
        f'value="{cast.tree.village_a.pk}" id="found_lead_units_{cast.tree.village_a.pk}" checked'
        in html
    )
    assert "UBND xã Trường Sơn" in html
    assert f'value="{cast.tree.commune_a.pk}"' not in html


def test_the_legal_document_search(client_for, cast):
    from danvan.documents.models import LegalDocument

    LegalDocument.objects.create(
        doc_type="Chỉ thị", number="11", symbol="CT/TU", code="11-CT/TU", issuer="Tỉnh ủy"
    )
    html = page(client_for(cast.official_a).get(reverse("plans:document-options"), {"q": "11 ct"}))
    assert 'name="legal_bases"' in html and "Chỉ thị số 11-CT/TU" in html
    assert (
        client_for(cast.other_province_officer).get(reverse("plans:document-options")).status_code
        == 200
    )


def test_issuing_and_amending(client_for, cast, draft_plan):
    official = client_for(cast.official_a)
    assert official.get(reverse("plans:plan-issue", args=[draft_plan.pk])).status_code == 403
    leader = client_for(cast.leader_a)
    url = reverse("plans:plan-issue", args=[draft_plan.pk])
    html = page(leader.get(url))
    assert 'for="id_number"' in html
    response = leader.post(
        url, {"number": "8", "symbol": "KH-UBND", "issued_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    draft_plan.refresh_from_db()
    assert draft_plan.status == PlanStatus.ISSUED
    edit = reverse("plans:plan-edit", args=[draft_plan.pk])
    html = page(leader.get(edit))
    assert "This plan has been issued." in html and 'for="id_reason"' in html
    data = {
        "title": "Tiêu đề đã sửa",
        "period_start": draft_plan.period_start,
        "period_end": draft_plan.period_end,
        "number": "8",
        "symbol": "KH-UBND",
        "issued_on": TODAY.isoformat(),
    }
    html = page(leader.post(edit, data))
    assert 'id="id_reason_errors"' in html
    response = leader.post(edit, {**data, "reason": "Sửa tên"})
    assert response.status_code == 302
    assert PlanAmendment.objects.get().reason == "Sửa tên"
    html = page(leader.get(reverse("plans:plan-detail", args=[draft_plan.pk])))
    assert "Sửa tên" in html and "Tiêu đề đã sửa" in html


def test_a_duplicate_number_is_a_clear_error_on_the_issue_form(
    client_for, cast, issued_plan, make_plan, make_task
):
    second = make_plan()
    make_task(second)
    html = page(
        client_for(cast.leader_a).post(
            reverse("plans:plan-issue", args=[second.pk]),
            {"number": "12", "symbol": "KH-UBND", "issued_on": TODAY.isoformat()},
        )
    )
    assert 'id="id_number_errors"' in html
    assert "already issued a plan numbered 12/KH-UBND" in html


# --- Follow-up ------------------------------------------------------------------------------


def test_my_tasks_and_the_status_report_with_evidence(client_for, cast, issued_plan):
    client = client_for(cast.official_a)
    html = page(client.get(reverse("plans:my-tasks")))
    assert "Tuyên truyền, phổ biến kế hoạch đến Nhân dân" in html
    assignment = TaskAssignment.objects.get(unit=cast.tree.ubnd_a)
    url = reverse("plans:assignment-detail", args=[assignment.pk])
    html = page(client.get(url))
    assert 'for="id_note"' in html and 'accept=".pdf,.docx' in html
    html = page(
        client.post(
            url,
            {"status": "in_progress", "progress": 50, "files": [upload("x.pdf", EXE)]},
        )
    )
    assert "is not really a PDF document" in html
    assert not TaskUpdate.objects.exists()
    response = client.post(
        url,
        {
            "status": "in_progress",
            "progress": 50,
            "note": "Đã họp dân",
            "files": [upload("bien-ban.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    html = page(client.get(url))
    assert "Đã họp dân" in html and "bien-ban.pdf" in html
    evidence = TaskUpdate.objects.get().evidence.get()
    download = client.get(reverse("plans:evidence", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "bien-ban.pdf" in download["Content-Disposition"]
    assert (
        client_for(cast.official_b).get(reverse("plans:evidence", args=[evidence.pk])).status_code
        == 404
    )


def test_my_tasks_put_overdue_first_with_constant_queries(
    client_for, cast, issued_plan, make_task, django_assert_max_num_queries
):
    client = client_for(cast.official_a)
    url = reverse("plans:my-tasks")
    with django_assert_max_num_queries(12) as few:
        page(client.get(url))
    for n in range(30):
        make_task(
            issued_plan,
            actor=cast.leader_a,
            content=f"Nhiệm vụ {n}",
            reason="Bổ sung",
            deadline_kind="date",
            due_date=DUE,
        )
    late = Task.objects.filter(content="Nhiệm vụ 7").get()
    Task.objects.filter(pk=late.pk).update(
        due_date=TODAY - dt.timedelta(days=2), next_due=TODAY - dt.timedelta(days=2)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client.get(url))
    first_task = html.index('href="/ke-hoach/phan-cong/')
    assert html.index("Nhiệm vụ 7") - first_task < 100  # the overdue one comes first
    assert html.index("Nhiệm vụ 7") < html.index("Tuyên truyền")
    assert "Overdue" in html
    more = page(client.get(url, {"after": "0.9999-12-31.0"}))
    assert "No tasks to show." in more


def test_the_plan_page_shows_tasks_assignees_and_statuses_in_constant_queries(
    client_for, cast, issued_plan, make_task, django_assert_max_num_queries
):
    client = client_for(cast.official_b)
    url = reverse("plans:plan-detail", args=[issued_plan.pk])
    assert client.get(url).status_code == 404
    client = client_for(cast.official_a)
    with django_assert_max_num_queries(14) as few:
        html = page(client.get(url))
    assert "UBND xã Trường Sơn" in html and "Thôn Đông" in html and "Not started" in html
    for n in range(10):
        make_task(
            issued_plan,
            actor=cast.leader_a,
            content=f"Việc {n}",
            reason="Bổ sung",
            support=[cast.tree.village_a],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client.get(url))
    assert "Việc 9" in html and html.count("Not started") == 22


def test_the_overdue_page_for_leaders(client_for, cast, issued_plan, province_plan):
    Task.objects.update(due_date=TODAY - dt.timedelta(days=1))
    html = page(client_for(cast.province_officer).get(reverse("plans:overdue")))
    assert "Xã Kim Phú" in html and "UBND xã Trường Sơn" in html
    html = page(client_for(cast.leader_a).get(reverse("plans:overdue")))
    assert "UBND xã Trường Sơn" in html and "Xã Kim Phú" not in html
    html = page(client_for(cast.other_province_officer).get(reverse("plans:overdue")))
    assert "No tasks to show." in html


def test_the_overdue_page_keeps_its_query_count(
    client_for, cast, issued_plan, make_task, django_assert_max_num_queries
):
    client = client_for(cast.province_officer)
    url = reverse("plans:overdue")
    Task.objects.update(due_date=TODAY - dt.timedelta(days=1))
    with django_assert_max_num_queries(10) as few:
        page(client.get(url))
    for n in range(20):
        make_task(
            issued_plan,
            actor=cast.leader_a,
            content=f"Việc {n}",
            reason="Bổ sung",
            deadline_kind="date",
            due_date=DUE,
        )
    Task.objects.update(due_date=TODAY - dt.timedelta(days=1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client.get(url))
    assert html.count("Overdue</span>") == 22


def test_the_cascade_page(client_for, cast, province_plan):
    client = client_for(cast.province_officer)
    url = reverse("plans:cascade", args=[province_plan.pk])
    html = page(client.get(url))
    assert "Ask units for implementing plans" in html
    response = client.post(
        url,
        {"units": [cast.tree.commune_a.pk, cast.tree.commune_b.pk], "due_date": DUE.isoformat()},
    )
    assert response.status_code == 302
    html = page(client.get(url))
    assert html.count("Not issued yet") == 2
    html = page(client_for(cast.official_a).get(url))  # asked: sees the dashboard, not the form
    assert "Xã Trường Sơn" in html and "Ask units for implementing plans" not in html
    assert client_for(cast.official_a).post(url, {"units": []}).status_code == 403


def test_editing_a_draft_header_keeps_the_order_of_its_legal_bases(client_for, cast, make_plan):
    from danvan.documents.models import LegalDocument

    first = LegalDocument.objects.create(
        doc_type="Chỉ thị", number="11", symbol="CT/TU", code="11-CT/TU"
    )
    second = LegalDocument.objects.create(
        doc_type="Nghị quyết", number="30c", symbol="NQ-CP", code="30c/NQ-CP"
    )
    plan = make_plan()
    client = client_for(cast.official_a)
    url = reverse("plans:plan-edit", args=[plan.pk])
    assert 'for="id_title"' in page(client.get(url))
    response = client.post(
        url,
        {
            "title": "Kế hoạch có căn cứ",
            "period_start": plan.period_start,
            "period_end": plan.period_end,
            "legal_bases": [second.pk, first.pk],
        },
    )
    assert response.status_code == 302
    links = plan.basis_links.order_by("position")
    assert [link.document for link in links] == [second, first]
    html = page(client.get(url))
    assert html.index("Nghị quyết số 30c/NQ-CP") < html.index("Chỉ thị số 11-CT/TU")
