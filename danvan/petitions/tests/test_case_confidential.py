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
