"""The unit picker and the date box in a real browser with an English interface: type a name
without diacritics and pick by keyboard; the calendar writes dd/mm/yyyy; the page passes axe."""

import pytest
from playwright.sync_api import expect

from danvan.core.tests.browser import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    fits_the_screen,
    log_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_a_unit_is_picked_by_typing_its_name_and_a_date_from_the_calendar(
    live_server, cast, browser_page, settings, viewport
):
    settings.ROOT_URLCONF = "danvan.core.tests.picker_urls"
    page = browser_page
    page.set_viewport_size(viewport)
    log_in(page, live_server, cast.province_officer, "/thu-chon/", language="en")
    assert accessibility_violations(page) == []

    box = page.get_by_role("combobox", name="Đơn vị nhận")
    box.click()
    box.fill("kim phu")
    option = page.get_by_role("option", name="Xã Kim Phú · Tỉnh Quảng Trị")
    expect(option).to_be_visible()
    page.keyboard.press("Enter")

    others = page.get_by_role("combobox", name="Đơn vị phối hợp")
    others.click()
    others.fill("truong son")
    expect(
        page.get_by_role("option", name="Xã Trường Sơn · Tỉnh Quảng Trị", exact=True)
    ).to_be_visible()
    expect(
        page.get_by_role("option", name="Xã Trường Sơn · Tỉnh Bắc Ninh", exact=True)
    ).to_have_count(0)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Open calendar").click()
    page.locator(
        ".dv-calendar-panel .datepicker-cell.day:not(.prev):not(.next)", has_text="15"
    ).first.click()
    expect(page.get_by_label("Ngày nhận")).to_have_value(
        __import__("re").compile(r"^15/\d\d/\d{4}$")
    )
    assert accessibility_violations(page) == []
    assert fits_the_screen(page)

    page.get_by_role("button", name="Gửi").click()
    expect(page.locator("body")).to_contain_text("OK Xã Kim Phú | Xã Trường Sơn | 15/")
