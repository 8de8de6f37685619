"""The demo: an inspection of Xã Trường Sơn by the province with the invited officer and one
overdue recommendation, the Front's supervision (published), a critique answered point by point;
created once, left alone the second time."""

import pytest

from danvan.core.demo import DemoContext
from danvan.oversight import demo
from danvan.oversight.critiques.services import critique_points
from danvan.oversight.inspections import selectors as inspection_selectors
from danvan.oversight.models import (
    Critique,
    Inspection,
    InspectionStatus,
    Recommendation,
    Supervision,
)
from danvan.oversight.recommendations import selectors
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type

pytestmark = pytest.mark.django_db


def _ctx(cast):
    return DemoContext(
        province=cast.tree.province,
        commune_a=cast.tree.commune_a,
        commune_b=cast.tree.commune_b,
        users={"canbo.truongson": cast.official_a, "lanhdao.truongson": cast.leader_a},
    )


@pytest.fixture
def agencies(cast):
    for name, code, parent, level in [
        ("Sở Nội vụ tỉnh Quảng Trị", "home_affairs", cast.tree.province, Level.PROVINCE),
        ("Ban Dân vận Tỉnh ủy Quảng Trị", "mass_mobilisation", cast.tree.province, Level.PROVINCE),
        ("UB MTTQ Việt Nam xã Trường Sơn", "fatherland_front", cast.tree.commune_a, Level.COMMUNE),
        ("HĐND xã Trường Sơn", "people_council", cast.tree.commune_a, Level.COMMUNE),
    ]:
        OrgUnitFactory(name=name, unit_type=unit_type(code), parent=parent, level=level)


def test_demo_is_idempotent_and_shows_each_role(cast, agencies):
    ctx = _ctx(cast)
    demo.populate(ctx)
    counts = (
        Inspection.objects.count(),
        Supervision.objects.count(),
        Critique.objects.count(),
        Recommendation.objects.count(),
    )
    assert counts == (1, 1, 1, 8)
    inspection = Inspection.objects.get()
    assert inspection.status == InspectionStatus.CONCLUDED
    assert inspection.plan.task_assignment.status == "done"
    invited = ctx.users["btgdv.quangtri"]
    assert inspection_selectors.get_inspection_for(invited, inspection.pk) == inspection
    overdue = selectors.recommendation_list(
        cast.official_a, selectors.RecommendationFilters(status="overdue")
    )
    assert overdue.count() == 1
    assert Supervision.objects.get().is_published
    assert (
        not critique_points(Critique.objects.get()).filter(status__in=["open", "overdue"]).exists()
    )
    demo.populate(_ctx(cast))
    assert counts == (
        Inspection.objects.count(),
        Supervision.objects.count(),
        Critique.objects.count(),
        Recommendation.objects.count(),
    )
