"""Plans for the shared cast: commune A's draft and issued plans, assigned to its agencies."""

import datetime as dt

import pytest
from django.utils import translation

from danvan.plans import services
from danvan.plans.models import Plan

TODAY = dt.date.today()
YEAR = TODAY.year
DUE = TODAY + dt.timedelta(days=60)  # within the default period (last year to next year)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def make_plan(cast):
    def make(*, unit=None, actor=None, title="Kế hoạch công tác dân vận năm", **kwargs) -> Plan:
        kwargs.setdefault("period_start", YEAR - 1)
        kwargs.setdefault("period_end", YEAR + 1)
        return services.plan_create(
            actor=actor or cast.official_a,
            unit=unit or cast.tree.commune_a,
            title=title,
            **kwargs,
        )

    return make


@pytest.fixture
def make_task(cast):
    def make(plan, *, lead=None, support=(), actor=None, section=None, **kwargs):
        kwargs.setdefault("content", "Tuyên truyền, phổ biến kế hoạch đến Nhân dân")
        if section is None:
            section = plan.sections.order_by("position").last()
        return services.task_create(
            actor=actor or cast.official_a,
            plan=plan,
            section=section,
            lead_units=[lead or cast.tree.ubnd_a],
            support_units=list(support),
            **kwargs,
        )

    return make


@pytest.fixture
def draft_plan(make_plan, make_task, cast):
    """Commune A's draft: one task led by its People's Committee, supported by a village."""
    plan = make_plan()
    make_task(
        plan,
        support=[cast.tree.village_a],
        deadline_kind="date",
        due_date=DUE,
    )
    return plan


@pytest.fixture
def issued_plan(draft_plan, cast):
    return services.plan_issue(
        actor=cast.leader_a,
        plan=draft_plan,
        number="12",
        symbol="KH-UBND",
        issued_on=TODAY,
    )


@pytest.fixture
def province_plan(make_plan, make_task, cast):
    """An issued plan of the province, with a task led by commune B."""
    plan = make_plan(
        unit=cast.tree.ubnd_province,
        actor=cast.province_officer,
        title="Kế hoạch thực hiện Chỉ thị số 11-CT/TU",
    )
    make_task(
        plan,
        actor=cast.province_officer,
        lead=cast.tree.commune_b,
        deadline_kind="date",
        due_date=DUE,
    )
    return services.plan_issue(
        actor=cast.province_officer,
        plan=plan,
        number="45",
        symbol="KH-UBND",
        issued_on=TODAY,
    )
