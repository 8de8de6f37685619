import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, NotFoundError, ValidationFailed
from danvan.exemplars import selectors, services
from danvan.exemplars.models import (
    SEED_CRITERIA,
    Evidence,
    EvidenceKind,
    Exemplar,
    Kind,
    Origin,
    Score,
    Status,
)
from danvan.exemplars.tests.factories import YEAR, make_model, open_round, scores_for

pytestmark = pytest.mark.django_db


def _png(name="anh.png", size=(2400, 1200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_round_starts_with_the_seed_criteria_and_takes_in_earlier_registrations(cast):
    early = make_model(cast.official_a, cast.tree.commune_a)
    assert early.round is None
    round_ = open_round(cast)
    assert [c.text for c in round_.criteria.all()] == list(SEED_CRITERIA)
    assert sum(c.max_score for c in round_.criteria.all()) == 100
    early.refresh_from_db()
    assert early.round == round_
    with pytest.raises(ConflictError):
        open_round(cast)


def test_registration_flow_is_audited_and_records_places(cast):
    round_ = open_round(cast)
    model = make_model(cast.official_a, cast.tree.ubnd_a, register=False)
    assert model.status == Status.DRAFT
    assert model.province_id == cast.tree.province.pk
    assert model.commune_id == cast.tree.commune_a.pk
    assert model.round == round_
    services.exemplar_register(actor=cast.official_a, exemplar=model)
    model.refresh_from_db()
    assert model.status == Status.REGISTERED and model.registered_at
    actions = set(
        AuditEntry.objects.filter(object_id=str(model.pk)).values_list("action", flat=True)
    )
    assert {"exemplars.created", "exemplars.registered"} <= actions


def test_an_individual_needs_the_person_and_nothing_is_saved(cast):
    with pytest.raises(ValidationFailed) as err:
        make_model(cast.official_a, cast.tree.commune_a, kind=Kind.INDIVIDUAL)
    assert err.value.field == "person_name"
    assert not Exemplar.objects.exists()


def test_registering_outside_ones_reach_is_refused(cast):
    with pytest.raises(NotFoundError):
        make_model(cast.official_b, cast.tree.commune_a)
    assert not Exemplar.objects.exists()


def test_replication_counts_and_reach(cast):
    original = make_model(cast.official_a, cast.tree.commune_a)
    copy_b = make_model(cast.official_b, cast.tree.commune_b, replicates=original)
    copy_far = make_model(cast.other_province_officer, cast.tree.other_commune, replicates=copy_b)
    assert copy_b.origin == Origin.REPLICATED
    original.refresh_from_db()
    copy_b.refresh_from_db()
    assert original.replica_count == 2 and copy_b.replica_count == 1
    tree = selectors.replication_tree(original)
    assert [(n.exemplar.pk, n.depth) for n in tree] == [(copy_b.pk, 1), (copy_far.pk, 2)]
    reach = selectors.reach(original)
    assert (reach.units, reach.communes, reach.provinces, reach.replications) == (3, 3, 2, 2)


def test_a_draft_replication_does_not_count_until_registered(cast):
    original = make_model(cast.official_a, cast.tree.commune_a)
    draft = make_model(cast.official_b, cast.tree.commune_b, replicates=original, register=False)
    original.refresh_from_db()
    assert original.replica_count == 0
    services.exemplar_register(actor=cast.official_b, exemplar=draft)
    original.refresh_from_db()
    assert original.replica_count == 1


def test_self_links_and_cycles_are_refused(cast):
    a = make_model(cast.official_a, cast.tree.commune_a, title="A")
    b = make_model(cast.official_b, cast.tree.commune_b, title="B", replicates=a)
    with pytest.raises(ValidationFailed) as err:
        services.exemplar_update(actor=cast.official_a, exemplar=a, replicates=a)
    assert err.value.field == "replicates"
    with pytest.raises(ValidationFailed) as err:
        services.exemplar_update(actor=cast.official_a, exemplar=a, replicates=b)
    assert "circle" in str(err.value.message)
    a.refresh_from_db()
    assert a.replicates_id is None and a.origin == Origin.NEW and a.replica_count == 1


def test_relinking_moves_the_subtree_and_the_counts(cast):
    a = make_model(cast.official_a, cast.tree.commune_a, title="A")
    c = make_model(cast.official_a, cast.tree.ubnd_a, title="C")
    b = make_model(cast.official_b, cast.tree.commune_b, title="B", replicates=a)
    d = make_model(cast.official_a, cast.tree.commune_a, title="D", replicates=b)
    services.exemplar_update(actor=cast.official_b, exemplar=b, replicates=c)
    for row in (a, b, c, d):
        row.refresh_from_db()
    assert a.replica_count == 0 and c.replica_count == 2 and b.replica_count == 1
    assert d.lineage == f"/{c.pk}/{b.pk}/{d.pk}/"


def test_evidence_photo_is_resized_and_a_disguised_file_refused(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    model = make_model(cast.official_a, cast.tree.commune_a)
    photo = services.evidence_add(
        actor=cast.official_a, exemplar=model, kind=EvidenceKind.PHOTO, upload=_png()
    )
    assert max(photo.width, photo.height) == 1600
    disguised = SimpleUploadedFile(
        "baocao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationFailed) as err:
        services.evidence_add(
            actor=cast.official_a, exemplar=model, kind=EvidenceKind.FILE, upload=disguised
        )
    assert err.value.code == "file_disguised"
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationFailed):
        services.evidence_add(
            actor=cast.official_a, exemplar=model, kind=EvidenceKind.FILE, upload=big
        )
    assert Evidence.objects.count() == 1
    services.evidence_add(
        actor=cast.official_a,
        exemplar=model,
        kind=EvidenceKind.FIGURE,
        figure_label="Số hộ tham gia",
        figure_value=120,
        figure_unit="hộ",
    )
    assert Evidence.objects.count() == 2


def _to_review(cast):
    round_ = open_round(cast)
    model = make_model(cast.official_a, cast.tree.commune_a)
    services.exemplar_start(actor=cast.official_a, exemplar=model)
    services.exemplar_self_assess(
        actor=cast.official_a, exemplar=model, scores=scores_for(round_, 18), comment="Tốt"
    )
    member = services.member_add(actor=cast.province_officer, round=round_, user=cast.official_b)
    model.refresh_from_db()
    return round_, model, member


def test_the_whole_flow_to_commendation(cast):
    round_, model, _member = _to_review(cast)
    assert model.status == Status.SELF_ASSESSED and model.self_total == 90
    services.member_add(actor=cast.province_officer, round=round_, user=cast.leader_a)
    services.score_submit(
        actor=cast.official_b,
        exemplar=model,
        scores=scores_for(round_, 16),
        recommend=True,
        comment="Lan tỏa tốt",
    )
    services.score_submit(
        actor=cast.leader_a, exemplar=model, scores=scores_for(round_, 15), recommend=False
    )
    services.review_close(actor=cast.province_officer, exemplar=model)
    model.refresh_from_db()
    assert model.status == Status.REVIEWED
    assert str(model.review_average) == "77.50"
    assert (model.votes_for, model.votes_against) == (1, 1)
    services.exemplar_recognise(
        actor=cast.province_officer,
        exemplar=model,
        recognised_by="UBND tỉnh Quảng Trị",
        decision_number="123/QĐ-UBND",
        decision_date=dt.date(YEAR, 11, 20),
    )
    services.commendation_add(
        actor=cast.province_officer,
        exemplar=model,
        form="merit",
        level="province",
        issuer="Chủ tịch UBND tỉnh",
        decision_number="456/QĐ-UBND",
        decision_date=dt.date(YEAR, 12, 1),
    )
    model.refresh_from_db()
    assert model.status == Status.COMMENDED
    actions = list(
        AuditEntry.objects.filter(object_id=str(model.pk)).values_list("action", flat=True)
    )
    for action in (
        "exemplars.self_assessed",
        "exemplars.scored",
        "exemplars.reviewed",
        "exemplars.recognised",
        "exemplars.commended",
    ):
        assert action in actions


def test_a_member_scores_once_within_the_rubric(cast):
    round_, model, _member = _to_review(cast)
    bad = scores_for(round_, 21)
    with pytest.raises(ValidationFailed):
        services.score_submit(actor=cast.official_b, exemplar=model, scores=bad, recommend=True)
    missing = scores_for(round_, 10)
    missing.popitem()
    with pytest.raises(ValidationFailed):
        services.score_submit(actor=cast.official_b, exemplar=model, scores=missing, recommend=True)
    services.score_submit(
        actor=cast.official_b, exemplar=model, scores=scores_for(round_), recommend=True
    )
    with pytest.raises(ConflictError):
        services.score_submit(
            actor=cast.official_b, exemplar=model, scores=scores_for(round_), recommend=True
        )
    assert Score.objects.count() == 1


def test_only_members_score(cast):
    round_, model, _member = _to_review(cast)
    with pytest.raises(NotFoundError):
        services.score_submit(
            actor=cast.leader_a, exemplar=model, scores=scores_for(round_), recommend=True
        )


def test_rejection_needs_reasons(cast):
    _round, model, _member = _to_review(cast)
    with pytest.raises(ValidationFailed):
        services.exemplar_reject(actor=cast.province_officer, exemplar=model, reason="  ")
    services.exemplar_reject(actor=cast.province_officer, exemplar=model, reason="Chưa lan tỏa")
    model.refresh_from_db()
    assert model.status == Status.NOT_RECOGNISED


def test_the_rubric_is_editable_until_someone_scores(cast):
    round_, model, _member = _to_review(cast)
    criterion = round_.criteria.first()
    with pytest.raises(ConflictError):  # the unit has self-assessed with it
        services.criterion_save(
            actor=cast.province_officer, round=round_, criterion=criterion, text="X", max_score=10
        )
    fresh = open_round(cast, unit=cast.tree.commune_a)
    services.criterion_save(
        actor=cast.leader_a, round=fresh, text="Có hiệu quả kinh tế", max_score=10
    )
    assert fresh.criteria.count() == 6


def test_publishing_needs_recognition_and_a_story(cast):
    model = make_model(cast.official_a, cast.tree.commune_a)
    with pytest.raises(ConflictError):
        services.exemplar_publish(
            actor=cast.province_officer, exemplar=model, is_public=True, story="Câu chuyện"
        )


def test_dashboard_counts_and_units_below_quota(cast):
    open_round(cast, quota_min=1)
    make_model(cast.official_a, cast.tree.commune_a, title="Một")
    make_model(cast.official_a, cast.tree.commune_a, title="Hai", kind=Kind.COLLECTIVE)
    make_model(cast.official_a, cast.tree.ubnd_a, title="Ba", register=False)
    board = selectors.dashboard(cast.tree.province, YEAR)
    assert board.registered == 2
    assert dict((v, n) for v, _l, n in board.by_kind)["collective"] == 1
    below = {u.pk for u in board.below}
    assert cast.tree.commune_a.pk not in below
    assert {cast.tree.commune_b.pk, cast.tree.ubnd_a.pk} <= below
    assert cast.tree.village_a.pk not in below
    assert board.units_total - board.units_meeting == len(board.below)


def test_report_figures(cast):
    from danvan.reports import sources

    _round, model, _member = _to_review(cast)
    services.score_submit(
        actor=cast.official_b, exemplar=model, scores=scores_for(_round), recommend=True
    )
    services.review_close(actor=cast.province_officer, exemplar=model)
    services.exemplar_recognise(
        actor=cast.province_officer,
        exemplar=model,
        recognised_by="",
        decision_number="1/QĐ",
        decision_date=dt.date(YEAR, 3, 1),
    )
    services.commendation_add(
        actor=cast.province_officer,
        exemplar=model,
        form="certificate",
        level="commune",
        issuer="UBND xã",
        decision_number="2/QĐ",
        decision_date=dt.date(YEAR, 3, 5),
    )
    path = cast.tree.province.path
    year_start, year_end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    assert sources.compute("exemplars.registered", path, year_start, year_end) == 1
    assert (
        sources.compute("exemplars.registered", cast.tree.commune_b.path, year_start, year_end) == 0
    )
    assert sources.compute("exemplars.recognised", path, year_start, year_end) == 1
    assert sources.compute("exemplars.recognised", path, dt.date(YEAR, 3, 2), year_end) == 0
    assert sources.compute("exemplars.commended", path, year_start, year_end) == 1
    assert (
        sources.compute("exemplars.commended", cast.tree.other_province.path, year_start, year_end)
        == 0
    )


def _stat_rows():
    from danvan.exemplars.models import UnitYearStat

    return sorted(
        UnitYearStat.objects.values_list(
            "unit_id",
            "year",
            "registered",
            "new",
            "replicated",
            "recognised",
            "commended",
            "f_economy",
            "k_collective",
            "unit_path",
            "level",
        )
    )


def test_the_summary_table_kept_by_services_matches_a_rebuild(cast):
    from danvan.exemplars.tasks import refresh_stats

    round_, model, _member = _to_review(cast)
    services.score_submit(
        actor=cast.official_b, exemplar=model, scores=scores_for(round_), recommend=True
    )
    services.review_close(actor=cast.province_officer, exemplar=model)
    services.exemplar_recognise(
        actor=cast.province_officer,
        exemplar=model,
        recognised_by="",
        decision_number="1/QĐ",
        decision_date=dt.date(YEAR, 3, 1),
    )
    copy = make_model(cast.official_b, cast.tree.commune_b, replicates=model, kind=Kind.COLLECTIVE)
    services.exemplar_update(actor=cast.official_b, exemplar=copy, replicates=None)
    make_model(cast.official_a, cast.tree.commune_a, register=False)
    kept = _stat_rows()
    assert refresh_stats.delay().get() == 2
    assert _stat_rows() == kept
    by_unit = {row[0]: row for row in kept}
    assert by_unit[cast.tree.commune_a.pk][2:7] == (1, 1, 0, 1, 0)
    assert by_unit[cast.tree.commune_b.pk][2:7] == (1, 1, 0, 0, 0)
