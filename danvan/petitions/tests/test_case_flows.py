"""What a clerk and a citizen notice: actions refused with the right answer, notices when a case
arrives, errors beside their field, the same form sent twice done once, two people editing the
same thing, forwarding to a competent body chosen by name and confirmed, no long lists."""

import datetime as dt
import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.notifications.models import Notification
from danvan.petitions.cases import services as case_services
from danvan.petitions.cases.notices import ARRIVED
from danvan.petitions.models import Case, CaseStatus
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type

pytestmark = pytest.mark.django_db

TOKEN = "double-click-0123456789"


def today():
    return timezone.localdate()


def vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def viewer_a(cast):
    viewer = UserFactory(username="viewer_a", home_unit=cast.tree.commune_a)
    grant(viewer, Role.VIEWER, cast.tree.commune_a)
    return viewer


def test_a_viewer_posting_an_action_gets_403(make_case, viewer_a, client_for):
    """Issue 11: the same situation answers 403 everywhere (it was 400 on cases)."""
    case = make_case()
    client = client_for(viewer_a)
    assert client.get(reverse("petitions:case-detail", args=[case.pk])).status_code == 200
    for name, data in [
        ("case-accept", {"accepted_on": vn(today())}),
        ("case-refuse", {"reason": "Không"}),
        ("case-hide", {"reason": "Lăng mạ"}),
        ("case-publish", {}),
    ]:
        response = client.post(reverse(f"petitions:{name}", args=[case.pk]), data)
        assert response.status_code == 403, name
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def _arrived(user) -> list[Notification]:
    return list(Notification.objects.filter(kind=ARRIVED, recipient=user))


def test_the_unit_is_told_when_a_case_arrives(make_case, cast):
    """Issue 11: the first notice came 3 working days before the acceptance deadline."""
    case = make_case(kind="denunciation", petitioner_name="Phan Văn Tốgiác")
    [notice] = _arrived(cast.leader_a)
    assert case.reference in notice.title and "Xã Trường Sơn" in notice.title
    assert "Phan" not in f"{notice.title} {notice.body}"  # never a denouncer
    assert notice.url == reverse("petitions:case-detail", args=[case.pk])
    assert _arrived(cast.official_a) == []  # who received it knows
    assert _arrived(cast.official_b) == []


def test_a_citizens_case_and_a_forwarded_one_are_announced(cast):
    case = case_services.case_receive_public(
        unit=cast.tree.commune_a,
        kind="feedback",
        content="Đèn đường hỏng",
        name="Lê Thị Dân",
        phone="0912000111",
    )
    assert len(_arrived(cast.official_a)) == 1 and len(_arrived(cast.leader_a)) == 1
    case_services.case_forward(actor=cast.official_a, case=case, to_unit=cast.tree.commune_b)
    [notice] = _arrived(cast.official_b)
    assert "forwarded to Xã Kim Phú" in notice.title


def test_a_service_error_shows_beside_the_public_forms_field(cast):
    """Issue 11: the service names petitioner_phone, the form's field is phone."""
    response = Client().post(
        reverse("citizen:case-submit"),
        {
            "kind": "feedback",
            "province": cast.tree.province.pk,
            "unit": cast.tree.commune_a.pk,
            "content": "Đèn hỏng",
            "name": "Lê Thị Dân",
            "phone": "12",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="id_phone_errors">\s*<div>Enter a valid phone number', html)
    assert "Please correct the errors below." in html  # the top says where to look
    assert Case.objects.count() == 0


# -- the same form sent twice ---------------------------------------------------------------------


def test_a_double_click_on_an_action_does_it_once(make_case, client_for, cast):
    case = make_case()
    client = client_for(cast.official_a)
    url = reverse("petitions:case-accept", args=[case.pk])
    data = {"accepted_on": vn(today()), "_once": TOKEN}
    first, second = client.post(url, data), client.post(url, data)
    assert (first.status_code, second.status_code) == (302, 302)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert case.events.filter(action="accepted").count() == 1


def _citizen(tree, **extra):
    return {
        "kind": "feedback",
        "province": tree.province.pk,
        "unit": tree.commune_a.pk,
        "content": "Cống thoát nước thôn Đông bị tắc",
        "name": "Lê Thị Dân",
        "phone": "0912 000 111",
        "website": "",
        **extra,
    }


def test_the_citizen_form_sent_twice_makes_one_case(cast):
    """Issue 12: with its once-token (a double click) and without (no JavaScript, a resend)."""
    client = Client()
    url = reverse("citizen:case-submit")
    for data in (_citizen(cast.tree, _once=TOKEN), _citizen(cast.tree, _once=TOKEN)):
        assert client.post(url, data).status_code == 302
    assert Case.objects.count() == 1
    for _ in range(2):
        assert Client().post(url, _citizen(cast.tree, content="Khác")).status_code == 302
    assert Case.objects.count() == 2
    # another citizen writing the same words is another case
    other = _citizen(cast.tree, content="Khác", phone="0912 000 222")
    assert Client().post(url, other).status_code == 302
    assert Case.objects.count() == 3


def test_reloading_the_thank_you_page_sends_nothing_and_hides_the_code(cast):
    client = Client()
    response = client.post(reverse("citizen:case-submit"), _citizen(cast.tree))
    thanks = response["Location"]
    code = Case.objects.get().tracking_code
    assert code in client.get(thanks).content.decode()
    for _ in range(3):
        assert code not in client.get(thanks).content.decode()
    assert Case.objects.count() == 1


def _threads(target, n=2):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("an in-memory SQLite test database is not shared between threads")
    barrier = threading.Barrier(n)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(target())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_two_sendings_of_the_same_citizen_form_at_once_make_one_case(cast):
    """Two connections send the same payload at the same moment, without a token: one case."""
    codes = _threads(
        lambda: Client().post(reverse("citizen:case-submit"), _citizen(cast.tree)).status_code
    )
    assert codes == [302, 302]
    assert Case.objects.count() == 1


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_two_people_saving_one_session_at_once_one_is_told(cast, session_a):
    """Two officials correct the same session from the same page: one save, one conflict."""
    from danvan.core.concurrency import EditConflict
    from danvan.petitions.reception import services as reception_services

    def save(receiver):
        def run():
            try:
                reception_services.session_update(
                    actor=cast.official_a,
                    session=session_a,
                    held_on=session_a.held_on,
                    receiver=receiver,
                    individuals=3,
                    groups=1,
                    group_members=5,
                    version=session_a.version,
                )
                return "saved"
            except EditConflict:
                return "conflict"

        return run

    receivers = iter(["Chủ tịch A", "Phó Chủ tịch B"])
    outcomes = _threads(lambda: save(next(receivers))())
    assert sorted(outcomes) == ["conflict", "saved"]
    session_a.refresh_from_db()
    assert session_a.version == 2


# -- two people, one object -------------------------------------------------------------------


def test_correcting_a_case_someone_changed_meanwhile_is_refused(make_case, cast, client_for):
    case = make_case()
    url = reverse("petitions:case-update", args=[case.pk])
    mine = client_for(cast.official_a)
    page = mine.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    # meanwhile the leader marks it complex
    client_for(cast.leader_a).post(
        url,
        {
            "field": case.field_id,
            "is_complex": "on",
            "petitioner_name": case.petitioner_name,
            "petitioner_phone": case.petitioner_phone,
            "version": version,
            "seen": seen,
        },
    )
    response = mine.post(
        url,
        {
            "field": case.field_id,
            "source_reference": "Công văn 12/UBND",
            "petitioner_name": case.petitioner_name,
            "petitioner_phone": case.petitioner_phone,
            "version": version,
            "seen": seen,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this" in html and "Complex" in html
    assert "Công văn 12/UBND" in html  # the user's input is kept
    case.refresh_from_db()
    assert case.is_complex and case.source_reference == ""


def test_marking_a_case_complex_moves_its_deadline(make_case, cast, client_for):
    case = make_case()
    case_services.case_accept(actor=cast.official_a, case=case, accepted_on=today())
    case.refresh_from_db()
    response = client_for(cast.official_a).post(
        reverse("petitions:case-update", args=[case.pk]),
        {
            "field": case.field_id,
            "is_complex": "on",
            "petitioner_name": case.petitioner_name,
            "petitioner_phone": case.petitioner_phone,
            "version": case.version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    from danvan.core.calendar import work_calendar

    assert case.resolve_due == case.due_on == work_calendar().calendar_deadline(today(), 45)


# -- forwarding to a competent body, chosen by name and confirmed ----------------------------------


@pytest.fixture
def bodies(cast):
    """Units a clerk might type: a mass organisation, another province's People's Committee."""
    return {
        "youth": OrgUnitFactory(
            name="Đoàn TN xã Kim Phú",
            unit_type=unit_type("youth_union"),
            parent=cast.tree.commune_b,
        ),
        "ubnd_other": OrgUnitFactory(
            name="UBND tỉnh Bắc Ninh",
            unit_type=unit_type("people_committee"),
            level=Level.PROVINCE,
            parent=cast.tree.other_province,
        ),
    }


def _matches(client, text):
    url = reverse("core:picker", args=["petitions.forward-targets"])
    return [row["text"] for row in client.get(url, {"q": text}).json()["results"]]


def test_the_forward_picker_offers_competent_bodies_only(cast, bodies, client_for):
    """Issue 15: the official code 18943 typed as a number found another province's unit."""
    client = client_for(cast.official_a)
    assert _matches(client, "18943") == []
    assert _matches(client, "kim phu") == ["Xã Kim Phú · Tỉnh Quảng Trị"]  # not the Đoàn TN
    assert _matches(client, "doan") == []
    # not the commune itself (the sender), nor the other province's Xã Trường Sơn
    assert _matches(client, "truong son") == ["UBND xã Trường Sơn · Xã Trường Sơn · Tỉnh Quảng Trị"]
    assert _matches(client, "ubnd tinh") == [
        "UBND tỉnh Bắc Ninh · Tỉnh Bắc Ninh",
        "UBND tỉnh Quảng Trị · Tỉnh Quảng Trị",
    ]


def test_forwarding_asks_to_confirm_naming_the_body(make_case, cast, client_for):
    case = make_case()
    client = client_for(cast.official_a)
    url = reverse("petitions:case-forward", args=[case.pk])
    response = client.post(url, {"to_unit": cast.tree.commune_b.pk, "note": "Đúng thẩm quyền"})
    assert response.status_code == 200
    question = f"Forward case {case.reference} to Xã Kim Phú · Tỉnh Quảng Trị?"
    assert question in response.content.decode()
    assert Case.objects.get(pk=case.pk).unit == cast.tree.commune_a  # nothing left yet
    response = client.post(
        url, {"to_unit": cast.tree.commune_b.pk, "note": "Đúng thẩm quyền", "confirmed": "on"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.unit == cast.tree.commune_b
    assert _arrived(cast.official_b)


def test_forwarding_to_a_body_outside_the_list_is_refused(make_case, cast, bodies, client_for):
    case = make_case()
    client = client_for(cast.official_a)
    for unit in (bodies["youth"], cast.tree.other_commune):
        response = client.post(
            reverse("petitions:case-forward", args=[case.pk]),
            {"to_unit": unit.pk, "confirmed": "on"},
        )
        assert response.status_code == 400
        assert "Choose a competent body from the list" in response.content.decode()
    assert Case.objects.get(pk=case.pk).unit == cast.tree.commune_a


# -- no list of hundreds of options ---------------------------------------------------------------


def _longest_select(html: str) -> int:
    return max(
        (s.count("<option") for s in re.findall(r"<select.*?</select>", html, re.S)), default=0
    )


def test_no_form_lists_more_than_fifty_options(cast, client_for, petition_a, conference_a):
    for n in range(80):
        OrgUnitFactory(
            name=f"Xã Thử {n}", unit_type=unit_type("commune"), parent=cast.tree.province
        )
    client = client_for(cast.province_officer)
    pages = [
        reverse("petitions:case-create"),
        reverse("petitions:reception-create"),
        reverse("petitions:schedule-list"),
        reverse("petitions:voter-meeting-create"),
        reverse("petitions:voter-petition-detail", args=[petition_a.pk]),
        reverse("petitions:dialogue-create"),
        reverse("petitions:dialogue-detail", args=[conference_a.pk]),
        reverse("citizen:case-submit"),
        reverse("citizen:commune-list") + f"?province={cast.tree.province.pk}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _longest_select(response.content.decode()) <= 50, url
