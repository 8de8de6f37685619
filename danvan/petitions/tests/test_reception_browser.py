"""A real browser at 360 px: record a reception session whose matter becomes a case; forward a
voter petition (its agency chosen by typing the name) and record its answer."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.accounts.tests.factories import PASSWORD
from danvan.petitions.models import ReceptionSession, VoterPetition
from danvan.petitions.reception import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def _pick(page, select_id: str, typed: str, option: str) -> None:
    page.locator(f"#{select_id}-ts-control").fill(typed)
    page.locator(".ts-dropdown .option", has_text=option).click()


def log_in(page, live_server, username: str, next_url: str) -> None:
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_reception_session_whose_matter_becomes_a_case(live_server, cast, browser_page):
    page = browser_page
    today = timezone.localdate()
    log_in(page, live_server, "official_a", "/don-thu/tiep-cong-dan/them/")
    expect(page.locator("h1")).to_have_text("Record a reception session")
    assert fits_the_screen(page)
    _pick(page, "id_unit", "ubnd truong", "UBND xã Trường Sơn · Xã Trường Sơn")
    page.get_by_label("Kind").select_option("ad_hoc")
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("Who received").fill("Chủ tịch UBND xã Lê Văn Lãnh")
    page.get_by_label("Individuals received").fill("2")
    page.get_by_label("Groups received").fill("1")
    page.get_by_label("People in the groups").fill("6")
    page.get_by_role("button", name="Save the session").click()
    expect(page.locator("h1")).to_contain_text("Reception session of")
    assert fits_the_screen(page)
    session = ReceptionSession.objects.get()
    assert session.citizens == 8

    page.get_by_label("Raised by").fill("Nhóm hộ dân thôn Đông")
    page.get_by_label("Number of people").fill("6")
    page.locator("#id_content").fill("Khiếu nại về mức bồi thường khi thu hồi đất")
    page.locator("#id_outcome").select_option("case")
    page.get_by_label("Kind of case").select_option("complaint")
    page.get_by_role("button", name="Add the matter").click()
    expect(page.locator("#matters")).to_contain_text("Khiếu nại về mức bồi thường")
    matter = session.matters.get()
    assert matter.case is not None and matter.case.channel == "reception"
    expect(page.locator("#matters")).to_contain_text(f"Complaint {matter.case.reference}")
    assert fits_the_screen(page)


def test_a_voter_petition_forwarded_and_answered(live_server, cast, browser_page):
    today = timezone.localdate()
    meeting = services.voter_meeting_record(
        actor=cast.official_a,
        unit=cast.tree.commune_a,
        held_on=today - dt.timedelta(days=3),
        place="Nhà văn hóa thôn Đông",
        deputies="Đại biểu Nguyễn Văn A",
        voters=90,
    )
    petition = services.voter_petition_add(
        actor=cast.official_a, meeting=meeting, content="Đề nghị sửa cầu tràn thôn Đông"
    )
    page = browser_page
    log_in(page, live_server, "official_a", f"/don-thu/cu-tri/{petition.pk}/")
    expect(page.locator("h1")).to_have_text("Voter petition")
    _pick(page, "id_agency", "ubnd xa truong", "UBND xã Trường Sơn · Xã Trường Sơn")
    page.get_by_label("Forwarded on").fill(today.isoformat())
    page.get_by_role("button", name="Forward", exact=True).click()
    expect(page.locator(".alert")).to_contain_text("The petition was forwarded.")
    assert fits_the_screen(page)
    # an answer dated before the forwarding is refused, the text kept
    page.locator("#id_answer").fill("Đã bố trí kinh phí sửa cầu trong quý tới")
    page.get_by_label("Answered on").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save the answer").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("before the forwarding date")
    expect(page.locator("#id_answer")).to_have_value("Đã bố trí kinh phí sửa cầu trong quý tới")
    page.get_by_label("Answered on").fill(today.isoformat())
    page.get_by_role("button", name="Save the answer").click()
    expect(page.locator("#petition-answer")).to_contain_text("Đã bố trí kinh phí")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".alert")).to_contain_text("published")
    assert VoterPetition.objects.get(pk=petition.pk).is_published
    page.goto(f"{live_server.url}/cong-khai/y-kien/cu-tri/?unit=truong+son")
    expect(page.locator("main")).to_contain_text("Đề nghị sửa cầu tràn thôn Đông")
    assert fits_the_screen(page)
