"""A real browser: the commune official keeps the register (1366 px), the village head prints
the household codes and opens the vote (360 px), a household votes on its phone with a code,
and the commune's leader recognises a village's election (1366 px). Every page visited passes
axe-core's WCAG 2.1 AA checks and fits the screen."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.core.tests.browser import DESKTOP, PHONE, assert_accessible, fits_the_screen, log_in
from danvan.democracy.models import Ballot, Disclosure, DisclosureItem, MatterStatus
from danvan.democracy.services import decisions
from danvan.democracy.tests.conftest import make_matter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _the_laws_list(transactional_db):
    """A transactional test before this one emptied the tables the migrations filled."""
    from danvan.democracy.law_list import seed
    from danvan.democracy.models import ChannelRule

    seed(DisclosureItem, ChannelRule)


def test_the_official_enters_a_disclosure_and_reads_the_compliance_view(
    live_server, cast, browser_page
):
    page = browser_page
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, cast.official_a, "/dan-chu/cong-khai/them/", language="en")
    decided = TODAY - dt.timedelta(days=40)
    page.get_by_label("What (the law's list)").select_option(
        str(DisclosureItem.objects.get(code="xa-11-1").pk)
    )
    page.get_by_label("Title").fill("Kế hoạch phát triển kinh tế - xã hội năm nay")
    page.get_by_label("Decided or issued on").fill(decided.strftime("%d/%m/%Y"))
    page.get_by_label(re.compile(r"^Where")).select_option("board")
    page.get_by_label("Posted from").fill(decided.strftime("%d/%m/%Y"))
    page.get_by_label("Posted until").fill((decided + dt.timedelta(days=19)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The disclosure was entered in the register.")).to_be_visible()
    expect(page.get_by_text("posted 20 days, the law asks at least 30")).to_be_visible()
    assert Disclosure.objects.get().is_short
    assert_accessible(page)
    page.get_by_role("link", name="Compliance").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Disclosure compliance")
    assert fits_the_screen(page)
    assert_accessible(page)


def test_the_village_head_prints_codes_and_a_household_votes_on_its_phone(
    live_server, cast, places, browser_page
):
    matter = make_matter(
        places.village_head,
        places.village_a,
        form="online",
        households=3,
        opens_at=timezone.now() - dt.timedelta(hours=1),
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(
        page, live_server, places.village_head, f"/dan-chu/bieu-quyet/{matter.pk}/", language="en"
    )
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_role("button", name="Make the household codes and print them").click()
    expect(page.get_by_role("heading", name="Household codes")).to_be_visible()
    codes = re.findall(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", page.content())
    assert len(codes) == 3
    assert_accessible(page)
    page.get_by_role("link", name="Back to the matter").click()
    page.get_by_role("button", name="Open the vote").click()
    expect(page.get_by_text("The online vote is open.")).to_be_visible()

    page.context.clear_cookies()  # a household's phone: no account, English for the test
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/cong-khai/dan-chu/bieu-quyet/{matter.pk}/")
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_label("Code on your household's slip").fill(codes[1].lower())
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send my household's vote").click()
    expect(page.get_by_text("Your household's vote is recorded.")).to_be_visible()
    page.get_by_label("Code on your household's slip").fill("ACDE-FGHJ-KMNP")
    page.get_by_label("I disagree").check()
    page.get_by_role("button", name="Send my household's vote").click()
    expect(page.locator(".invalid-feedback")).to_be_visible()
    assert Ballot.objects.filter(matter=matter).count() == 1
    assert fits_the_screen(page)


def test_the_leader_recognises_the_election_of_the_village_head(
    live_server, cast, places, browser_page
):
    matter = make_matter(
        places.village_head,
        places.village_a,
        households=20,
        kind="village_head",
        title="Bầu Trưởng thôn Đông",
    )
    matter = decisions.tally_record(
        actor=places.village_head,
        matter=matter,
        held_on=TODAY,
        taking_part=16,
        agreeing=14,
        disagreeing=2,
    )
    decisions.matter_send(actor=places.village_head, matter=matter)
    page = browser_page
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, cast.leader_a, "/dan-chu/", language="en")
    assert_accessible(page)
    page.get_by_role("link", name="Bầu Trưởng thôn Đông").first.click()
    expect(page.get_by_text("Passed").first).to_be_visible()
    page.get_by_label("recognises the result").check()
    page.get_by_label("Decision number, or the reasons").fill("Quyết định số 30/QĐ-UBND")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The commune's decision was recorded.")).to_be_visible()
    matter.refresh_from_db()
    assert matter.status == MatterStatus.RECOGNISED
    assert_accessible(page)
