"""Each role's main flow in a real browser, at 1366 px and 360 px: the organiser puts the invited
officer on the team and concludes; the invited officer reads; the inspected commune answers the
overdue recommendation; the Front sends its critique point by point; the province follows up."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from danvan.core.tests.browser import DESKTOP, PHONE, assert_accessible, fits_the_screen, log_in
from danvan.oversight import kinds
from danvan.oversight.critiques import services as critiques
from danvan.oversight.models import RecommendationStatus, TeamMember
from danvan.oversight.recommendations import services as recommendations
from danvan.oversight.tests.conftest import TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=15_000)  # two shared cores: a page may take a few seconds
SCREENS = pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["1366", "360"])


def pick(page, select_id: str, typed: str, option: str) -> None:
    """Type into a picker (Tom Select) and choose the match."""
    control = page.locator(f"#{select_id}-ts-control")
    control.click()
    control.press_sequentially(typed, delay=30)
    page.locator(".ts-dropdown .option", has_text=option).first.click()
    control.press("Escape")  # close the dropdown and leave the picker, as a person would
    control.press("Tab")
    expect(page.locator(".ts-dropdown .option", has_text=option)).to_be_hidden()


def day(delta: int) -> str:
    return (TODAY + dt.timedelta(days=delta)).strftime("%d/%m/%Y")


@SCREENS
def test_organiser_puts_the_invited_officer_on_the_team_and_concludes(
    live_server, ov, director, notified, browser_page, screen
):
    page = browser_page
    page.set_viewport_size(screen)
    TeamMember.objects.filter(inspection=notified, user=ov.invited).delete()
    log_in(
        page, live_server, director, f"/kiem-tra-giam-sat/kiem-tra/{notified.pk}/", language="en"
    )
    expect(page.locator("h1")).to_contain_text("Inspection of Xã Trường Sơn")
    assert_accessible(page)
    assert fits_the_screen(page)
    pick(page, "id_member-user", "dinh thi", "Đinh Thị Mời")
    page.get_by_role("button", name="Add to the team").click()
    expect(page.locator(".alert-success")).to_contain_text("The person was added to the team.")
    expect(page.locator("#team-title + ul")).to_contain_text("Đinh Thị Mời")
    page.locator("#id_conclusion-conclusion_number").fill("9")
    page.locator("#id_conclusion-conclusion_symbol").fill("TB-SNV")
    page.locator("#id_conclusion-conclusion_date").fill(day(0))
    page.locator("#id_conclusion-conclusion_text").fill("Xã thực hiện tốt; còn chậm trả kết quả.")
    page.get_by_role("button", name="Issue the conclusion").click()
    expect(page.locator("#insp-status")).to_contain_text("Concluded")
    page.locator("#id_rec-text").fill("Rút ngắn thời gian trả kết quả")
    page.locator("#id_rec-due_date").fill(day(-1))
    page.get_by_role("button", name="Issue the recommendation").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("before the date of the conclusion")
    expect(page.locator("#id_rec-text")).to_have_value("Rút ngắn thời gian trả kết quả")
    page.locator("#id_rec-due_date").fill(day(30))
    page.get_by_role("button", name="Issue the recommendation").click()
    expect(page.locator("#recs-title + div")).to_contain_text("Rút ngắn thời gian trả kết quả")
    assert fits_the_screen(page)
    assert_accessible(page)


@SCREENS
def test_the_invited_officer_reads_the_inspection(live_server, ov, notified, browser_page, screen):
    page = browser_page
    page.set_viewport_size(screen)
    log_in(page, live_server, ov.invited, "/kiem-tra-giam-sat/kiem-tra/", language="en")
    expect(page.locator("#my-teams")).to_be_visible()
    page.get_by_role("link", name="Xã Trường Sơn").first.click()
    expect(page.locator(".alert-info")).to_contain_text("You are on this team")
    expect(page.get_by_role("button", name="Notify the unit")).to_have_count(0)
    assert fits_the_screen(page)
    assert_accessible(page)


@SCREENS
def test_the_commune_answers_an_overdue_recommendation(live_server, cast, ov, browser_page, screen):
    rec = recommendations.recommendation_create(
        actor=ov.organiser,
        issuer=ov.home_affairs,
        addressee=cast.tree.ubnd_a,
        source_kind=kinds.INSPECTION,
        source_label="Thông báo kết luận số 12/TB-SNV",
        text="Gửi văn bản xin lỗi người dân",
        issued_on=TODAY - dt.timedelta(days=30),
        due_date=TODAY - dt.timedelta(days=2),
    )
    page = browser_page
    page.set_viewport_size(screen)
    log_in(
        page,
        live_server,
        cast.official_a,
        "/kiem-tra-giam-sat/kien-nghi/can-tra-loi/",
        language="en",
    )
    expect(page.locator("tr.rec-overdue")).to_contain_text("Gửi văn bản xin lỗi người dân")
    assert_accessible(page)
    page.get_by_role("link", name="Gửi văn bản xin lỗi người dân").click()
    expect(page.locator(".alert-danger")).to_contain_text("Overdue")
    page.get_by_label("Accepted and carried out").check()
    page.get_by_label("What was done, or the reasons").fill("Đã gửi 47 văn bản xin lỗi")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".alert-success")).to_contain_text("Your answer was sent to the issuer.")
    expect(page.locator("#rec-status")).to_contain_text("Answered")
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.ANSWERED
    assert fits_the_screen(page)
    assert_accessible(page)


@SCREENS
def test_the_front_sends_its_critique_and_the_province_follows_up(
    live_server, cast, ov, browser_page, screen
):
    critique = critiques.critique_create(
        actor=cast.official_a,
        unit=cast.tree.ubnd_a,
        kind="plan",
        title="Dự thảo kế hoạch nông thôn mới",
        organisations=[ov.front_a],
        published_on=TODAY - dt.timedelta(days=3),
        critique_due=TODAY,
        answer_due=TODAY + dt.timedelta(days=10),
    )
    page = browser_page
    page.set_viewport_size(screen)
    log_in(
        page,
        live_server,
        ov.front_officer,
        f"/kiem-tra-giam-sat/phan-bien/{critique.pk}/",
        language="en",
    )
    page.locator("#id_submit-submitted_on").fill(day(0))
    page.locator("#id_submit-points").fill("Bổ sung nguồn vốn\nLàm rõ đóng góp của người dân")
    page.get_by_role("button", name="Send the critique").click()
    expect(page.locator(".alert-success")).to_contain_text("Your critique was sent")
    expect(page.locator("main")).to_contain_text("Làm rõ đóng góp của người dân")
    assert fits_the_screen(page)
    assert_accessible(page)
    page.context.clear_cookies()
    log_in(
        page,
        live_server,
        cast.province_officer,
        f"/kiem-tra-giam-sat/kien-nghi/theo-doi/?unit={cast.tree.province.pk}",
        language="en",
    )
    expect(page.locator("#dash-totals")).to_contain_text("2")
    expect(page.locator("#dash-areas")).to_contain_text("Xã Trường Sơn")
    assert fits_the_screen(page)
    assert_accessible(page)
