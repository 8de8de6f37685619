"""A real browser (Debian's Chromium) at 1366 px and 360 px.

- The handler's flow: an official of Xã Trường Sơn receives a case, forwards it by typing the
  competent body's name and confirming the named target; the official of Xã Kim Phú, told of
  it, accepts and resolves it.
- The citizen's flow: a double click on "Send" makes one case; the thank-you page shows the
  code once; the citizen follows the case with it.
Each page visited is checked for WCAG 2.1 AA (axe-core) and for fitting the screen.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.core.tests.browser import DESKTOP, PHONE, assert_accessible, fits_the_screen, log_in
from danvan.notifications.models import Notification
from danvan.petitions.models import Case, CaseStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page) -> None:
    assert fits_the_screen(page), page.url
    assert_accessible(page)


def _pick(page, select_id: str, typed: str, option: str) -> None:
    """Type part of a name in a picker and choose the option shown."""
    page.locator(f"#{select_id}-ts-control").fill(typed)
    page.locator(".ts-dropdown .option", has_text=option).click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_received_forwarded_accepted_resolved(live_server, cast, browser_page, viewport):
    page = browser_page
    page.set_viewport_size(viewport)
    today = timezone.localdate().strftime("%d/%m/%Y")
    log_in(page, live_server, cast.official_a, "/don-thu/them/", language="en")
    expect(page.locator("h1")).to_have_text("Receive a case")
    _checked(page)
    page.locator("#id_kind").select_option("complaint")
    page.locator("#id_channel").select_option("post")
    expect(page.locator("#id_received_on")).to_have_value(today)
    page.locator("#id_content").fill("Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất")
    page.get_by_label("Name of the person or group").fill("Nguyễn Văn Dân")
    page.locator("#id_petitioner_phone").fill("0912 345 678")
    page.get_by_role("button", name="Receive", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("was received")
    case = Case.objects.get()
    assert case.unit == cast.tree.commune_a
    _checked(page)

    # Forward: the body is found by typing its name, then named in the confirmation.
    page.locator("summary", has_text="Forward to the competent body").click()
    _pick(page, "id_forward_to_unit", "kim phu", "Xã Kim Phú · Tỉnh Quảng Trị")
    page.locator("#id_forward_note").fill("Đúng thẩm quyền của xã Kim Phú")
    page.get_by_role("button", name="Forward to the competent body").click()
    question = f"Forward case {case.reference} to Xã Kim Phú · Tỉnh Quảng Trị?"
    expect(page.locator("h1")).to_have_text(question)
    assert Case.objects.get().unit == cast.tree.commune_a  # not sent before the answer
    _checked(page)
    page.get_by_role("button", name="Yes, forward it").click()
    expect(page.locator(".alert-success")).to_contain_text("forwarded")
    assert Case.objects.get().unit == cast.tree.commune_b

    # Kim Phú is told, accepts and resolves it.
    notice = Notification.objects.get(recipient=cast.official_b)
    assert case.reference in notice.title
    page.context.clear_cookies()
    log_in(page, live_server, cast.official_b, notice.url, language="en")
    expect(page.locator("h1")).to_contain_text(case.reference)
    page.locator("summary", has_text="Accept (thụ lý)").click()
    expect(page.locator("#id_accept_accepted_on")).to_have_value(today)
    page.get_by_role("button", name="Accept (thụ lý)").click()
    expect(page.locator(".alert-success")).to_contain_text("accepted")
    _checked(page)
    page.locator("summary", has_text="Resolve").click()
    page.locator("#id_resolve_decision_number").fill("15/QĐ-UBND")
    page.locator("#id_resolve_decision_content").fill("Công nhận nội dung khiếu nại là đúng.")
    page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".alert-success")).to_contain_text("recorded")
    assert Case.objects.get().status == CaseStatus.RESOLVED
    _checked(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_citizen_sends_once_even_with_a_double_click_and_follows(
    live_server, cast, browser_page, settings, tmp_path, viewport
):
    settings.MEDIA_ROOT = tmp_path
    page = browser_page
    page.set_viewport_size(viewport)
    host = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": host}])
    page.goto(f"{host}/cong-khai/y-kien/")
    expect(page.locator("h1")).to_have_text("Send a proposal or feedback")
    _checked(page)
    page.get_by_label("Feedback").check()
    page.get_by_label("Province or city").select_option(label="Tỉnh Quảng Trị")
    _pick(page, "id_unit", "truong son", "Xã Trường Sơn")
    page.get_by_label("Content").fill("Đèn đường trục thôn Đông bị hỏng đã một tuần.")
    page.get_by_label("Your name").fill("Lê Thị Dân")
    page.get_by_label("Phone", exact=True).fill("0912 000 111")
    page.get_by_role("button", name="Send").dblclick()
    expect(page.locator("h1")).to_have_text("Thank you: your message was sent")
    code = page.locator("#tracking-code").inner_text().strip()
    case = Case.objects.get()  # one case for the double click
    assert code == case.tracking_code and case.unit == cast.tree.commune_a
    _checked(page)
    page.reload()
    expect(page.locator("h1")).to_have_text("Thank you: your message was sent")
    expect(page.locator("#tracking-code")).to_have_count(0)
    assert Case.objects.count() == 1

    page.get_by_role("link", name="Follow a case").first.click()
    page.get_by_label("Tracking code").fill(code)
    page.get_by_label("The phone or e-mail you gave").fill("0912000111")
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#case-status")).to_have_text("Received, to be processed")
    _checked(page)
