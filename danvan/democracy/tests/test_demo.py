"""The demo data: made through the services, the same once or twice."""

import pytest

from danvan.core.demo import DemoContext
from danvan.democracy import demo
from danvan.democracy.models import (
    Ballot,
    Consultation,
    Disclosure,
    Matter,
    MatterStatus,
    PublicWork,
)
from danvan.reports.models import ReportTemplate
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_shows_every_part(cast):
    for name in ("Thôn Trung Sơn", "Thôn Hòa Sơn", "Thôn Cổ Liêm"):
        OrgUnitFactory(
            name=name,
            unit_type=unit_type("village"),
            level=Level.VILLAGE,
            parent=cast.tree.commune_a,
        )
    ctx = DemoContext(
        cast.tree.province,
        cast.tree.commune_a,
        cast.tree.commune_b,
        users={
            "bdv.quangtri": cast.province_officer,
            "lanhdao.truongson": cast.leader_a,
            "canbo.truongson": cast.official_a,
        },
    )
    demo.populate(ctx)
    demo.populate(ctx)
    assert Disclosure.objects.filter(unit=cast.tree.commune_a).count() == len(demo.REGISTER)
    assert Disclosure.objects.filter(is_short=True).exists()
    open_vote = Matter.objects.get(title=demo.VOTE_TITLE)
    assert open_vote.status == MatterStatus.VOTING and open_vote.codes_issued == 40
    assert Ballot.objects.filter(matter=open_vote).count() == 12
    closed = Matter.objects.get(title=demo.CLOSED_TITLE)
    assert closed.status == MatterStatus.SENT and closed.passed and closed.agreeing == 19
    assert Matter.objects.get(title=demo.COVENANT_TITLE).status == MatterStatus.RECOGNISED
    consultation = Consultation.objects.get(title=demo.CONSULTATION_TITLE)
    assert consultation.status == "decided" and consultation.answers_published
    assert PublicWork.objects.get(name=demo.WORK_NAME).contributions == 20_000_000
    assert (
        ReportTemplate.objects.get(name=demo.TEMPLATE_NAME)
        .indicators.filter(source_key="democracy.disclosures_made")
        .exists()
    )
    assert "truongthon.trungson" in ctx.users
    assert any("mã hộ để thử" in line for line in ctx.lines)
