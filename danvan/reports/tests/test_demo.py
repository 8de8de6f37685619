import pytest

from danvan.core.demo import DemoContext
from danvan.reports import demo
from danvan.reports.models import ReportRound, ReportTemplate, SubmissionVersion

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(cast):
    ctx = DemoContext(
        cast.tree.province,
        cast.tree.commune_a,
        cast.tree.commune_b,
        users={
            "bdv.quangtri": cast.province_officer,
            "lanhdao.truongson": cast.leader_a,
            "canbo.kimphu": cast.official_b,
        },
    )
    demo.populate(ctx)
    demo.populate(ctx)
    assert ReportTemplate.objects.count() == 1
    report_round = ReportRound.objects.get()
    submission = report_round.submissions.get(unit=cast.tree.ubnd_a)
    assert submission.status == "submitted"
    assert SubmissionVersion.objects.count() == 1
    assert "Báo cáo định kỳ" in ctx.lines[-1]
