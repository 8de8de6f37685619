import pytest

from danvan.core.demo import DemoContext
from danvan.exemplars import demo
from danvan.exemplars.models import Exemplar, Round, Status

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_the_journey(cast):
    tree = cast.tree
    ctx = DemoContext(tree.province, tree.commune_a, tree.commune_b)
    ctx.users = {
        "bdv.quangtri": cast.province_officer,
        "canbo.truongson": cast.official_a,
        "canbo.kimphu": cast.official_b,
    }
    demo.populate(ctx)
    demo.populate(ctx)
    assert Round.objects.count() == 1
    assert Exemplar.objects.count() == 4
    road = Exemplar.objects.get(title=demo.ROAD)
    assert road.status == Status.COMMENDED and road.is_public and road.replica_count == 1
