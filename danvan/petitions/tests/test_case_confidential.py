"""A denouncer's identity: encrypted at rest, read only by handlers and people granted it,
every read audited, never in lists, exports, API listings or details, notifications or audit
diffs."""

import datetime as dt
import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from danvan.audit.models import AuditEntry
from danvan.core.errors import NotFoundError
from danvan.notifications.models import Notification
from danvan.notifications.reminders import scan
from danvan.petitions.cases import services as case_services
from danvan.petitions.models import CaseAttachment, CaseIdentity
from danvan.petitions.tests.conftest import names_case

pytestmark = pytest.mark.django_db

NAME, ADDRESS, PHONE = "Phan Văn Tốgiác", "Số 9 đường Bí Mật", "0987654321"
PNG = b"\x89PNG\r\n\x1a\n" + b"HANDWRITING" * 10


@pytest.fixture
def denunciation(make_case):
    return make_case(
        kind="denunciation",
        petitioner_name=NAME,
        petitioner_address=ADDRESS,
        petitioner_phone=PHONE,
        content="Tố cáo cán bộ địa chính nhận tiền",
        files=[SimpleUploadedFile("chu-viet.png", PNG)],
        received_on=timezone.localdate() - dt.timedelta(days=30),
    )


def test_stored_encrypted(denunciation):
    assert denunciation.petitioner_name == "" and denunciation.petitioner_phone == ""
    identity = CaseIdentity.objects.get(case=denunciation)
    for raw in (identity.name, identity.address, identity.contact):
        assert NAME.encode() not in bytes(raw) and PHONE.encode() not in bytes(raw)
    attachment = CaseAttachment.objects.get(case=denunciation)
    assert attachment.is_confidential
    with attachment.file.open("rb") as handle:
        assert b"HANDWRITING" not in handle.read()


def test_handler_reads_and_each_read_is_audited(denunciation, cast, client_for):
    client = client_for(cast.official_a)  # received it: a handler
    response = client.post(reverse("petitions:case-identity", args=[denunciation.pk]))
    assert response.status_code == 200 and NAME in response.content.decode()
    client.post(reverse("petitions:case-identity", args=[denunciation.pk]))
    assert AuditEntry.objects.filter(action="case.identity_read").count() == 2
    file = CaseAttachment.objects.get(case=denunciation)
    response = client.get(reverse("petitions:attachment-detail", args=[denunciation.pk, file.pk]))
    assert response.content == PNG
    assert AuditEntry.objects.filter(action="case.identity_file_read").count() == 1


def test_others_of_the_unit_cannot_read_until_granted(denunciation, cast, client_for):
    url = reverse("petitions:case-identity", args=[denunciation.pk])
    for user in (cast.leader_a, cast.province_officer, cast.official_b):
        assert client_for(user).post(url).status_code == 404
    file = CaseAttachment.objects.get(case=denunciation)
    file_url = reverse("petitions:attachment-detail", args=[denunciation.pk, file.pk])
    assert client_for(cast.leader_a).get(file_url).status_code == 404
    with pytest.raises(NotFoundError):
        case_services.identity_read(actor=cast.leader_a, case=denunciation)
    case_services.identity_grant(
        actor=cast.leader_a,
        case=denunciation,
        user=cast.leader_a,
        reason="Chủ tịch trực tiếp giải quyết",
    )
    assert client_for(cast.leader_a).post(url).status_code == 200
    assert not AuditEntry.objects.filter(
        action="case.identity_read", actor=cast.province_officer
    ).exists()


def test_never_in_lists_exports_or_api(denunciation, cast, client_for):
    client = client_for(cast.official_a)
    for url in (
        reverse("petitions:case-list"),
        reverse("petitions:case-detail", args=[denunciation.pk]),
    ):
        html = client.get(url).content.decode()
        assert NAME not in html and ADDRESS not in html and PHONE not in html
    export = client.get(reverse("petitions:case-export")).content
    cells = [str(c.value) for row in load_workbook(BytesIO(export)).active.iter_rows() for c in row]
    assert not any(NAME in c or PHONE in c for c in cells)
    api = APIClient()
    api.force_authenticate(cast.official_a)
    listing = json.dumps(api.get("/api/v1/cases/").json(), ensure_ascii=False)
    detail = json.dumps(api.get(f"/api/v1/cases/{denunciation.pk}/").json(), ensure_ascii=False)
    for text in (listing, detail):
        assert NAME not in text and PHONE not in text and ADDRESS not in text
    assert '"confidential": true' in detail


def test_never_in_audit_diffs(denunciation, cast):
    case_services.case_accept(
        actor=cast.official_a, case=denunciation, accepted_on=timezone.localdate()
    )
    case_services.identity_read(actor=cast.official_a, case=denunciation)
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.before, entry.after, entry.object_repr], ensure_ascii=False)
        assert NAME not in text and PHONE not in text and ADDRESS not in text


def test_never_in_notifications(denunciation, cast):
    from danvan.petitions.models import Case

    # the acceptance deadline passed yesterday: handlers and leaders are told
    Case.objects.filter(pk=denunciation.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    scan()
    notices = Notification.objects.filter(kind="petitions.case_deadline")
    assert notices.exists()
    assert {n.recipient_id for n in notices} >= {cast.official_a.pk, cast.leader_a.pk}
    for notice in notices:
        text = f"{notice.title} {notice.body} {notice.url}"
        assert NAME not in text and PHONE not in text and ADDRESS not in text


# -- a denunciation raised at a citizen-reception session (Luật Tố cáo 2018, Điều 47, 48) --------


@pytest.fixture
def viewer_a(cast):
    from danvan.accounts.models import Role
    from danvan.accounts.tests.factories import UserFactory, grant

    viewer = UserFactory(username="viewer_a", home_unit=cast.tree.commune_a)
    grant(viewer, Role.VIEWER, cast.tree.commune_a)
    return viewer


def test_a_denunciation_raised_at_a_session_keeps_its_author_encrypted(
    cast, session_a, viewer_a, client_for
):
    """Điều 47, 48: from the moment it is typed, the author of a denunciation matter is only in
    the case's encrypted identity: not on the session page, the API, nor an audit diff."""
    from danvan.petitions.reception import services as reception_services

    matter = reception_services.matter_add(
        actor=cast.official_a,
        session=session_a,
        petitioner=NAME,
        content="Tố cáo cán bộ thu tiền sai",
        outcome="case",
        case_kind="denunciation",
    )
    assert matter.petitioner == "" and matter.case.is_confidential
    assert case_services.read_identity_unaudited(matter.case)["name"] == NAME
    page = reverse("petitions:reception-detail", args=[session_a.pk])
    for user in (viewer_a, cast.leader_a, cast.official_a, cast.province_officer):
        assert NAME not in client_for(user).get(page).content.decode()
        api = APIClient()
        api.force_authenticate(user)
        body = api.get(f"/api/v1/cases/reception-sessions/{session_a.pk}/").json()
        assert body["matters"][0]["petitioner"] == ""
        assert NAME not in json.dumps(body, ensure_ascii=False)
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.before, entry.after, entry.object_repr], ensure_ascii=False)
        assert NAME not in text


def test_a_recorded_matter_turned_into_a_denunciation_leaves_the_session(cast, session_a):
    from danvan.petitions.reception import services as reception_services

    matter = reception_services.matter_add(
        actor=cast.official_a, session=session_a, petitioner=NAME, content="Tố cáo sai phạm"
    )
    matter = reception_services.matter_to_case(
        actor=cast.official_a, matter=matter, case_kind="denunciation"
    )
    matter.refresh_from_db()
    assert matter.petitioner == ""
    assert case_services.read_identity_unaudited(matter.case)["name"] == NAME
    for entry in AuditEntry.objects.all():
        assert NAME not in json.dumps([entry.before, entry.after], ensure_ascii=False)


def test_a_denunciation_is_received_as_a_case_or_not_recorded(cast, session_a):
    from danvan.core.errors import ValidationFailed
    from danvan.petitions.reception import services as reception_services

    with pytest.raises(ValidationFailed) as error:
        reception_services.matter_add(
            actor=cast.official_a,
            session=session_a,
            petitioner=NAME,
            content="Tố cáo",
            outcome="answered",
            case_kind="denunciation",
        )
    assert error.value.field == "outcome"
    assert not session_a.matters.exists()


# -- duplicate detection never crosses into a denunciation -----------------------------------------


def _text_of(response) -> str:
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        book = load_workbook(BytesIO(response.content))
        return " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
    return response.content.decode(errors="replace")


@pytest.fixture
def same_person(make_case, denunciation):
    """The denouncer also filed a named complaint (same name and phone)."""
    return make_case(
        kind="complaint",
        petitioner_name=NAME,
        petitioner_phone=PHONE,
        content="Khiếu nại việc cán bộ địa chính thu tiền",
    )


def test_duplicate_lookup_by_phone_or_name_never_returns_a_denunciation(
    cast, denunciation, same_person, viewer_a, client_for
):
    """Điều 47: a phone number or a name typed in the duplicate lookup does not tell anyone but
    the denunciation's handlers that this person denounced."""
    url = reverse("petitions:case-duplicates")
    queries = [
        {"petitioner_phone": PHONE},
        {"petitioner_name": NAME},
        {"petitioner_name": "phan van togiac", "content": denunciation.content},
    ]
    for user in (cast.leader_a, viewer_a, cast.province_officer):
        for query in queries:
            html = client_for(user).post(url, query).content.decode()
            assert not names_case(html, denunciation)
    # its handler (who received it) may match it: they read its identity anyway
    html = client_for(cast.official_a).post(url, queries[0]).content.decode()
    assert names_case(html, denunciation)


def test_a_denunciations_page_shows_no_duplicates_revealing_its_author(
    cast, denunciation, same_person, viewer_a, client_for
):
    den_url = reverse("petitions:case-detail", args=[denunciation.pk])
    named_url = reverse("petitions:case-detail", args=[same_person.pk])
    for user in (cast.leader_a, viewer_a, cast.province_officer):
        client = client_for(user)
        html = client.get(den_url).content.decode()
        assert not names_case(html, same_person)
        assert NAME not in html
        html = client.get(named_url).content.decode()
        assert NAME in html  # the complaint is named: its petitioner is shown
        assert not names_case(html, denunciation)


def test_a_named_case_is_not_filed_as_a_duplicate_of_a_denunciation(cast, denunciation, make_case):
    from danvan.core.errors import ValidationFailed

    named = make_case(petitioner_name=NAME, petitioner_phone=PHONE)
    with pytest.raises(ValidationFailed):
        case_services.case_file_duplicate(
            actor=cast.leader_a, case=named, duplicate_of=denunciation
        )


def test_no_query_tells_someone_without_the_right_who_denounced(
    cast, denunciation, same_person, session_a, viewer_a, client_for
):
    """Điều 47, 48: whatever a person without the identity right asks — lists and searches by
    name, phone or reference, the duplicate lookup, the API, the exports, the audit trail, the
    reception session and the notifications — no answer puts the denouncer's name, phone or
    address next to the denunciation, nor links the denunciation to their named complaint."""
    from danvan.notifications.models import Notification
    from danvan.petitions.reception import services as reception_services

    reception_services.matter_add(
        actor=cast.official_a,
        session=session_a,
        petitioner=NAME,
        content="Tố cáo lần hai",
        outcome="case",
        case_kind="denunciation",
    )
    identity = (NAME, PHONE, ADDRESS, "Phan Van", "0987 654 321")
    for user in (cast.leader_a, viewer_a, cast.province_officer, cast.official_b):
        client = client_for(user)
        api = APIClient()
        api.force_authenticate(user)
        by_identity, others = [], []
        for q in (NAME, "phan van togiac", PHONE, "0987 654 321"):
            by_identity.append(client.get(reverse("petitions:case-list"), {"q": q}))
            by_identity.append(client.get(reverse("petitions:case-export"), {"q": q}))
            by_identity.append(
                client.post(
                    reverse("petitions:case-duplicates"),
                    {"petitioner_name": q, "petitioner_phone": q, "petitioner_email": q},
                )
            )
        for q in (denunciation.reference, str(denunciation.pk)):
            others.append(client.get(reverse("petitions:case-list"), {"q": q}))
            others.append(client.get(reverse("petitions:case-export"), {"q": q}))
        others += [
            client.get(reverse("petitions:case-detail", args=[denunciation.pk])),
            client.get(reverse("petitions:case-detail", args=[same_person.pk])),
            client.get(reverse("petitions:reception-detail", args=[session_a.pk])),
            client.get(reverse("petitions:reception-export")),
            client.get(reverse("audit:list")),
            client.get(reverse("audit:history", args=["petitions.case", denunciation.pk])),
            client.post(reverse("petitions:case-identity", args=[denunciation.pk])),
            api.get("/api/v1/cases/"),
            api.get(f"/api/v1/cases/{denunciation.pk}/"),
            api.get(f"/api/v1/cases/{same_person.pk}/"),
            api.get("/api/v1/cases/reception-sessions/"),
            api.get(f"/api/v1/cases/reception-sessions/{session_a.pk}/"),
        ]
        for response in by_identity + others:
            text = _text_of(response)
            names_him = any(part in text for part in identity)
            where = (user, response.request["PATH_INFO"], response.request.get("QUERY_STRING"))
            # asked by who he is, no answer points at the denunciation
            if response in by_identity:
                assert not names_case(text, denunciation), where
            # and no answer puts him beside it
            assert not (names_him and names_case(text, denunciation)), where
    scan()
    for notice in Notification.objects.all():
        text = f"{notice.title} {notice.body}"
        assert not any(part in text for part in identity)
