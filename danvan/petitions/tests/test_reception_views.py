"""Pages of citizen reception, voter petitions and dialogue conferences: what they show, what
they save, and that a user of another unit gets nothing."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import login
from danvan.petitions.models import ReceptionSession, VoterPetition
from danvan.petitions.reception import services

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def _detail_urls(session, meeting, petition, conference, matter, schedule, issue):
    return [
        reverse("petitions:reception-detail", args=[session.pk]),
        reverse("petitions:matter-to-case", args=[matter.pk]),
        reverse("petitions:voter-meeting-detail", args=[meeting.pk]),
        reverse("petitions:voter-petition-detail", args=[petition.pk]),
        reverse("petitions:dialogue-detail", args=[conference.pk]),
    ]


@pytest.fixture
def world(cast, session_a, meeting_a, forwarded_a, conference_a, today):
    matter = services.matter_add(actor=cast.official_a, session=session_a, content="Phản ánh")
    schedule = services.schedule_create(
        actor=cast.official_a,
        unit=cast.tree.ubnd_a,
        kind="weekly",
        weekday=3,
        receiver="Chủ tịch UBND xã",
        place="Trụ sở",
    )
    issue = services.dialogue_issue_add(
        actor=cast.official_a,
        conference=conference_a,
        content="Vấn đề",
        commitment="Cam kết",
        committed_unit=cast.tree.ubnd_a,
        due_date=today,
    )
    return dict(
        session=session_a,
        meeting=meeting_a,
        petition=forwarded_a,
        conference=conference_a,
        matter=matter,
        schedule=schedule,
        issue=issue,
    )


# --- Another unit gets nothing ----------------------------------------------------------


def test_other_commune_gets_404_on_every_detail_page(cast, world):
    client = login(cast.official_b)
    for url in _detail_urls(**world):
        assert client.get(url).status_code == 404, url


def test_other_commune_cannot_post_anything(cast, world, today):
    client = login(cast.official_b)
    posts = [
        (reverse("petitions:reception-detail", args=[world["session"].pk]), {"content": "x"}),
        (
            reverse("petitions:matter-to-case", args=[world["matter"].pk]),
            {"case_kind": "feedback"},
        ),
        (reverse("petitions:schedule-stop", args=[world["schedule"].pk]), {}),
        (reverse("petitions:voter-meeting-detail", args=[world["meeting"].pk]), {"content": "x"}),
        (reverse("petitions:voter-petition-forward", args=[world["petition"].pk]), {}),
        (reverse("petitions:voter-petition-answer", args=[world["petition"].pk]), {}),
        (
            reverse("petitions:voter-petition-publish", args=[world["petition"].pk]),
            {"published": "1"},
        ),
        (reverse("petitions:dialogue-detail", args=[world["conference"].pk]), {"content": "x"}),
        (reverse("petitions:issue-make-task", args=[world["issue"].pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert world["session"].matters.count() == 1
    assert world["meeting"].petitions.count() == 1
    world["schedule"].refresh_from_db()
    assert world["schedule"].is_active


def test_other_commune_lists_are_empty(cast, world):
    client = login(cast.official_b)
    for name in ("reception-list", "voter-petition-list", "dialogue-list"):
        response = client.get(reverse(f"petitions:{name}"))
        assert response.status_code == 200
        assert response.context["page"].items == [], name
    response = client.get(reverse("petitions:schedule-list"))
    assert response.context["items"] == []
    for name in ("reception-export", "voter-petition-export"):
        book = load_workbook(BytesIO(client.get(reverse(f"petitions:{name}")).content))
        assert book.active.max_row == 1, name  # the header only


def test_other_province_officer_sees_nothing(cast, world):
    client = login(cast.other_province_officer)
    for url in _detail_urls(**world):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("petitions:voter-petition-list")).context["page"].items == []


def test_province_officer_sees_the_commune(cast, world):
    client = login(cast.province_officer)
    for url in _detail_urls(**world):
        assert client.get(url).status_code == 200, url


# --- Reception pages --------------------------------------------------------------------


def test_record_a_session_and_its_matter(cast, today):
    client = login(cast.official_a)
    response = client.post(
        reverse("petitions:reception-create"),
        {
            "unit": cast.tree.ubnd_a.pk,
            "kind": "ad_hoc",
            "held_on": today.isoformat(),
            "receiver": "Chủ tịch " + SCRIPT,
            "individuals": 2,
            "groups": 0,
            "group_members": 0,
        },
    )
    session = ReceptionSession.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("petitions:reception-detail", args=[session.pk]),
        {"content": SCRIPT, "people": 1, "outcome": "answered"},
    )
    assert response.status_code == 302
    page = client.get(reverse("petitions:reception-detail", args=[session.pk])).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_future_session_is_refused_and_the_input_kept(cast, today):
    client = login(cast.official_a)
    response = client.post(
        reverse("petitions:reception-create"),
        {
            "unit": cast.tree.ubnd_a.pk,
            "kind": "scheduled",
            "held_on": (today + dt.timedelta(days=2)).isoformat(),
            "receiver": "Người tiếp giữ lại",
            "individuals": 1,
            "groups": 0,
            "group_members": 0,
        },
    )
    assert response.status_code == 200
    assert "cannot be later than today" in response.content.decode()
    assert "Người tiếp giữ lại" in response.content.decode()
    assert not ReceptionSession.objects.exists()


def test_matter_received_as_a_case_from_the_page(cast, session_a):
    client = login(cast.official_a)
    response = client.post(
        reverse("petitions:reception-detail", args=[session_a.pk]),
        {"content": "Khiếu nại", "people": 4, "outcome": "case", "case_kind": "complaint"},
    )
    assert response.status_code == 302
    matter = session_a.matters.get()
    assert matter.case is not None and matter.case.petitioner_count == 4
    page = client.get(reverse("petitions:reception-detail", args=[session_a.pk])).content.decode()
    assert f"Complaint {matter.case.reference}" in page  # the case's reference, as everywhere


def test_schedule_page_shows_the_minimum(cast):
    client = login(cast.official_a)
    response = client.post(
        reverse("petitions:schedule-list"),
        {
            "unit": cast.tree.ubnd_a.pk,
            "kind": "monthly",
            "day_of_month": 15,
            "receiver": "Chủ tịch UBND xã",
            "place": "Trụ sở",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("petitions:schedule-list")).content.decode()
    assert "Day 15 of each month" in page
    assert "Below the law&#x27;s minimum" in page or "Below the law's minimum" in page


def test_session_list_queries_are_constant(cast, django_assert_max_num_queries, today):
    for _i in range(12):
        services.session_record(
            actor=cast.official_a, unit=cast.tree.ubnd_a, held_on=today, receiver="A"
        )
    client = login(cast.official_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("petitions:reception-list")).status_code == 200


def test_session_export(cast, session_a):
    response = login(cast.official_a).get(reverse("petitions:reception-export"))
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 2
    assert sheet.cell(row=2, column=9).value == 8  # citizens received


# --- Voter petitions pages ----------------------------------------------------------------


def test_forward_and_answer_from_the_pages(cast, petition_a, today):
    client = login(cast.official_a)
    url = reverse("petitions:voter-petition-forward", args=[petition_a.pk])
    response = client.post(
        url,
        {
            "agency": cast.tree.ubnd_a.pk,
            "forwarded_on": today.strftime("%d/%m/%Y"),
            "version": petition_a.version,
        },
    )
    assert response.status_code == 302
    petition_a.refresh_from_db()
    response = client.post(
        reverse("petitions:voter-petition-answer", args=[petition_a.pk]),
        {
            "answer": "Trả lời",
            "answered_on": (today - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
            "version": petition_a.version,
        },
    )
    assert response.status_code == 200
    assert "cannot be before the forwarding date" in response.content.decode()
    petition_a.refresh_from_db()
    assert petition_a.answered_on is None


def test_overdue_petition_stands_out(cast, meeting_a, today):
    petition = services.voter_petition_add(actor=cast.official_a, meeting=meeting_a, content="X")
    services.voter_petition_forward(
        actor=cast.official_a,
        petition=petition,
        agency=cast.tree.ubnd_a,
        forwarded_on=meeting_a.held_on,
        answer_due=today - dt.timedelta(days=1),
    )
    page = login(cast.official_a).get(reverse("petitions:voter-petition-list")).content.decode()
    assert "table-danger" in page and "Overdue" in page


def test_agency_sees_the_petition_forwarded_to_it(cast, meeting_a, today):
    petition = services.voter_petition_add(actor=cast.official_a, meeting=meeting_a, content="X")
    services.voter_petition_forward(
        actor=cast.official_a, petition=petition, agency=cast.tree.commune_b, forwarded_on=today
    )
    client = login(cast.official_b)
    assert (
        client.get(reverse("petitions:voter-petition-detail", args=[petition.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("petitions:voter-meeting-detail", args=[meeting_a.pk])).status_code
        == 404
    )
    petition.refresh_from_db()
    response = client.post(
        reverse("petitions:voter-petition-answer", args=[petition.pk]),
        {
            "answer": "Kim Phú trả lời",
            "answered_on": today.isoformat(),
            "version": petition.version,
        },
    )
    assert response.status_code == 302
    assert VoterPetition.objects.get(pk=petition.pk).answer == "Kim Phú trả lời"


def test_voter_list_queries_are_constant(cast, meeting_a, django_assert_max_num_queries):
    for i in range(12):
        services.voter_petition_add(actor=cast.official_a, meeting=meeting_a, content=f"P{i}")
    client = login(cast.official_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("petitions:voter-petition-list")).status_code == 200


def test_voter_export(cast, forwarded_a):
    response = login(cast.official_a).get(reverse("petitions:voter-petition-export"))
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.cell(row=2, column=3).value == forwarded_a.content
    assert sheet.cell(row=2, column=5).value == cast.tree.ubnd_a.name


def test_export_cells_never_start_a_formula(cast, meeting_a):
    services.voter_petition_add(actor=cast.official_a, meeting=meeting_a, content="=HYPERLINK(1)")
    response = login(cast.official_a).get(reverse("petitions:voter-petition-export"))
    sheet = load_workbook(BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=3)
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")  # as typed, and only text


# --- Public answers -----------------------------------------------------------------------


def test_only_published_answers_are_public(cast, forwarded_a, today, client):
    url = reverse("citizen:voter-answer-detail", args=[forwarded_a.pk])
    assert client.get(url).status_code == 404
    services.voter_petition_answer(
        actor=cast.official_a, petition=forwarded_a, answer=SCRIPT, answered_on=today
    )
    assert client.get(url).status_code == 404  # answered, not published
    services.voter_petition_publish(actor=cast.official_a, petition=forwarded_a, published=True)
    page = client.get(url).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    listing = client.get(
        reverse("citizen:voter-answer-list"), {"unit": "Trường Sơn", "year": today.year}
    )
    assert [p.pk for p in listing.context["page"].items] == [forwarded_a.pk]
    listing = client.get(reverse("citizen:voter-answer-list"), {"unit": "Kim Phu"})
    assert listing.context["page"].items == []
    assert client.get(reverse("citizen:voter-answer-detail", args=[99999])).status_code == 404


# --- Dialogue pages -----------------------------------------------------------------------


def test_leader_records_a_commitment_that_becomes_a_task(cast, conference_a, today):
    client = login(cast.leader_a)
    response = client.post(
        reverse("petitions:dialogue-detail", args=[conference_a.pk]),
        {
            "content": "Đường hỏng",
            "commitment": "Sửa đường",
            "committed_unit": cast.tree.ubnd_a.pk,
            "due_date": (today + dt.timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    issue = conference_a.issues.get()
    assert issue.task_id
    page = client.get(reverse("petitions:dialogue-detail", args=[conference_a.pk])).content.decode()
    assert reverse("plans:plan-detail", args=[issue.task.plan_id]) in page


def test_official_commitment_waits_for_a_leader(cast, conference_a, today):
    client = login(cast.official_a)
    client.post(
        reverse("petitions:dialogue-detail", args=[conference_a.pk]),
        {
            "content": "Đường hỏng",
            "commitment": "Sửa đường",
            "committed_unit": cast.tree.ubnd_a.pk,
            "due_date": today.isoformat(),
        },
    )
    issue = conference_a.issues.get()
    assert issue.task_id is None
    assert client.post(reverse("petitions:issue-make-task", args=[issue.pk])).status_code == 403
    response = login(cast.leader_a).post(reverse("petitions:issue-make-task", args=[issue.pk]))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.task_id


def test_dialogue_list_queries_are_constant(cast, django_assert_max_num_queries, today):
    for i in range(12):
        services.dialogue_record(
            actor=cast.official_a,
            unit=cast.tree.ubnd_a,
            held_on=today,
            topic=f"Chủ đề {i}",
            chaired_by="Chủ tịch",
        )
    client = login(cast.official_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("petitions:dialogue-list")).status_code == 200


def test_create_pages_are_not_offered_to_viewers_without_rights(cast, tree):
    from danvan.accounts.models import Role
    from danvan.accounts.tests.factories import UserFactory, grant

    viewer = UserFactory(username="viewer_a", home_unit=tree.commune_a)
    grant(viewer, Role.VIEWER, tree.commune_a)
    client = login(viewer)
    for name in ("reception-create", "voter-meeting-create", "dialogue-create"):
        assert client.get(reverse(f"petitions:{name}")).status_code == 404


def test_correct_a_session(cast, session_a, today):
    url = reverse("petitions:reception-update", args=[session_a.pk])
    assert login(cast.official_b).get(url).status_code == 404
    assert login(cast.official_b).post(url, {"receiver": "X"}).status_code == 404
    client = login(cast.official_a)
    assert client.get(url).status_code == 200
    data = {
        "held_on": today.isoformat(),
        "receiver": "Phó Chủ tịch UBND xã",
        "place": "",
        "individuals": 1,
        "groups": 2,
        "group_members": 3,
        "summary": "",
        "version": session_a.version,  # the page's version: nobody saved since
    }
    response = client.post(url, data)
    assert (
        response.status_code == 200 and "A group has at least 2 people" in response.content.decode()
    )
    response = client.post(url, {**data, "group_members": 9})
    assert response.status_code == 302
    session_a.refresh_from_db()
    assert (session_a.receiver, session_a.citizens) == ("Phó Chủ tịch UBND xã", 10)
