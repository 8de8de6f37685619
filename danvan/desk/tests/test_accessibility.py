"""Every main page passes axe-core's WCAG 2.1 AA checks, on a desktop and on a phone, and fits
the screen; the menu does not wrap on a 1366 px screen."""

import pytest

from danvan.core.tests.browser import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    fits_the_screen,
    log_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PAGES = [
    "/",
    "/ke-hoach/",
    "/ke-hoach/nhiem-vu-cua-toi/",
    "/dan-van-kheo/",
    "/bao-cao/",
    "/don-thu/",
    "/don-vi/",
    "/van-ban/",
    "/tai-khoan/nguoi-dung/",
    "/nhat-ky/",
    "/thong-bao/",
    "/viec/",
]
PUBLIC_PAGES = [
    "/cong-khai/",
    "/cong-khai/ke-hoach/",
    "/cong-khai/dan-van-kheo/",
    "/cong-khai/y-kien/",
    "/cong-khai/y-kien/tra-cuu/",
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_staff_pages_pass_wcag_aa_and_fit_the_screen(live_server, cast, browser_page, viewport):
    page = browser_page
    page.set_viewport_size(viewport)
    log_in(page, live_server, cast.province_officer)
    problems = []
    for url in STAFF_PAGES:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        problems += accessibility_violations(page)
        if not fits_the_screen(page):
            problems.append(f"{url}: wider than the screen")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_public_pages_pass_wcag_aa_and_fit_the_screen(live_server, db, browser_page, viewport):
    page = browser_page
    page.set_viewport_size(viewport)
    problems = []
    for url in PUBLIC_PAGES:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        problems += accessibility_violations(page)
        if not fits_the_screen(page):
            problems.append(f"{url}: wider than the screen")
    assert not problems, "\n".join(problems)


def test_the_menu_holds_on_one_line_at_1366px(live_server, cast, browser_page):
    page = browser_page
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, cast.province_officer)
    height = page.evaluate("document.querySelector('nav.navbar').getBoundingClientRect().height")
    assert height < 70, f"the menu wraps: {height}px high"
