"""The pages as a commune official, a leader, a village head and a household see them: Vietnamese
dates and numbers in and out, errors beside the field with nothing saved, lists with pinned
query counts, the printed codes and the public vote."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import login
from danvan.democracy.models import (
    Ballot,
    Comment,
    Disclosure,
    DisclosureItem,
    Matter,
    MatterStatus,
)
from danvan.democracy.services import decisions
from danvan.democracy.tests import factories
from danvan.democracy.tests.conftest import in_hours, make_matter, open_vote
from danvan.democracy.tests.test_services import photo

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_an_official_enters_a_disclosure_with_a_photo(cast):
    client = login(cast.official_a)
    item = DisclosureItem.objects.get(code="xa-11-1")
    decided = TODAY - dt.timedelta(days=35)
    response = client.post(
        reverse("democracy:disclosure-create"),
        {
            "unit": cast.tree.commune_a.pk,
            "item": item.pk,
            "title": "Kế hoạch phát triển kinh tế - xã hội năm 2026",
            "decided_on": d(decided),
            "is_public": "on",
            "channel": "board",
            "place": "Bảng tin UBND xã",
            "posted_from": d(decided),
            "posted_until": d(decided + dt.timedelta(days=29)),
            "photo": photo(),
        },
    )
    made = Disclosure.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{made.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert d(decided) in page and "30 days" in page
    assert reverse("democracy:posting-photo", args=[made.postings.get().pk]) in page
    photo_response = client.get(reverse("democracy:posting-photo", args=[made.postings.get().pk]))
    assert photo_response.status_code == 200 and photo_response["Content-Type"] == "image/jpeg"


def test_a_bad_date_is_refused_beside_its_field_and_nothing_saved(cast):
    client = login(cast.official_a)
    item = DisclosureItem.objects.get(code="xa-11-1")
    response = client.post(
        reverse("democracy:disclosure-create"),
        {
            "unit": cast.tree.commune_a.pk,
            "item": item.pk,
            "title": "X",
            "decided_on": "2026-13-45",
            "channel": "board",
            "posted_from": "01/03/2026",
            "posted_until": "31/02/2026",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter a date as day/month/year" in body
    assert 'id="id_decided_on_errors"' in body and 'id="id_posted_until_errors"' in body
    assert not Disclosure.objects.exists()


def test_the_register_list_pins_its_queries(cast, django_assert_max_num_queries):
    for n in range(12):
        factories.disclosure(cast.official_a, cast.tree.commune_a, title=f"Công khai số {n}")
    client = login(cast.official_a)
    client.get(reverse("democracy:disclosure-list"))  # warm the session and grants
    with django_assert_max_num_queries(12):
        response = client.get(reverse("democracy:disclosure-list"))
    assert response.status_code == 200 and "Công khai số 11" in response.content.decode()
    export = client.get(reverse("democracy:disclosure-export"))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_compliance_view_shows_missing_and_short(cast):
    factories.disclosure(cast.official_a, cast.tree.commune_a, "xa-11-7", days=10)
    client = login(cast.province_officer)
    response = client.get(
        reverse("democracy:compliance"), {"unit": cast.tree.province.pk, "year": TODAY.year}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Xã Trường Sơn" in body and "Xã Kim Phú" in body
    assert "too short" in body
    previous = client.get(
        reverse("democracy:compliance"), {"unit": cast.tree.province.pk, "year": TODAY.year - 1}
    ).content.decode()
    assert "missing" in previous  # a finished year: every yearly item not disclosed is missing
    xlsx = client.get(
        reverse("democracy:compliance"),
        {"unit": cast.tree.province.pk, "year": TODAY.year, "format": "xlsx"},
    )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_country_view_is_rolled_up_by_province(cast):
    factories.disclosure(cast.official_a, cast.tree.commune_a)
    client = login(cast.admin)
    body = client.get(
        reverse("democracy:compliance"), {"unit": cast.tree.nation.pk}
    ).content.decode()
    assert "Tỉnh Quảng Trị" in body and "Tỉnh Bắc Ninh" in body
    assert "Xã Kim Phú" not in body  # the communes are one click further


def test_a_village_head_records_a_meeting_and_an_impossible_tally_is_refused(cast, places):
    client = login(places.village_head)
    response = client.post(
        reverse("democracy:matter-create"),
        {
            "village": places.village_a.pk,
            "kind": "contribution",
            "title": "Làm đường",
            "proposed_text": "Mỗi hộ 500.000 đồng",
            "households": "1.200",
            "form": "meeting",
        },
    )
    matter = Matter.objects.get()
    assert response.status_code == 302 and matter.households == 1200
    bad = client.post(
        reverse("democracy:matter-tally", args=[matter.pk]),
        {
            "held_on": d(TODAY),
            "taking_part": "1.201",
            "agreeing": "700",
            "disagreeing": "10",
            "version": matter.version,
        },
    )
    assert bad.status_code == 400
    assert "1201 households taking part, but the village has only 1200" in bad.content.decode()
    matter.refresh_from_db()
    assert matter.status == MatterStatus.DRAFT
    good = client.post(
        reverse("democracy:matter-tally", args=[matter.pk]),
        {
            "held_on": d(TODAY),
            "taking_part": "900",
            "agreeing": "650",
            "disagreeing": "200",
            "minutes": "Biên bản",
            "is_public": "on",
            "version": matter.version,
        },
    )
    assert good.status_code == 302
    page = client.get(reverse("democracy:matter-detail", args=[matter.pk])).content.decode()
    assert "Passed" in page and "54,2%" in page  # 650 of 1.200 households, Vietnamese decimals


def test_codes_are_printed_once_and_the_household_votes_on_the_public_page(cast, places):
    matter = make_matter(cast.official_a, places.village_a, form="online", households=3)
    staff = login(cast.official_a)
    sheet = staff.post(reverse("democracy:matter-codes", args=[matter.pk]), {"_once": "a" * 20})
    body = sheet.content.decode()
    printed = re.findall(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b", body)
    assert len(printed) == 3 and "Print" in body
    again = staff.post(reverse("democracy:matter-codes", args=[matter.pk]), {"_once": "a" * 20})
    assert again.status_code == 302  # the same click twice: the codes are not shown again
    matter.refresh_from_db()
    staff.post(reverse("democracy:matter-open", args=[matter.pk]), {"version": matter.version})
    matter.refresh_from_db()
    assert matter.status == MatterStatus.VOTING

    household = Client()  # a fresh browser, no account
    url = reverse("grassroots:vote", args=[matter.pk])
    response = household.post(
        url, {"code": printed[0].lower(), "choice": "agree"}, REMOTE_ADDR="10.0.0.5"
    )
    assert response.status_code == 302
    followed = household.get(url).content.decode()
    assert (
        "Your household&#x27;s vote is recorded" in followed
        or "Your household's vote is recorded" in followed
    )
    assert "I agree" in followed  # the form is there to change it; no tally is shown
    wrong = household.post(
        url, {"code": "ACDE-FGHJ-KMNP", "choice": "agree"}, REMOTE_ADDR="10.0.0.5"
    )
    assert wrong.status_code == 400 and "not valid for this vote" in wrong.content.decode()
    assert Ballot.objects.filter(matter=matter).count() == 1
    staff_page = staff.get(reverse("democracy:matter-detail", args=[matter.pk])).content.decode()
    assert "1 of 3 households have voted so far" in staff_page and "Passed" not in staff_page


def test_the_result_appears_after_the_close_only(cast, places, client):
    matter, printed = open_vote(cast.official_a, places.village_a, households=3)
    for code in printed[:2]:
        client.post(reverse("grassroots:vote", args=[matter.pk]), {"code": code, "choice": "agree"})
    before = client.get(reverse("grassroots:vote", args=[matter.pk])).content.decode()
    assert "Passed" not in before and "Agreeing" not in before
    Matter.objects.filter(pk=matter.pk).update(opens_at=in_hours(-30), closes_at=in_hours(-1))
    after = client.get(reverse("grassroots:vote", args=[matter.pk])).content.decode()
    assert "Passed" in after and "66,7%" in after
    late = client.post(
        reverse("grassroots:vote", args=[matter.pk]), {"code": printed[2], "choice": "disagree"}
    )
    assert "Voting closed at" in late.content.decode()
    assert Ballot.objects.filter(matter=matter).count() == 2


def test_the_public_comment_is_received_and_redirected(cast, client):
    consultation = factories.consultation(cast.official_a, cast.tree.commune_a)
    url = reverse("grassroots:consultation", args=[consultation.pk])
    response = client.post(
        url, {"text": "Đề nghị làm rõ diện tích", "author": "Ông Minh", "contact": "0912345678"}
    )
    assert response.status_code == 302
    assert Comment.objects.filter(text="Đề nghị làm rõ diện tích").exists()
    robot = client.post(url, {"text": "spam", "website": "http://spam"})
    assert robot.status_code == 302 and not Comment.objects.filter(text="spam").exists()
    page = client.get(url).content.decode()
    assert "0912345678" not in page


def test_the_leader_recognises_the_villages_election(cast, places):
    matter = make_matter(places.village_head, places.village_a, households=10, kind="village_head")
    matter = decisions.tally_record(
        actor=places.village_head,
        matter=matter,
        held_on=TODAY,
        taking_part=9,
        agreeing=8,
        disagreeing=1,
    )
    decisions.matter_send(actor=places.village_head, matter=matter)
    leader = login(cast.leader_a)
    assert matter.title in leader.get(reverse("democracy:home")).content.decode()
    official = login(cast.official_a).post(
        reverse("democracy:matter-recognise", args=[matter.pk]), {"decision": "yes"}
    )
    assert official.status_code == 403
    response = leader.post(
        reverse("democracy:matter-recognise", args=[matter.pk]),
        {"decision": "yes", "note": "QĐ 15/QĐ-UBND"},
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.status == MatterStatus.RECOGNISED


def test_every_staff_list_renders_with_data(cast, places):
    factories.consultation(
        cast.official_a, cast.tree.commune_a, answered=True, leader=cast.leader_a
    )
    factories.board(cast.official_a, cast.tree.commune_a)
    work = factories.work(cast.official_a, cast.tree.commune_a, places.village_a)
    client = login(cast.official_a)
    for name in (
        "home",
        "matter-list",
        "consultation-list",
        "board-list",
        "work-list",
        "item-list",
        "compliance",
    ):
        assert client.get(reverse(f"democracy:{name}")).status_code == 200, name
    assert (
        "500.000.000"
        in client.get(reverse("democracy:work-detail", args=[work.pk])).content.decode()
    )
    public = client.get(
        reverse("grassroots:commune", args=[cast.tree.commune_a.pk])
    ).content.decode()
    assert "Đường bê tông thôn Đông" in public


def test_every_list_pins_its_queries_whatever_the_number_of_rows(
    cast, places, django_assert_max_num_queries
):
    for n in range(8):
        make_matter(cast.official_a, places.village_a, title=f"Nội dung {n}")
        factories.consultation(cast.official_a, cast.tree.commune_a)
        factories.work(cast.official_a, cast.tree.commune_a)
    factories.board(cast.official_a, cast.tree.commune_a)
    client = login(cast.official_a)
    for name in ("matter-list", "consultation-list", "board-list", "work-list", "home"):
        client.get(reverse(f"democracy:{name}"))
        with django_assert_max_num_queries(12):
            assert client.get(reverse(f"democracy:{name}")).status_code == 200
    with django_assert_max_num_queries(14):
        client.get(reverse("democracy:compliance"), {"unit": cast.tree.province.pk})
