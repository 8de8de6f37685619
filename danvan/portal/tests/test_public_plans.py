import datetime as dt

import pytest

from danvan.plans import services
from danvan.plans.models import Plan


@pytest.fixture
def plans(cast):
    """An issued public plan of commune A with one task, an issued private one and a draft."""
    officer = cast.leader_a

    def make(title, *, public, issue):
        plan = services.plan_create(
            actor=officer, unit=cast.tree.ubnd_a, title=title, period_start=2026, period_end=2026
        )
        section = plan.sections.order_by("position").last()
        services.task_create(
            actor=officer,
            plan=plan,
            section=section,
            content=f"Nhiệm vụ của {title}",
            lead_units=[cast.tree.ubnd_a],
            support_units=[],
            deadline_kind="none",
        )
        if issue:
            services.plan_issue(
                actor=officer,
                plan=plan,
                number=str(Plan.objects.count()),
                symbol="KH-UBND",
                issued_on=dt.date(2026, 3, 2),
            )
            plan.refresh_from_db()
        if public:
            Plan.objects.filter(pk=plan.pk).update(is_public=True)
        return plan

    return {
        "public": make("Kế hoạch dân vận chính quyền năm 2026", public=True, issue=True),
        "private": make("Kế hoạch nội bộ", public=False, issue=True),
        "draft": make("Dự thảo kế hoạch", public=True, issue=False),
    }


def test_anyone_reads_public_plans_and_their_task_progress(client, plans):
    listing = client.get("/cong-khai/ke-hoach/").content.decode()
    assert "Kế hoạch dân vận chính quyền năm 2026" in listing
    assert "Kế hoạch nội bộ" not in listing
    assert "Dự thảo kế hoạch" not in listing
    page = client.get(f"/cong-khai/ke-hoach/{plans['public'].pk}/")
    assert page.status_code == 200
    assert "Nhiệm vụ của Kế hoạch dân vận chính quyền năm 2026" in page.content.decode()
    assert "UBND xã Trường Sơn" in page.content.decode()


def test_private_and_draft_plans_are_404_on_the_public_site(client, plans):
    for key in ("private", "draft"):
        assert client.get(f"/cong-khai/ke-hoach/{plans[key].pk}/").status_code == 404
    assert client.get("/cong-khai/ke-hoach/999999/").status_code == 404


def test_public_search_without_diacritics(client, plans):
    found = client.get("/cong-khai/ke-hoach/?q=dan van chinh quyen").content.decode()
    assert "Kế hoạch dân vận chính quyền năm 2026" in found
    none = client.get("/cong-khai/ke-hoach/?q=khong co").content.decode()
    assert "Kế hoạch dân vận chính quyền năm 2026" not in none


def test_public_list_query_count_is_constant(client, plans, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/cong-khai/ke-hoach/")
