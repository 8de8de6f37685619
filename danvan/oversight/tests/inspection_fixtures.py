"""An inspection of Xã Trường Sơn by the province's Department of Home Affairs, with an invited
officer of the Ban Tuyên giáo và Dân vận, fulfilling a task of the province's plan."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.oversight.inspections import services
from danvan.oversight.models import TeamRole

TODAY = timezone.localdate()


@pytest.fixture
def director(ov):
    """A leader of the Department of Home Affairs: signs conclusions."""
    user = UserFactory(
        username="director", full_name="Phan Văn Giám Đốc", home_unit=ov.home_affairs
    )
    grant(user, Role.LEADER, ov.home_affairs)
    return user


@pytest.fixture
def province_task(cast, ov):
    """Seed 001: the province's plan asks the Department of Home Affairs to plan inspections
    and report by 01/11."""
    from danvan.plans import services as plan_services

    plan = plan_services.plan_create(
        actor=cast.province_officer,
        unit=cast.tree.ubnd_province,
        title="Kế hoạch thực hiện công tác dân vận chính quyền",
        period_start=TODAY.year,
        period_end=TODAY.year,
    )
    task = plan_services.task_create(
        actor=cast.province_officer,
        plan=plan,
        section=plan.sections.order_by("position").last(),
        content="Lập kế hoạch kiểm tra công tác cải cách hành chính; mời Ban Dân vận tham gia",
        lead_units=[ov.home_affairs],
    )
    plan_services.plan_issue(
        actor=cast.province_officer, plan=plan, number="19", symbol="KH-UBND", issued_on=TODAY
    )
    return task.assignments.get()


@pytest.fixture
def inspection_plan(cast, ov, province_task):
    plan = services.inspection_plan_create(
        actor=ov.organiser,
        unit=ov.home_affairs,
        title="Kế hoạch kiểm tra công tác cải cách hành chính năm nay",
        period_start=TODAY - dt.timedelta(days=30),
        period_end=TODAY + dt.timedelta(days=60),
        topics=[ov.topic],
        task_assignment=province_task,
        report_to=cast.tree.ubnd_province,
        report_due=TODAY + dt.timedelta(days=60),
    )
    return plan


@pytest.fixture
def inspection(cast, ov, inspection_plan):
    """Xã Trường Sơn, from five days ago to five days ahead, with the invited officer."""
    inspection = services.inspection_add(
        actor=ov.organiser,
        plan=inspection_plan,
        unit=cast.tree.commune_a,
        starts_on=TODAY - dt.timedelta(days=5),
        ends_on=TODAY + dt.timedelta(days=5),
    )
    services.team_member_add(
        actor=ov.organiser, inspection=inspection, user=ov.organiser, role=TeamRole.HEAD
    )
    services.team_member_add(
        actor=ov.organiser, inspection=inspection, user=ov.invited, role=TeamRole.MEMBER
    )
    return inspection


@pytest.fixture
def notified(ov, inspection):
    return services.inspection_notify(
        actor=ov.organiser,
        inspection=inspection,
        notice_number="15/TB-SNV",
        notice_date=TODAY - dt.timedelta(days=6),
        notice_text="Đề nghị xã chuẩn bị báo cáo tự kiểm tra.",
        self_report_due=TODAY - dt.timedelta(days=3),
    )


@pytest.fixture
def concluded(ov, director, notified):
    return services.inspection_conclude(
        actor=director,
        inspection=notified,
        conclusion_number="7",
        conclusion_symbol="TB-SNV",
        conclusion_date=TODAY,
        conclusion_text="Xã đã niêm yết thủ tục hành chính; còn chậm trả kết quả.",
        signer_name="Phan Văn Giám Đốc",
        signer_position="Giám đốc",
        recipients="UBND xã Trường Sơn;\nLưu: VT.",
    )
