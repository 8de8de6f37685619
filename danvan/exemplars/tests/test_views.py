import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.exemplars import services
from danvan.exemplars.models import Exemplar, Status
from danvan.exemplars.tests.factories import YEAR, make_model, open_round, scores_for

pytestmark = pytest.mark.django_db


def test_list_shows_own_subtree_only_with_constant_queries(
    cast, client_for, django_assert_max_num_queries
):
    for i in range(5):
        make_model(cast.official_a, cast.tree.commune_a, title=f"Mô hình {i}")
    make_model(cast.official_b, cast.tree.commune_b, title="Của xã Kim Phú")
    client = client_for(cast.official_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("exemplars:home"))
    assert response.status_code == 200
    assert "Mô hình 4" in response.content.decode()
    assert "Của xã Kim Phú" not in response.content.decode()
    for i in range(5, 40):
        make_model(cast.official_a, cast.tree.commune_a, title=f"Mô hình {i}")
    with django_assert_max_num_queries(12):
        client.get(reverse("exemplars:home"))


def test_list_search_folds_diacritics(cast, client_for):
    make_model(cast.official_a, cast.tree.commune_a, title="Dân vận khéo đường làng")
    response = client_for(cast.official_a).get(reverse("exemplars:home"), {"q": "duong lang"})
    assert "Dân vận khéo đường làng" in response.content.decode()


def test_create_form_keeps_input_on_error_and_saves(cast, client_for):
    client = client_for(cast.official_a)
    data = {
        "unit": cast.tree.commune_a.pk,
        "year": YEAR,
        "kind": "individual",
        "field": "economy",
        "title": "Cá nhân điển hình",
    }
    response = client.post(reverse("exemplars:create"), data)
    assert response.status_code == 200
    assert "An individual exemplar names the person." in response.content.decode()
    assert "Cá nhân điển hình" in response.content.decode()
    assert not Exemplar.objects.exists()
    data["person_name"] = "Nguyễn Văn Hòa"
    response = client.post(reverse("exemplars:create"), data)
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "exemplars:detail", args=[exemplar.pk]
    )


def test_create_refuses_a_unit_outside_reach(cast, client_for):
    response = client_for(cast.official_b).post(
        reverse("exemplars:create"),
        {
            "unit": cast.tree.commune_a.pk,
            "year": YEAR,
            "kind": "initiative",
            "field": "economy",
            "title": "X",
        },
    )
    assert response.status_code == 200
    assert "Choose a unit whose models you manage." in response.content.decode()
    assert not Exemplar.objects.exists()


def test_create_refuses_a_self_or_unknown_replication(cast, client_for):
    response = client_for(cast.official_a).post(
        reverse("exemplars:create"),
        {
            "unit": cast.tree.commune_a.pk,
            "year": YEAR,
            "kind": "initiative",
            "field": "economy",
            "title": "X",
            "replicates": 999999,
        },
    )
    assert "Choose a registered model to replicate" in response.content.decode()


def test_edit_refuses_a_cycle_with_a_clear_error(cast, client_for):
    a = make_model(cast.official_a, cast.tree.commune_a, title="A")
    b = make_model(cast.official_b, cast.tree.commune_b, title="B", replicates=a)
    response = client_for(cast.official_a).post(
        reverse("exemplars:edit", args=[a.pk]),
        {"kind": "initiative", "field": "economy", "title": "A", "replicates": b.pk},
    )
    assert response.status_code == 200
    assert "circle" in response.content.decode()
    a.refresh_from_db()
    assert a.replicates_id is None


def test_detail_shows_tree_and_reach(cast, client_for):
    a = make_model(cast.official_a, cast.tree.commune_a, title="Gốc")
    make_model(cast.official_b, cast.tree.commune_b, title="Bản sao", replicates=a)
    response = client_for(cast.official_a).get(reverse("exemplars:detail", args=[a.pk]))
    body = response.content.decode()
    assert "Xã Kim Phú" in body
    assert "Replicated 1 times; runs in 2 units, 2 communes, 1 provinces." in body


def test_other_units_models_and_rounds_are_named_but_not_links_to_a_404(cast, client_for):
    round_ = open_round(cast)  # organised by the province, above both communes
    a = make_model(cast.official_a, cast.tree.commune_a, title="Gốc")
    b = make_model(cast.official_b, cast.tree.commune_b, title="Bản sao", replicates=a)
    original = client_for(cast.official_a).get(reverse("exemplars:detail", args=[a.pk]))
    copy = client_for(cast.official_b).get(reverse("exemplars:detail", args=[b.pk]))
    dashboard = client_for(cast.official_b).get(reverse("exemplars:dashboard"))
    for response in (original, copy, dashboard):
        body = response.content.decode()
        assert reverse("exemplars:round-detail", args=[round_.pk]) not in body
        assert str(round_) in body
    assert "Bản sao" in original.content.decode()
    assert reverse("exemplars:detail", args=[b.pk]) not in original.content.decode()
    assert "Gốc" in copy.content.decode()
    assert reverse("exemplars:detail", args=[a.pk]) + '"' not in copy.content.decode()
    officer = client_for(cast.province_officer).get(reverse("exemplars:detail", args=[a.pk]))
    assert reverse("exemplars:detail", args=[b.pk]) in officer.content.decode()
    assert reverse("exemplars:round-detail", args=[round_.pk]) in officer.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "detail",
        "edit",
        "delete",
        "evidence-add",
        "self-assess",
        "score",
        "recognise",
        "reject",
        "commend",
        "publish",
    ],
)
def test_another_commune_gets_404_on_every_page_of_a_model(cast, client_for, name):
    model = make_model(cast.official_a, cast.tree.commune_a, register=False)
    response = client_for(cast.official_b).get(reverse(f"exemplars:{name}", args=[model.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["register", "start", "close-review"])
def test_another_commune_gets_404_on_every_action(cast, client_for, name):
    model = make_model(cast.official_a, cast.tree.commune_a, register=False)
    response = client_for(cast.official_b).post(reverse(f"exemplars:{name}", args=[model.pk]))
    assert response.status_code == 404
    model.refresh_from_db()
    assert model.status == Status.DRAFT


def test_evidence_file_is_hidden_from_another_commune(cast, client_for, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    model = make_model(cast.official_a, cast.tree.commune_a)
    evidence = services.evidence_add(
        actor=cast.official_a,
        exemplar=model,
        kind="file",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"),
    )
    url = reverse("exemplars:evidence-file", args=[evidence.pk])
    assert client_for(cast.official_b).get(url).status_code == 404
    assert client_for(cast.official_a).get(url).status_code == 200


def test_evidence_upload_disguised_is_refused_on_the_page(cast, client_for, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    model = make_model(cast.official_a, cast.tree.commune_a)
    response = client_for(cast.official_a).post(
        reverse("exemplars:evidence-add", args=[model.pk]),
        {"kind": "photo", "text": "Ảnh", "upload": SimpleUploadedFile("a.jpg", b"not a jpeg")},
    )
    assert response.status_code == 200
    assert "is not really a JPEG picture" in response.content.decode()
    assert not model.evidence.exists()


def _reviewed_flow(cast, client_for):
    round_ = open_round(cast)
    model = make_model(cast.official_a, cast.tree.commune_a)
    services.member_add(actor=cast.province_officer, round=round_, user=cast.official_b)
    client = client_for(cast.official_a)
    data = {f"c{c.pk}": 18 for c in round_.criteria.all()} | {"comment": "Đạt"}
    assert client.post(reverse("exemplars:self-assess", args=[model.pk]), data).status_code == 302
    model.refresh_from_db()
    return round_, model


def test_council_member_sees_and_scores_only_their_round(cast, client_for):
    round_, model = _reviewed_flow(cast, client_for)
    other = make_model(cast.official_a, cast.tree.ubnd_a, title="Khác", year=YEAR - 1)
    member = client_for(cast.official_b)
    assert member.get(reverse("exemplars:detail", args=[model.pk])).status_code == 200
    assert member.get(reverse("exemplars:detail", args=[other.pk])).status_code == 404
    url = reverse("exemplars:score", args=[model.pk])
    bad = {f"c{c.pk}": 25 for c in round_.criteria.all()} | {"recommend": "1"}
    response = member.post(url, bad)
    assert response.status_code == 200 and not model.scores.exists()
    good = {f"c{c.pk}": 17 for c in round_.criteria.all()} | {"recommend": "1", "comment": "Tốt"}
    assert member.post(url, good).status_code == 302
    response = member.post(url, good)
    assert "You have already scored this model." in response.content.decode()
    assert model.scores.count() == 1
    body = member.get(reverse("exemplars:detail", args=[model.pk])).content.decode()
    assert "Tốt" in body  # the round's participants see the scores and comments
    # the unit does not see individual scores before the review closes
    unit_view = client_for(cast.official_a).get(reverse("exemplars:detail", args=[model.pk]))
    assert "Council review" not in unit_view.content.decode()


def test_organiser_closes_recognises_commends_and_publishes(cast, client_for):
    round_, model = _reviewed_flow(cast, client_for)
    services.score_submit(
        actor=cast.official_b, exemplar=model, scores=scores_for(round_), recommend=True
    )
    officer = client_for(cast.province_officer)
    assert officer.post(reverse("exemplars:close-review", args=[model.pk])).status_code == 302
    response = officer.post(
        reverse("exemplars:recognise", args=[model.pk]),
        {"decision_number": "", "decision_date": f"{YEAR}-11-20"},
    )
    assert response.status_code == 200
    response = officer.post(
        reverse("exemplars:recognise", args=[model.pk]),
        {"decision_number": "12/QĐ-UBND", "decision_date": f"{YEAR}-11-20"},
    )
    assert response.status_code == 302
    response = officer.post(
        reverse("exemplars:commend", args=[model.pk]),
        {
            "form": "merit",
            "level": "province",
            "issuer": "Chủ tịch UBND tỉnh",
            "decision_number": "34/QĐ-UBND",
            "decision_date": f"{YEAR}-12-01",
        },
    )
    assert response.status_code == 302
    response = officer.post(
        reverse("exemplars:publish", args=[model.pk]),
        {"is_public": "on", "story": "Câu chuyện về con đường", "results": "5 km"},
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == Status.COMMENDED and model.is_public
    # the officer of the commune cannot do the organiser's steps
    assert (
        client_for(cast.official_a).get(reverse("exemplars:commend", args=[model.pk])).status_code
        == 404
    )


def test_dashboard_and_exports(cast, client_for, django_assert_max_num_queries):
    open_round(cast)
    make_model(cast.official_a, cast.tree.commune_a)
    client = client_for(cast.province_officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("exemplars:dashboard"), {"unit": cast.tree.province.pk})
    body = response.content.decode()
    assert "Xã Kim Phú" in body  # below quota
    response = client.get(
        reverse("exemplars:dashboard"), {"unit": cast.tree.province.pk, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Xã Trường Sơn" in names and "Thôn Đông" not in names
    response = client.get(reverse("exemplars:list-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2


def test_dashboard_of_another_province_falls_back_to_ones_own(cast, client_for):
    response = client_for(cast.official_b).get(
        reverse("exemplars:dashboard"), {"unit": cast.tree.other_province.pk}
    )
    assert response.status_code == 200
    assert "Tỉnh Bắc Ninh" not in response.content.decode()


def test_exports_and_lists_of_another_commune_are_empty(cast, client_for):
    a = make_model(cast.official_a, cast.tree.commune_a, title="Gốc A")
    make_model(cast.official_a, cast.tree.commune_a, title="Bản sao A", replicates=a)
    client = client_for(cast.official_b)
    sheet = load_workbook(io.BytesIO(client.get(reverse("exemplars:list-xlsx")).content)).active
    assert sheet.max_row == 1
    assert "Gốc A" not in client.get(reverse("exemplars:most-replicated")).content.decode()
    assert (
        "Gốc A"
        in client_for(cast.official_a).get(reverse("exemplars:most-replicated")).content.decode()
    )


def test_rounds_pages_and_access(cast, client_for):
    officer = client_for(cast.province_officer)
    response = officer.post(
        reverse("exemplars:round-create"),
        {
            "unit": cast.tree.province.pk,
            "year": YEAR,
            "registration_deadline": f"{YEAR}-03-31",
            "quota_min": 2,
            "quota_target": 1,
        },
    )
    assert "The target cannot be lower than the minimum." in response.content.decode()
    response = officer.post(
        reverse("exemplars:round-create"),
        {
            "unit": cast.tree.province.pk,
            "year": YEAR,
            "registration_deadline": f"{YEAR}-03-31",
            "quota_min": 1,
            "quota_target": 2,
        },
    )
    assert response.status_code == 302
    from danvan.exemplars.models import Round

    round_ = Round.objects.get()
    assert (
        officer.post(
            reverse("exemplars:member-add", args=[round_.pk]), {"username": "official_b"}
        ).status_code
        == 302
    )
    criterion = round_.criteria.first()
    assert (
        officer.post(
            reverse("exemplars:criterion-edit", args=[criterion.pk]),
            {"text": "Tạo đồng thuận", "max_score": 30},
        ).status_code
        == 302
    )
    response = officer.get(reverse("exemplars:round-detail", args=[round_.pk]), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    outsider = client_for(cast.other_province_officer)
    for url in [
        reverse("exemplars:round-detail", args=[round_.pk]) + "?format=xlsx",
        reverse("exemplars:round-detail", args=[round_.pk]),
        reverse("exemplars:round-edit", args=[round_.pk]),
        reverse("exemplars:criterion-add", args=[round_.pk]),
        reverse("exemplars:member-add", args=[round_.pk]),
        reverse("exemplars:criterion-edit", args=[criterion.pk]),
        reverse("exemplars:criterion-delete", args=[criterion.pk]),
        reverse("exemplars:member-remove", args=[round_.members.get().pk]),
    ]:
        assert outsider.get(url).status_code == 404, url
    assert "Quảng Trị" not in outsider.get(reverse("exemplars:round-list")).content.decode()
    # a council member sees the round, not its editing pages
    member = client_for(cast.official_b)
    assert member.get(reverse("exemplars:round-detail", args=[round_.pk])).status_code == 200
    assert member.get(reverse("exemplars:round-edit", args=[round_.pk])).status_code in (403, 404)


def _published(cast):
    round_ = open_round(cast)
    model = make_model(cast.official_a, cast.tree.commune_a, title="Đường làng nông thôn mới")
    services.exemplar_self_assess(
        actor=cast.official_a, exemplar=model, scores=scores_for(round_), comment="Đạt"
    )
    services.member_add(actor=cast.province_officer, round=round_, user=cast.official_b)
    services.score_submit(
        actor=cast.official_b, exemplar=model, scores=scores_for(round_), recommend=True
    )
    services.review_close(actor=cast.province_officer, exemplar=model)
    services.exemplar_recognise(
        actor=cast.province_officer,
        exemplar=model,
        recognised_by="",
        decision_number="1/QĐ",
        decision_date=dt.date(YEAR, 5, 1),
    )
    services.exemplar_publish(
        actor=cast.province_officer, exemplar=model, is_public=True, story="Câu chuyện"
    )
    return model


def test_public_showcase_search_and_detail(cast, client, django_assert_max_num_queries):
    model = _published(cast)
    hidden = make_model(cast.official_a, cast.tree.commune_a, title="Chưa công nhận")
    with django_assert_max_num_queries(6):
        response = client.get(
            reverse("showcase:list"),
            {
                "q": "duong lang",
                "province": cast.tree.province.pk,
                "year": YEAR,
                "field": "economy",
            },
        )
    body = response.content.decode()
    assert "Đường làng nông thôn mới" in body and "Chưa công nhận" not in body
    assert (
        client.get(reverse("showcase:list"), {"province": cast.tree.other_province.pk})
        .content.decode()
        .count("Đường làng")
        == 0
    )
    assert client.get(reverse("showcase:detail", args=[model.pk])).status_code == 200
    assert client.get(reverse("showcase:detail", args=[hidden.pk])).status_code == 404


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("exemplars:home"))
    assert response.status_code == 302


def test_public_photos_only_of_published_models(cast, client, settings, tmp_path):
    from danvan.exemplars.tests.test_services import _png

    settings.MEDIA_ROOT = tmp_path
    model = _published(cast)
    photo = services.evidence_add(
        actor=cast.official_a, exemplar=model, kind="photo", upload=_png()
    )
    hidden_model = make_model(cast.official_a, cast.tree.commune_a, title="Riêng")
    hidden = services.evidence_add(
        actor=cast.official_a, exemplar=hidden_model, kind="photo", upload=_png()
    )
    assert client.get(reverse("showcase:photo", args=[photo.pk])).status_code == 200
    assert client.get(reverse("showcase:photo", args=[hidden.pk])).status_code == 404
    body = client.get(reverse("showcase:detail", args=[model.pk])).content.decode()
    assert reverse("showcase:photo", args=[photo.pk]) in body


def test_most_replicated_export(cast, client_for):
    a = make_model(cast.official_a, cast.tree.commune_a, title="Gốc A")
    make_model(cast.official_a, cast.tree.ubnd_a, title="Bản sao", replicates=a)
    response = client_for(cast.official_a).get(
        reverse("exemplars:most-replicated"), {"format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Gốc A"]
