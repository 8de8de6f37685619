import pytest
from playwright.sync_api import expect

from danvan.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_expands_province_and_searches_commune(live_server, cast, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/don-vi/")
    # Not logged in: sent to the login page, in Vietnamese.
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.get_by_label("Tên đăng nhập").fill("province_officer")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    # The tree starts at the officer's province; expanding it loads its communes lazily.
    province = page.locator(f"#unit-{cast.tree.province.pk}")
    expect(province).to_contain_text("Tỉnh Quảng Trị")
    expect(page.get_by_text("Xã Kim Phú")).to_have_count(0)
    province.locator("button[aria-expanded]").first.click()
    expect(province.get_by_text("Xã Kim Phú")).to_be_visible()
    expect(page.get_by_text("Tỉnh Bắc Ninh")).to_have_count(0)

    # Search without diacritics finds the commune of this province only.
    page.get_by_label("Tìm đơn vị").fill("truong son")
    page.get_by_role("button", name="Tìm").click()
    results = page.get_by_test_id("search-results")
    expect(results.get_by_role("link", name="Xã Trường Sơn", exact=True)).to_have_count(1)
    results.get_by_role("link", name="Xã Trường Sơn", exact=True).click()
    expect(page.locator("h1")).to_have_text("Xã Trường Sơn")
    expect(page.get_by_role("navigation", name="Đường dẫn")).to_contain_text("Tỉnh Quảng Trị")
