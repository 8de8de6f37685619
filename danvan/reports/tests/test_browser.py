"""A real browser at 360 px: the official fills, the leader submits, the recipient returns it,
it is corrected and submitted again, and the recipient accepts it."""

import pytest
from playwright.sync_api import expect

from danvan.accounts.tests.factories import PASSWORD
from danvan.reports.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def log_in(page, live_server, username: str, next_url: str) -> None:
    page.context.clear_cookies()
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_official_fills_leader_submits_recipient_returns_then_accepts(
    live_server, cast, browser_page, submission_a
):
    page = browser_page
    url = f"/bao-cao/{submission_a.pk}/"
    log_in(page, live_server, "official_a", "/bao-cao/")
    expect(page.locator("h1")).to_have_text("Periodic reports")
    page.get_by_role("link", name="Báo cáo 6 tháng đầu năm").click()
    expect(page.get_by_text("Counted by the system: 0.")).to_be_visible()
    assert fits_the_screen(page)
    page.get_by_label("Số kế hoạch ban hành").fill("3")
    page.get_by_label("Why the figure differs from the system's").fill("Có 3 kế hoạch giấy")
    page.get_by_label("Số kế hoạch công khai").fill("5")
    page.get_by_label("Mức độ hài lòng").fill("90")
    page.get_by_label("Kết quả đạt được").fill("Tổ chức 2 hội nghị đối thoại.")
    page.get_by_role("button", name="Save the draft").click()
    # The rule "at most the plans issued" refuses the draft and keeps what was typed.
    expect(page.locator(".invalid-feedback")).to_contain_text("cannot be more than")
    expect(page.get_by_label("Kết quả đạt được")).to_have_value("Tổ chức 2 hội nghị đối thoại.")
    page.get_by_label("Số kế hoạch công khai").fill("2")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft was saved.")).to_be_visible()
    expect(page.get_by_role("button", name="Submit to the recipient")).to_have_count(0)

    log_in(page, live_server, "leader_a", url)
    page.get_by_role("button", name="Submit to the recipient").click()
    expect(page.get_by_text("The report was submitted to UBND tỉnh Quảng Trị.")).to_be_visible()
    assert Submission.objects.get(pk=submission_a.pk).status == "submitted"

    log_in(page, live_server, "province_officer", "/bao-cao/")
    page.get_by_role("link", name="Báo cáo 6 tháng đầu năm").click()
    expect(page.get_by_text("Reporting rate").first).to_be_visible()
    assert fits_the_screen(page)
    page.locator(f'a[href="{url}"]').click()
    page.get_by_label("Comments").fill("Bổ sung nguyên nhân hạn chế.")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.get_by_text("The report was returned")).to_be_visible()

    log_in(page, live_server, "leader_a", url)
    expect(page.get_by_role("alert")).to_contain_text("Bổ sung nguyên nhân hạn chế.")
    page.get_by_label("Nguyên nhân").fill("Cán bộ kiêm nhiệm.")
    page.get_by_role("button", name="Submit to the recipient").click()
    expect(page.get_by_text("The report was submitted")).to_be_visible()

    log_in(page, live_server, "province_officer", url)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("The report was accepted.")).to_be_visible()
    expect(page.get_by_text("Version 2")).to_be_visible()
    assert Submission.objects.get(pk=submission_a.pk).status == "accepted"
