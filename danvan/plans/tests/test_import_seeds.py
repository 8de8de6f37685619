"""All five real plans go from text to a saved draft plan: parse, match, save."""

from pathlib import Path

import pytest

from danvan.plans import importer
from danvan.plans.models import Plan
from danvan.plans.services import plan_create_from_draft
from danvan.units.tests.factories import OrgUnitFactory, unit_type

_HERE = Path(__file__).resolve()
SEEDS = next(
    (
        p
        for p in (_HERE.parents[3].parent / "shared" / "seeds", Path("/work/shared/seeds"))
        if p.is_dir()
    ),
    None,
)
pytestmark = pytest.mark.skipif(SEEDS is None, reason="the shared seeds are not here")
TASKS = {"000": 23, "001": 17, "002": 13, "003": 6, "004": 10}


@pytest.mark.parametrize("prefix", sorted(TASKS))
def test_each_seed_is_saved_as_a_draft_plan(cast, prefix):
    department = OrgUnitFactory(
        name="Sở Nội vụ tỉnh Quảng Trị",
        parent=cast.tree.province,
        unit_type=unit_type("home_affairs"),
    )
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    draft, _data = importer.propose(path.read_text(encoding="utf-8"), within=cast.tree.province)
    matches = importer.match_units(draft.unit_names(), cast.tree.province)
    plan = plan_create_from_draft(
        actor=cast.province_officer,
        unit=cast.tree.ubnd_province,
        draft=draft,
        unit_matches=importer.match_ids(matches),
    )
    plan = Plan.objects.get(pk=plan.pk)
    assert plan.tasks.count() == len(draft.tasks) == TASKS[prefix]
    assert [s.title for s in plan.sections.order_by("position")][:1] == [
        draft.sections[0].title or "Untitled section"
    ]
    if prefix == "001":
        assert plan.tasks.filter(assignments__unit=department).count() == 4
