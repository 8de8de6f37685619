"""The tree and the management pages in a real browser, 360 px wide, driven by keyboard."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from danvan.core.tests.browser import browser_page  # noqa: F401  (fixture)
from danvan.units.models import OrgUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    """Reuse a Django session instead of typing a password: the login form is not tested here."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_officer_expands_the_tree_and_adds_and_moves_a_village_by_keyboard(
    live_server,
    cast,
    browser_page,  # noqa: F811  (the fixture imported above)
):
    page, tree = browser_page, cast.tree
    log_in(page, live_server, cast.province_officer)

    page.goto(f"{live_server.url}/don-vi/")
    province = page.locator(f"#unit-{tree.province.pk}")
    expect(province).to_contain_text("Tỉnh Quảng Trị")
    assert fits_the_screen(page)
    province.locator("button[aria-expanded]").first.focus()
    page.keyboard.press("Enter")  # the disclosure button opens by keyboard; HTMX loads the children
    commune = page.locator(f"#unit-{tree.commune_a.pk}")
    expect(commune).to_contain_text("Xã Trường Sơn")
    # The children arrived; wait until htmx has wired them (a person cannot press Enter within
    # the 20 ms htmx takes, a test can: that was this test's flakiness).
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    commune.locator("button[aria-expanded]").first.focus()
    page.keyboard.press("Enter")
    expect(commune.locator("button[aria-expanded]").first).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(page.locator(f"#unit-{tree.village_a.pk}")).to_contain_text("Thôn Đông")

    # Add a village under the commune.
    page.goto(f"{live_server.url}/don-vi/{tree.commune_a.pk}/")
    page.locator(f'a[href="/don-vi/{tree.commune_a.pk}/them/"]').click()
    assert fits_the_screen(page)
    page.locator("#id_name").fill("Thôn Tây")
    page.locator("#id_unit_type").select_option(label="Thôn, ấp, bản")
    page.keyboard.press("Tab")
    page.locator("#id_name").press("Enter")  # submit from the keyboard
    expect(page.locator("h1")).to_have_text("Thôn Tây")
    village = OrgUnit.objects.get(name="Thôn Tây")
    assert village.parent_id == tree.commune_a.pk

    # Move it to commune B: type in the chooser (HTMX search as you type), pick by keyboard.
    page.goto(f"{live_server.url}/don-vi/{village.pk}/chuyen/")
    page.locator("#chooser-q").fill("kim phu")
    choice = page.locator(f'input[name="parent"][value="{tree.commune_b.pk}"]')
    expect(choice).to_be_visible()
    choice.focus()
    page.keyboard.press("Space")
    expect(choice).to_be_checked()
    assert fits_the_screen(page)
    page.locator('button[form="manage-form"]').click()
    expect(page.locator("h1")).to_have_text("Thôn Tây")
    expect(page.get_by_role("navigation").last).to_contain_text("Xã Kim Phú")
    assert OrgUnit.objects.get(pk=village.pk).parent_id == tree.commune_b.pk
