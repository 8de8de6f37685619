"""Every list: a fixed number of queries whatever the rows, an Excel of it, and a long Excel as a
background job."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.models import Job, JobStatus
from danvan.oversight.critiques import services as critiques
from danvan.oversight.inspections import services as inspections
from danvan.oversight.models import SupervisorKind
from danvan.oversight.recommendations import exports
from danvan.oversight.supervision import services as supervision
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

LISTS = [
    "oversight:recommendation-list",
    "oversight:recommendation-inbox",
    "oversight:recommendation-dashboard",
    "oversight:inspection-list",
    "oversight:plan-list",
    "oversight:supervision-list",
    "oversight:session-list",
    "oversight:critique-list",
]
EXCEL = {
    "oversight:recommendation-export": "Công khai",
    "oversight:recommendation-dashboard-export": None,
    "oversight:inspection-export": "Xã",
    "oversight:plan-export": "Kế hoạch kiểm tra",
    "oversight:supervision-export": "Giám sát",
    "oversight:session-export": "HĐND xã Kim Phú",
    "oversight:critique-export": "Dự thảo",
}


def _fill(cast, ov, recommend, n: int):
    """``n`` of everything the province officer sees, each in the province."""
    plan = inspections.inspection_plan_create(
        actor=ov.organiser,
        unit=ov.home_affairs,
        title=f"Kế hoạch kiểm tra {n}",
        period_start=TODAY - dt.timedelta(days=30),
        period_end=TODAY + dt.timedelta(days=30),
    )
    programme = supervision.programme_create(
        actor=ov.front_officer,
        unit=ov.front_a,
        kind=SupervisorKind.FRONT,
        year=TODAY.year,
        title=f"Chương trình {n}",
    )
    from danvan.accounts.models import Role
    from danvan.accounts.tests.factories import UserFactory, grant

    secretary = UserFactory()
    grant(secretary, Role.OFFICIAL, ov.council_b)
    session = supervision.session_create(
        actor=secretary, unit=ov.council_b, title=f"Kỳ họp {n}", held_on=TODAY
    )
    units = [
        cast.tree.commune_a,
        cast.tree.commune_b,
        cast.tree.ubnd_a,
        cast.tree.village_a,
        ov.front_a,
    ]
    for i in range(n):
        recommend(text=f"Công khai số {n}-{i}")
        if i < len(units):
            inspections.inspection_add(
                actor=ov.organiser, plan=plan, unit=units[i], starts_on=TODAY, ends_on=TODAY
            )
        supervision.supervision_add(
            actor=ov.front_officer,
            programme=programme,
            subject=f"Giám sát {n}-{i}",
            units=[cast.tree.ubnd_a],
            starts_on=TODAY,
            ends_on=TODAY,
        )
        supervision.question_add(
            actor=secretary,
            session=session,
            deputy="B",
            addressee=cast.tree.commune_b,
            respondent="Chủ tịch",
            text=f"Câu hỏi {i}",
        )
        critiques.critique_create(
            actor=cast.official_a,
            unit=cast.tree.ubnd_a,
            kind="plan",
            title=f"Dự thảo {n}-{i}",
            organisations=[ov.front_a],
            published_on=TODAY,
            critique_due=TODAY,
            answer_due=TODAY,
        )


@pytest.mark.parametrize("name", LISTS)
def test_queries_do_not_grow_with_the_rows(
    cast, ov, recommend, client_for, name, django_assert_max_num_queries
):
    client = client_for(cast.province_officer)
    _fill(cast, ov, recommend, 2)
    client.get(reverse(name))
    with django_assert_max_num_queries(16) as few:
        assert client.get(reverse(name)).status_code == 200
    _fill(cast, ov, recommend, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name,expected", EXCEL.items())
def test_every_list_has_its_excel(cast, ov, recommend, client_for, name, expected):
    _fill(cast, ov, recommend, 2)
    client = client_for(cast.admin)
    response = client.get(
        reverse(name) + (f"?unit={cast.tree.province.pk}" if "dashboard" in name else "")
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = [str(v) for row in sheet.iter_rows(min_row=2, values_only=True) for v in row if v]
    assert sheet.max_row > 1
    if expected:
        assert any(expected in v for v in values), (name, values[:5])


def test_a_long_list_is_exported_in_the_background(
    cast, ov, recommend, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(exports, "INLINE_MAX", 2)
    for i in range(3):
        recommend(text=f"Kiến nghị {i}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ov.front_officer).get(reverse("oversight:recommendation-export"))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{job.pk}/")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    sheet = load_workbook(BytesIO(job.result.read())).active
    assert sheet.max_row == 4
