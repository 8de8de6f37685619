import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.petitions.cases import services as case_services
from danvan.petitions.models import Case, CaseStatus
from danvan.petitions.tests.conftest import names_case

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def today():
    return timezone.localdate()


def test_inbox_lists_and_flags_overdue(make_case, cast, client_for, django_assert_max_num_queries):
    for _ in range(5):
        make_case()
    late = make_case(received_on=today() - dt.timedelta(days=40))
    client = client_for(cast.official_a)
    client.get(reverse("petitions:case-list"))  # warm caches
    with django_assert_max_num_queries(8):
        response = client.get(reverse("petitions:case-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert late.reference in html and "list-group-item-danger" in html
    response = client.get(reverse("petitions:case-list"), {"overdue": "1"})
    assert response.content.decode().count("list-group-item-danger") == 1
    for _ in range(30):
        make_case()
    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("petitions:case-list"), {"status": "received", "kind": "complaint"}
        )
    assert response.status_code == 200


def test_inbox_htmx_and_bad_filters(make_case, cast, client_for):
    make_case()
    client = client_for(cast.official_a)
    response = client.get(
        reverse("petitions:case-list"),
        {"status": "nope", "field": "x" * 50, "before": "abc", "scope": "evil"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200


def test_other_unit_sees_nothing(make_case, cast, client_for):
    case = make_case()
    for user in (cast.official_b, cast.other_province_officer):
        client = client_for(user)
        assert not names_case(client.get(reverse("petitions:case-list")).content.decode(), case)
        assert client.get(reverse("petitions:case-detail", args=[case.pk])).status_code == 404
        for action in ("accept", "refuse", "resolve", "hide", "forward"):
            url = reverse(f"petitions:case-{action}", args=[case.pk])
            assert client.post(url, {"note": "x", "accepted_on": today()}).status_code == 404
        assert client.post(reverse("petitions:case-identity", args=[case.pk])).status_code == 404
        stats = client.get(reverse("petitions:case-stats")).content.decode()
        assert ">1<" not in stats
        response = client.post(
            reverse("petitions:case-duplicates"),
            {"petitioner_name": "Nguyễn Văn Dân", "content": case.content},
        )
        assert not names_case(response.content.decode(), case)
        export = client.get(reverse("petitions:case-export"))
        assert export.status_code == 200
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    # the province officer above both communes sees it
    assert (
        client_for(cast.province_officer)
        .get(reverse("petitions:case-detail", args=[case.pk]))
        .status_code
        == 200
    )


def test_anonymous_is_sent_to_login(make_case):
    case = make_case()
    response = Client().get(reverse("petitions:case-detail", args=[case.pk]))
    assert response.status_code == 302


def test_receive_a_case_through_the_form(cast, client_for):
    client = client_for(cast.official_a)
    assert client.get(reverse("petitions:case-create")).status_code == 200
    data = {
        "unit": cast.tree.commune_a.pk,
        "kind": "feedback",
        "channel": "hotline",
        "received_on": today().isoformat(),
        "content": "<script>alert(1)</script> Đường ngập nước",
        "petitioner_kind": "person",
        "petitioner_count": 1,
        "petitioner_name": "<b>Hoa</b>",
        "files": [SimpleUploadedFile("anh.png", PNG, content_type="image/png")],
    }
    response = client.post(reverse("petitions:case-create"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.attachments.count() == 1
    html = client.get(reverse("petitions:case-detail", args=[case.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;Hoa&lt;/b&gt;" in html
    assert (
        client.get(
            reverse("petitions:attachment-detail", args=[case.pk, case.attachments.get().pk])
        ).content
        == PNG
    )


def test_bad_intake_keeps_the_input(cast, client_for):
    client = client_for(cast.official_a)
    data = {
        "unit": cast.tree.commune_a.pk,
        "kind": "complaint",
        "channel": "post",
        "received_on": (today() + dt.timedelta(days=3)).isoformat(),
        "content": "Nội dung giữ lại",
        "petitioner_kind": "person",
        "petitioner_count": 1,
        "files": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")],
    }
    response = client.post(reverse("petitions:case-create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nội dung giữ lại" in html
    assert "cannot be in the future" in html
    assert Case.objects.count() == 0
    data["received_on"] = today().isoformat()
    data["files"] = [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")]
    response = client.post(reverse("petitions:case-create"), data)
    assert "not really a PDF" in response.content.decode()
    assert Case.objects.count() == 0


def test_actions_through_the_page(make_case, cast, client_for):
    case = make_case()
    client = client_for(cast.official_a)
    url = reverse("petitions:case-resolve", args=[case.pk])
    response = client.post(url, {"decision_date": today(), "decision_content": "x"})
    assert response.status_code == 400
    assert "not been accepted" in response.content.decode()
    response = client.post(
        reverse("petitions:case-accept", args=[case.pk]),
        {"accepted_on": today().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "decision_number": "5/QĐ",
            "decision_date": (case.received_on - dt.timedelta(days=1)).isoformat(),
            "decision_content": "Trả lời",
        },
    )
    assert response.status_code == 400
    assert "cannot be before the case was received" in response.content.decode()
    assert "Trả lời" in response.content.decode()
    response = client.post(
        url,
        {
            "decision_number": "5/QĐ",
            "decision_date": today().isoformat(),
            "decision_content": "Trả lời",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RESOLVED
    assert client.post(f"/don-thu/{case.pk}/nonsense/").status_code == 404


def test_forward_to_a_missing_unit_on_the_page(make_case, cast, client_for):
    case = make_case()
    client = client_for(cast.official_a)
    response = client.post(
        reverse("petitions:case-forward", args=[case.pk]),
        {"to_unit": 99999999, "note": "x"},
    )
    assert response.status_code == 400
    assert "Choose a competent body from the list" in response.content.decode()


def test_stats_and_export(make_case, cast, client_for):
    make_case()
    client = client_for(cast.province_officer)
    response = client.get(reverse("petitions:case-stats"), {"by": "field", "start": "bad"})
    assert response.status_code == 200
    response = client.get(reverse("petitions:case-stats-export"), {"by": "unit"})
    assert response["Content-Type"].startswith("application/vnd.openxml")
    response = client.get(reverse("petitions:case-export"))
    assert response.status_code == 200


def test_limits_page(cast, client_for):
    response = client_for(cast.official_a).get(reverse("petitions:time-limit-list"))
    assert response.status_code == 200 and "Luật Khiếu nại 2011" in response.content.decode()
    assert (
        client_for(cast.official_a)
        .post(reverse("petitions:field-create"), {"name": "Giáo dục"})
        .status_code
        == 404
    )
    cast.admin.is_superuser = True
    cast.admin.save()
    admin = client_for(cast.admin)
    response = admin.post(
        reverse("petitions:field-create"), {"name": "Giáo dục", "is_active": "on"}
    )
    assert response.status_code == 302
    from danvan.petitions.models import CaseField, CaseTimeLimit

    assert CaseField.objects.filter(name="Giáo dục").exists()
    limit = CaseTimeLimit.objects.first()
    prefix = f"limit{limit.pk}-"
    response = admin.post(
        reverse("petitions:time-limit-update", args=[limit.pk]),
        {f"{prefix}days": 0, f"{prefix}max_count": 1},
    )
    assert response.status_code == 400
    response = admin.post(
        reverse("petitions:time-limit-update", args=[limit.pk]),
        {f"{prefix}days": "1.000", f"{prefix}max_count": 1},
    )
    assert response.status_code == 400  # 1.000 days is read as a thousand: refused
    response = admin.post(
        reverse("petitions:time-limit-update", args=[limit.pk]),
        {f"{prefix}days": "12", f"{prefix}max_count": 1, f"{prefix}legal_basis": "Điều 27"},
    )
    assert response.status_code == 302
    limit.refresh_from_db()
    assert limit.days == 12


# -- public ------------------------------------------------------------------------------


def _submit(client, tree, **extra):
    data = {
        "kind": "feedback",
        "province": tree.province.pk,
        "unit": tree.commune_a.pk,
        "content": "Đèn đường thôn Đông bị hỏng <img src=x onerror=alert(1)>",
        "name": "Lê Thị Dân",
        "phone": "0912 000 111",
        "website": "",
    }
    data.update(extra)
    return client.post(reverse("citizen:case-submit"), data)


def test_citizen_sends_and_tracks(cast, client_for):
    tree = cast.tree
    client = Client()
    assert client.get(reverse("citizen:case-submit")).status_code == 200
    response = _submit(client, tree)
    # Redirect after POST (issue 12): the thank-you page shows the code, once
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:case-submitted")
    case = Case.objects.get()
    thanks = client.get(response["Location"]).content.decode()
    assert case.tracking_code in thanks
    again = client.get(response["Location"]).content.decode()
    assert case.tracking_code not in again and "Thank you" in again
    assert Case.objects.count() == 1
    assert case.channel == "public_form" and case.unit == tree.commune_a
    track = reverse("citizen:case-track")
    response = client.post(track, {"code": case.tracking_code, "contact": "0912000112"})
    assert response.status_code == 404
    assert "Đèn đường" not in response.content.decode()
    response = client.post(track, {"code": "ZZZZ-ZZZZ-ZZZZ", "contact": "0912000111"})
    assert response.status_code == 404
    response = client.post(
        track, {"code": case.tracking_code.lower().replace("-", ""), "contact": "0912000111"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "being processed" in html
    assert "&lt;img src=x" in html and "<img src=x" not in html
    case_services.case_accept(actor=cast.official_a, case=case, accepted_on=today())
    case_services.case_resolve(
        actor=cast.official_a,
        case=case,
        decision_number="",
        decision_date=today(),
        content="Đã sửa đèn",
        publish=True,
    )
    response = client.post(track, {"code": case.tracking_code, "contact": "0912000111"})
    assert "Đã sửa đèn" in response.content.decode()


def test_honeypot_saves_nothing(cast):
    response = _submit(Client(), cast.tree, website="http://spam")
    assert response.status_code == 302  # answered as people are
    assert Case.objects.count() == 0


def test_submissions_are_rate_limited(cast):
    client = Client()
    for n in range(5):
        assert _submit(client, cast.tree, content=f"Phản ánh số {n}").status_code == 302
    response = _submit(client, cast.tree)
    assert response.status_code == 429
    assert Case.objects.count() == 5


def test_lookups_are_rate_limited(cast):
    client = Client()
    for _ in range(5):
        client.post(
            reverse("citizen:case-track"), {"code": "AAAA-BBBB-CCCC", "contact": "0912000111"}
        )
    response = client.post(
        reverse("citizen:case-track"), {"code": "AAAA-BBBB-CCCC", "contact": "0912000111"}
    )
    assert response.status_code == 429


def test_public_form_bad_input_keeps_text(cast):
    response = _submit(Client(), cast.tree, phone="", email="", kind="complaint")
    assert response.status_code == 400
    assert "Đèn đường thôn Đông" in response.content.decode()
    assert Case.objects.count() == 0


def test_hidden_content_is_not_shown_publicly(cast):
    client = Client()
    _submit(client, cast.tree)
    case = Case.objects.get()
    case_services.case_hide(actor=cast.leader_a, case=case, hidden=True, reason="Lăng mạ")
    response = client.post(
        reverse("citizen:case-track"), {"code": case.tracking_code, "contact": "0912000111"}
    )
    assert "Đèn đường" not in response.content.decode()


def test_public_stats_and_communes(make_case, cast):
    make_case()
    client = Client()
    response = client.get(reverse("citizen:case-stats"), {"province": cast.tree.province.pk})
    assert response.status_code == 200
    assert client.get(reverse("citizen:case-stats"), {"year": "abc"}).status_code == 200
    response = client.get(reverse("citizen:commune-list"), {"province": cast.tree.province.pk})
    search = reverse("citizen:commune-search", args=[cast.tree.province.pk])
    assert f'data-picker="{search}"' in response.content.decode()
    found = client.get(search, {"q": "truong son"}).json()["results"]
    assert found == [{"value": str(cast.tree.commune_a.pk), "text": "Xã Trường Sơn"}]
    assert client.get(search, {"q": "kim"}).json()["results"][0]["text"] == "Xã Kim Phú"
    other = reverse("citizen:commune-search", args=[cast.tree.other_province.pk])
    assert [r["value"] for r in client.get(other, {"q": "son"}).json()["results"]] == [
        str(cast.tree.other_commune.pk)
    ]
    for junk in ("x", "9223372036854775808", "-1"):
        assert client.get(reverse("citizen:commune-list"), {"province": junk}).status_code == 200


def test_other_unit_cannot_receive_for_commune_a_nor_open_files(make_case, cast, client_for):
    case = make_case(files=[SimpleUploadedFile("anh.png", PNG)])
    client = client_for(cast.official_b)
    response = client.post(
        reverse("petitions:case-create"),
        {
            "unit": cast.tree.commune_a.pk,
            "kind": "feedback",
            "channel": "post",
            "received_on": today().isoformat(),
            "content": "x",
            "petitioner_kind": "person",
            "petitioner_count": 1,
        },
    )
    assert response.status_code == 200 and Case.objects.count() == 1
    file = case.attachments.get()
    assert (
        client.get(reverse("petitions:attachment-detail", args=[case.pk, file.pk])).status_code
        == 404
    )
    url = reverse("petitions:handler-delete", args=[case.pk, cast.official_a.pk])
    assert client.post(url).status_code == 404
    assert case.handlers.count() == 1


def test_demo_data_is_idempotent(cast):
    from types import SimpleNamespace

    from danvan.petitions.cases import demo as case_demo

    ctx = SimpleNamespace(
        commune_a=cast.tree.commune_a, users={"canbo.truongson": cast.official_a}, lines=[]
    )
    case_demo.populate(ctx)
    count = Case.objects.count()
    case_demo.populate(ctx)
    assert Case.objects.count() == count == 6
    assert "tra-cuu" in ctx.lines[-1]
