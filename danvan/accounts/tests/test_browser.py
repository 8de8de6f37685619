"""A real browser at 360 px: the unit chooser's search (HTMX) and the account pages' layout."""

import pytest
from playwright.sync_api import expect

from danvan.accounts.models import User
from danvan.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_officer_creates_an_account_choosing_the_unit_by_search(live_server, cast, browser_page):
    page = browser_page
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/tai-khoan/nguoi-dung/moi/")
    page.get_by_label("Username").fill("province_officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.locator("h1")).to_have_text("New account")
    assert fits_the_screen(page)
    page.get_by_label("Username").fill("vo.van.tam")
    page.get_by_label("Full name").fill("Võ Văn Tâm")
    page.get_by_label("E-mail address").fill("tam@example.vn")
    # Searching without diacritics swaps in this province's "Xã Trường Sơn" units only.
    page.get_by_label("Find a unit by name").fill("truong son")
    select = page.get_by_role("combobox", name="Home unit", exact=True)
    expect(select.locator("option")).to_have_count(3)  # the prompt, the commune, its UBND
    expect(select).to_contain_text("Xã Trường Sơn — Tỉnh Quảng Trị")
    select.select_option(str(cast.tree.commune_a.pk))
    page.get_by_role("button", name="Create the account").click()

    expect(page.locator("h1")).to_contain_text("Võ Văn Tâm")
    assert fits_the_screen(page)
    assert User.objects.get(username="vo.van.tam").home_unit == cast.tree.commune_a

    page.goto(f"{live_server.url}/tai-khoan/xac-thuc/thiet-lap/")
    expect(page.locator("svg.otp-qr")).to_be_visible()
    assert fits_the_screen(page)
