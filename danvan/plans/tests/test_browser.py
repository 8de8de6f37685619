"""A real browser at 360 px: write a plan, pick units by search (HTMX), issue it, report."""

import pytest
from playwright.sync_api import expect

from danvan.accounts.tests.factories import PASSWORD
from danvan.plans.models import Plan, TaskAssignment, TaskUpdate
from danvan.plans.tests.conftest import DUE, TODAY, YEAR
from danvan.units.tests.factories import OrgUnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def log_in(page, live_server, username: str, next_url: str) -> None:
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_leader_writes_issues_and_the_assignee_reports(
    live_server, cast, browser_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    group = OrgUnitFactory(name="Tổ tự quản số 3", parent=cast.tree.village_a)
    page = browser_page
    log_in(page, live_server, "leader_a", "/ke-hoach/moi/")
    expect(page.locator("h1")).to_have_text("New plan")
    assert fits_the_screen(page)
    page.get_by_label("Title").fill("Kế hoạch dân vận khéo")
    page.get_by_label("First year").fill(str(YEAR))
    page.get_by_label("Last year").fill(str(YEAR + 1))
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator("h1")).to_contain_text("Kế hoạch dân vận khéo")
    assert fits_the_screen(page)

    page.get_by_role("link", name="Add a task — NỘI DUNG, NHIỆM VỤ").click()
    page.locator("#id_content").fill("Xây dựng mô hình dân vận khéo ở thôn")
    lead = page.get_by_role("group", name="Lead units (chủ trì)")
    lead.get_by_label("UBND xã Trường Sơn — Xã Trường Sơn").check()
    support = page.get_by_role("group", name="Supporting units (phối hợp)")
    support.get_by_label("Thôn Đông — Xã Trường Sơn").check()
    # A unit deeper in the commune is not offered at first: the search finds it.
    expect(support.get_by_label("Tổ tự quản số 3 — Thôn Đông")).to_have_count(0)
    support.get_by_label("Find more").fill("to tu quan")
    support.get_by_label("Tổ tự quản số 3 — Thôn Đông").check()
    page.get_by_label("A date").check()
    page.get_by_label("Due date").fill(DUE.isoformat())
    assert fits_the_screen(page)
    page.get_by_role("button", name="Save the task").click()
    expect(page.locator("article")).to_contain_text("Tổ tự quản số 3")
    assert {a.unit for a in TaskAssignment.objects.all()} == {
        cast.tree.ubnd_a,
        cast.tree.village_a,
        group,
    }
    assert fits_the_screen(page)

    page.get_by_role("link", name="Issue").click()
    page.get_by_label("Number").fill("15")
    page.get_by_label("Symbol").fill("KH-UBND")
    page.get_by_label("Issue date").fill(TODAY.isoformat())
    page.get_by_role("button", name="Issue").click()
    expect(page.locator("h1")).to_contain_text("15/KH-UBND")
    assert Plan.objects.get().status == "issued"

    assignment = TaskAssignment.objects.get(unit=cast.tree.ubnd_a)
    page.goto(f"{live_server.url}/ke-hoach/nhiem-vu-cua-toi/")
    page.get_by_role("link", name="Xây dựng mô hình dân vận khéo ở thôn").first.click()
    assert fits_the_screen(page)
    page.get_by_label("In progress").check()
    page.get_by_label("Progress (%)").fill("30")
    page.get_by_label("Progress note").fill("Đã khảo sát 3 thôn")
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator("article")).to_contain_text("Đã khảo sát 3 thôn")
    assert TaskUpdate.objects.get().assignment == assignment
