"""Every URL pattern of petitions — staff pages, public pages, API — walked with the ids of
commune A's objects as a user of another commune and as a user of another province: each
answers 404 (405 for a method the page does not take) and changes nothing. Pages without an id
show them nothing of commune A. A new pattern fails this test until it is added here."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from danvan.audit.models import AuditEntry
from danvan.petitions import api, public_urls, urls
from danvan.petitions.cases import services as case_services
from danvan.petitions.models import (
    Case,
    CaseField,
    CaseTimeLimit,
    DialogueConference,
    ReceptionSession,
    VoterMeeting,
)
from danvan.petitions.reception import services as reception_services
from danvan.petitions.tests.conftest import names_case

pytestmark = pytest.mark.django_db

MARK = "Bí mật của xã Trường Sơn"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PREFIX = {urls: "/don-thu/", public_urls: "/cong-khai/y-kien/", api: "/api/v1/cases/"}
# Public reference data, the same for everyone: not an object of a unit.
NOT_A_UNITS_OBJECT = {(public_urls, "commune-search")}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(cast, make_case, session_a, meeting_a, conference_a):
    today = timezone.localdate()
    case = make_case(content=MARK, files=[SimpleUploadedFile("anh.png", PNG)])
    matter = reception_services.matter_add(actor=cast.official_a, session=session_a, content=MARK)
    schedule = reception_services.schedule_create(
        actor=cast.official_a,
        unit=cast.tree.ubnd_a,
        kind="weekly",
        weekday=3,
        receiver="Chủ tịch UBND xã",
        place="Trụ sở",
    )
    petition = reception_services.voter_petition_add(
        actor=cast.official_a, meeting=meeting_a, content=MARK
    )
    issue = reception_services.dialogue_issue_add(
        actor=cast.official_a,
        conference=conference_a,
        content=MARK,
        commitment="Cam kết",
        committed_unit=cast.tree.ubnd_a,
        due_date=today,
    )
    return {
        "case": case,
        "file": case.attachments.get(),
        "session": session_a,
        "matter": matter,
        "schedule": schedule,
        "meeting": meeting_a,
        "petition": petition,
        "conference": conference_a,
        "issue": issue,
        "limit": CaseTimeLimit.objects.first(),
        "field": CaseField.objects.first(),
        "user": cast.official_a,
        "province": cast.tree.province,
    }


KWARG_OBJECT = {
    "session_id": "session",
    "matter_id": "matter",
    "schedule_id": "schedule",
    "meeting_id": "meeting",
    "petition_id": "petition",
    "conference_id": "conference",
    "issue_id": "issue",
    "limit_id": "limit",
    "field_id": "field",
    "file_id": "file",
    "user_id": "user",
    "province_id": "province",
}
API_PK = {
    "case-detail": "case",
    "reception-session-detail": "session",
    "voter-petition-detail": "petition",
    "dialogue-detail": "conference",
}


def _patterns():
    for module in (urls, public_urls, api):
        for pattern in module.urlpatterns:
            yield module, pattern


def _url(module, pattern, world) -> str:
    path = str(pattern.pattern)
    for name in pattern.pattern.converters:
        if name == "pk":
            key = API_PK[pattern.name] if module is api else "case"
        else:
            key = KWARG_OBJECT[name]
        for kind in ("int", "path"):
            path = path.replace(f"<{kind}:{name}>", str(world[key].pk))
    return PREFIX[module] + path


def _with_ids():
    return [
        (module, pattern)
        for module, pattern in _patterns()
        if pattern.pattern.converters and (module, pattern.name) not in NOT_A_UNITS_OBJECT
    ]


def test_every_pattern_with_an_id_is_walked():
    """The walk below covers every pattern: a new one needs its object here."""
    for module, pattern in _with_ids():
        for name in pattern.pattern.converters:
            assert name == "pk" or name in KWARG_OBJECT, (pattern.name, name)
            if name == "pk" and module is api:
                assert pattern.name in API_PK, pattern.name
    assert len(_with_ids()) == 40


def _client(user):
    from danvan.conftest import login

    return login(user)


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_another_unit_gets_404_on_every_pattern_with_an_id(cast, world, who):
    user = getattr(cast, who)
    pages = _client(user)
    rest = APIClient()
    rest.force_authenticate(user)
    writes_before = AuditEntry.objects.count()
    for module, pattern in _with_ids():
        url = _url(module, pattern, world)
        client = rest if module is api else pages
        answers = {
            "get": client.get(url).status_code,
            "post": client.post(url, {"content": "x", "reason": "x", "note": "x"}).status_code,
        }
        assert set(answers.values()) <= {404, 405}, (url, answers)
        assert 404 in answers.values(), (url, answers)
    assert AuditEntry.objects.count() == writes_before  # nothing was changed, nor read
    assert Case.objects.get(pk=world["case"].pk).status == "received"
    assert world["session"].matters.count() == 1
    assert world["meeting"].petitions.count() == 1


def test_an_unpublished_answer_is_404_for_everyone(cast, world, client):
    url = reverse("citizen:voter-answer-detail", args=[world["petition"].pk])
    assert client.get(url).status_code == 404
    assert _client(cast.official_a).get(url).status_code == 404


NO_ID_PAGES = [
    "petitions:case-list",
    "petitions:case-create",
    "petitions:case-export",
    "petitions:case-stats",
    "petitions:case-stats-export",
    "petitions:time-limit-list",
    "petitions:reception-list",
    "petitions:reception-export",
    "petitions:reception-create",
    "petitions:schedule-list",
    "petitions:voter-petition-list",
    "petitions:voter-petition-export",
    "petitions:voter-meeting-create",
    "petitions:dialogue-list",
    "petitions:dialogue-create",
]


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_pages_without_an_id_show_nothing_of_commune_a(cast, world, who):
    user = getattr(cast, who)
    client = _client(user)
    staff_names = {f"petitions:{p.name}" for p in urls.urlpatterns if not p.pattern.converters}
    posted_only = {"petitions:case-duplicates", "petitions:field-create"}
    assert staff_names == set(NO_ID_PAGES) | posted_only
    for name in NO_ID_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert MARK not in response.content.decode(errors="replace"), name
        assert not names_case(response.content.decode(errors="replace"), world["case"]), name
    response = client.post(
        reverse("petitions:case-duplicates"),
        {"petitioner_name": "Nguyễn Văn Dân", "petitioner_phone": "0912 345 678", "content": MARK},
    )
    assert not names_case(response.content.decode(), world["case"])
    assert client.post(reverse("petitions:field-create"), {"name": "X"}).status_code == 404
    rest = APIClient()
    rest.force_authenticate(user)
    for module, pattern in _patterns():
        if module is api and not pattern.pattern.converters:
            body = rest.get(PREFIX[api] + str(pattern.pattern)).json()
            assert body["results"] == [], pattern.name


@pytest.mark.parametrize("who", ["official_b", "other_province_officer"])
def test_another_unit_cannot_create_in_commune_a(cast, world, who):
    client = _client(getattr(cast, who))
    today = timezone.localdate().strftime("%d/%m/%Y")
    counts = (
        Case.objects.count(),
        ReceptionSession.objects.count(),
        VoterMeeting.objects.count(),
        DialogueConference.objects.count(),
    )
    posts = [
        (
            "petitions:case-create",
            {
                "unit": cast.tree.commune_a.pk,
                "kind": "feedback",
                "channel": "post",
                "received_on": today,
                "content": "x",
                "petitioner_kind": "person",
                "petitioner_count": "1",
            },
        ),
        (
            "petitions:reception-create",
            {"unit": cast.tree.ubnd_a.pk, "kind": "ad_hoc", "held_on": today, "receiver": "X"},
        ),
        (
            "petitions:voter-meeting-create",
            {
                "unit": cast.tree.commune_a.pk,
                "held_on": today,
                "place": "X",
                "deputies": "X",
                "voters": "1",
            },
        ),
        (
            "petitions:dialogue-create",
            {
                "unit": cast.tree.ubnd_a.pk,
                "held_on": today,
                "topic": "X",
                "chaired_by": "X",
                "participants": "1",
            },
        ),
        (
            "petitions:schedule-list",
            {
                "unit": cast.tree.ubnd_a.pk,
                "kind": "weekly",
                "weekday": "1",
                "receiver": "X",
                "place": "X",
            },
        ),
    ]
    for name, data in posts:
        response = client.post(reverse(name), data)
        assert response.status_code == 200, name  # the form again: not a unit it may choose
        assert "Select a valid choice" in response.content.decode() or "hợp lệ" in (
            response.content.decode()
        ), name
    assert counts == (
        Case.objects.count(),
        ReceptionSession.objects.count(),
        VoterMeeting.objects.count(),
        DialogueConference.objects.count(),
    )
    assert world["schedule"].unit.reception_schedules.count() == 1


def test_the_province_above_sees_every_page(cast, world):
    client = _client(cast.province_officer)
    for name, obj in [
        ("petitions:case-detail", world["case"]),
        ("petitions:reception-detail", world["session"]),
        ("petitions:voter-meeting-detail", world["meeting"]),
        ("petitions:voter-petition-detail", world["petition"]),
        ("petitions:dialogue-detail", world["conference"]),
    ]:
        assert client.get(reverse(name, args=[obj.pk])).status_code == 200, name
    assert case_services.case_accept(
        actor=cast.province_officer, case=world["case"], accepted_on=timezone.localdate()
    )
