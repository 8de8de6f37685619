"""A real browser at 360 px: a commune official registers a model that replicates another
commune's, adds a progress note, registers it; the model's page shows the lineage; a council
member scores it; the public showcase finds a published model by a folded search."""

import pytest
from playwright.sync_api import expect

from danvan.accounts.tests.factories import PASSWORD
from danvan.exemplars import services
from danvan.exemplars.models import Exemplar, Status
from danvan.exemplars.tests.factories import YEAR, make_model, open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def log_in(page, live_server, username: str, next_url: str) -> None:
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_register_a_replication_and_score_it(live_server, cast, browser_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    round_ = open_round(cast)
    services.member_add(actor=cast.province_officer, round=round_, user=cast.province_officer)
    original = make_model(cast.official_b, cast.tree.commune_b, title="Hiến đất làm đường")
    page = browser_page
    log_in(page, live_server, "official_a", f"/dan-van-kheo/{original.pk}/")
    # commune A cannot see commune B's model page: it starts from its own list instead
    page.goto(f"{live_server.url}/dan-van-kheo/moi/?replicates={original.pk}")
    expect(page.locator("h1")).to_have_text("Register a model")
    assert fits_the_screen(page)
    page.get_by_label("Owning unit").select_option(label="Xã Trường Sơn")
    page.get_by_label("Name").fill("Nhân rộng hiến đất làm đường")
    page.get_by_label("Goals").fill("3 km đường liên thôn")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("h1")).to_have_text("Nhân rộng hiến đất làm đường")
    expect(page.locator("main")).to_contain_text("Replicates Hiến đất làm đường")
    assert fits_the_screen(page)
    page.get_by_text("Add evidence").click()
    page.get_by_label("Note or caption").fill("Đã họp dân thôn Đông")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã họp dân thôn Đông")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator("main")).to_contain_text(f"The model is registered for {YEAR}.")
    copy = Exemplar.objects.get(title="Nhân rộng hiến đất làm đường")
    assert copy.status == Status.REGISTERED and copy.replicates == original
    original.refresh_from_db()
    assert original.replica_count == 1

    page.get_by_role("link", name="Self-assess").click()
    for label in page.locator("input[type=number]").all():
        label.fill("18")
    page.get_by_label("The unit's assessment").fill("Đạt mục tiêu")
    page.get_by_role("button", name="Submit the self-assessment").click()
    expect(page.locator("main")).to_contain_text("The self-assessment was recorded")

    page.context.clear_cookies()
    log_in(page, live_server, "province_officer", f"/dan-van-kheo/{copy.pk}/")
    page.get_by_role("link", name="Score this model").click()
    for field in page.locator("input[type=number]").all():
        field.fill("17")
    page.get_by_label("Recognise", exact=True).check()
    page.get_by_role("button", name="Submit my score").click()
    expect(page.locator("main")).to_contain_text("Your score was recorded.")
    assert fits_the_screen(page)
    assert copy.scores.count() == 1
