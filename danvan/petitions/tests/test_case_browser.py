"""A real browser at 360 px: a citizen sends feedback and gets a code; an official accepts and
answers it; the citizen reads the answer with the code and phone."""

import pytest
from playwright.sync_api import expect

from danvan.accounts.tests.factories import PASSWORD
from danvan.petitions.models import Case, CaseStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def english(page, live_server) -> None:
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )


def test_citizen_feedback_answered_and_read(live_server, cast, browser_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = browser_page
    english(page, live_server)
    page.goto(f"{live_server.url}/cong-khai/y-kien/")
    expect(page.locator("h1")).to_have_text("Send a proposal or feedback")
    assert fits_the_screen(page)
    page.get_by_label("Feedback").check()
    page.get_by_label("Province or city").select_option(label="Tỉnh Quảng Trị")
    commune = page.get_by_label("Commune, ward or special zone")
    expect(commune.locator("option", has_text="Xã Trường Sơn")).to_have_count(1)
    commune.select_option(label="Xã Trường Sơn")
    page.get_by_label("Content").fill("Đèn đường trục thôn Đông bị hỏng đã một tuần.")
    page.get_by_label("Your name").fill("Lê Thị Dân")
    page.get_by_label("Phone").fill("0912 000 111")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you: your message was sent")
    code = page.locator("#tracking-code").inner_text().strip()
    case = Case.objects.get()
    assert code == case.tracking_code and case.unit == cast.tree.commune_a
    assert fits_the_screen(page)

    # The official of the commune accepts and answers it.
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/don-thu/")
    page.get_by_label("Username").fill("official_a")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_have_text("Cases")
    assert fits_the_screen(page)
    page.get_by_role("link", name=f"Feedback {case.reference}").click()
    page.locator("summary", has_text="Accept (thụ lý)").click()
    page.get_by_role("button", name="Accept (thụ lý)").click()
    expect(page.locator(".alert-success")).to_contain_text("accepted")
    page.locator("summary", has_text="Resolve").click()
    page.locator("#id_resolve_decision_content").fill("Xã đã thay bóng đèn ngày hôm qua.")
    page.get_by_label("Publish the answer to the citizen").check()
    page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".alert-success")).to_contain_text("recorded")
    assert Case.objects.get().status == CaseStatus.RESOLVED
    assert fits_the_screen(page)
    page.context.clear_cookies()
    english(page, live_server)

    # The citizen reads the answer.
    page.goto(f"{live_server.url}/cong-khai/y-kien/tra-cuu/")
    page.get_by_label("Tracking code").fill(code)
    page.get_by_label("The phone or e-mail you gave").fill("0912000111")
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#case-answer")).to_have_text("Xã đã thay bóng đèn ngày hôm qua.")
    assert fits_the_screen(page)
