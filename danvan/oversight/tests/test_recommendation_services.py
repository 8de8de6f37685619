"""Recommendations from issue to closure: the services other apps reuse."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from danvan.audit.models import AuditEntry
from danvan.core.concurrency import EditConflict
from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.notifications.models import Notification
from danvan.oversight import notices
from danvan.oversight.models import (
    AnswerKind,
    AnswerOutcome,
    Recommendation,
    RecommendationStatus,
)
from danvan.oversight.recommendations import selectors, services, sources
from danvan.oversight.tests.conftest import TODAY
from danvan.units.models import OrgUnit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def answer(rec, actor, kind=AnswerKind.DONE, text="Đã niêm yết đầy đủ 45 thủ tục", **kwargs):
    return services.recommendation_answer(
        actor=actor, recommendation=rec, kind=kind, text=text, **kwargs
    )


@pytest.mark.django_db(transaction=False)
class TestIssue:
    def test_issued_open_numbered_audited_and_announced(
        self, cast, ov, recommend, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = recommend(source=ov.front_a)
            second = recommend(source=ov.front_a, text="Rút ngắn thời gian trả kết quả")
        assert first.status == RecommendationStatus.OPEN
        assert (first.number, second.number) == (1, 2)
        assert AuditEntry.objects.filter(action="recommendation.issued").count() == 2
        notice = Notification.objects.get(
            recipient=cast.official_a, dedup_key__endswith=f":{first.pk}"
        )
        assert notice.kind == notices.RECOMMENDATION
        assert "UBND xã Trường Sơn" in notice.title
        # the issuer's own officer is not told about a recommendation to another unit
        assert not Notification.objects.filter(recipient=ov.front_officer).exists()

    def test_deadline_before_the_conclusion_is_refused_and_nothing_saved(self, recommend):
        with pytest.raises(ValidationFailed) as error:
            recommend(
                issued_on=TODAY - dt.timedelta(days=3),
                due_date=TODAY - dt.timedelta(days=4),
                issued_on_label="the conclusion",
            )
        assert error.value.field == "due_date"
        assert error.value.code == "deadline_before_issue"
        assert "before the date of the conclusion" in str(error.value.message)
        assert not Recommendation.objects.exists()

    def test_addressee_outside_the_issuers_reach_is_refused(self, cast, recommend):
        with pytest.raises(ValidationFailed) as error:
            recommend(addressee=cast.tree.commune_b)
        assert error.value.code == "unit_out_of_reach"
        assert "Xã Kim Phú is outside the reach of UB MTTQ Việt Nam xã Trường Sơn" in str(
            error.value.message
        )
        assert not Recommendation.objects.exists()

    def test_a_province_body_reaches_every_commune_of_the_province(self, cast, ov, recommend):
        rec = recommend(
            actor=ov.organiser,
            issuer=ov.home_affairs,
            addressee=cast.tree.ubnd_a,
            source_kind="oversight.inspection",
        )
        assert rec.addressee == cast.tree.ubnd_a
        with pytest.raises(ValidationFailed):
            recommend(
                actor=ov.organiser,
                issuer=ov.home_affairs,
                addressee=cast.tree.other_commune,
                source_kind="oversight.inspection",
            )

    def test_another_commune_cannot_issue_in_the_fronts_name(self, cast, recommend):
        with pytest.raises(NotFoundError):
            recommend(actor=cast.official_b)
        assert not Recommendation.objects.exists()

    def test_a_viewer_of_the_issuer_without_the_right_is_refused(self, cast, ov, recommend):
        from danvan.accounts.models import Role
        from danvan.accounts.tests.factories import UserFactory, grant

        viewer = UserFactory()
        grant(viewer, Role.VIEWER, ov.front_a)
        with pytest.raises(PermissionDeniedError):
            recommend(actor=viewer)

    def test_future_date_of_issue_and_empty_text_are_refused(self, recommend):
        with pytest.raises(ValidationFailed) as error:
            recommend(issued_on=TODAY + dt.timedelta(days=1))
        assert error.value.field == "issued_on"
        with pytest.raises(ValidationFailed) as error:
            recommend(text="   ")
        assert error.value.field == "text"
        assert not Recommendation.objects.exists()

    def test_a_deadline_already_passed_is_overdue_from_the_start(self, recommend):
        rec = recommend(
            issued_on=TODAY - dt.timedelta(days=40), due_date=TODAY - dt.timedelta(days=1)
        )
        assert rec.status == RecommendationStatus.OVERDUE


@pytest.mark.django_db
class TestAnswer:
    def test_the_addressee_answers_with_evidence(self, cast, ov, recommend):
        rec = recommend()
        given = answer(rec, cast.official_a, files=[pdf()])
        rec.refresh_from_db()
        assert rec.status == RecommendationStatus.ANSWERED
        assert rec.answered_at is not None
        assert given.evidence.get().original_name == "bien-ban.pdf"
        assert not given.is_late
        entry = AuditEntry.objects.get(action="recommendation.answered")
        assert entry.after["files"] == ["bien-ban.pdf"]

    def test_the_issuer_cannot_answer_in_the_addressees_name(self, ov, recommend):
        rec = recommend()
        with pytest.raises(PermissionDeniedError):
            answer(rec, ov.front_officer)
        rec.refresh_from_db()
        assert rec.status == RecommendationStatus.OPEN

    def test_another_commune_cannot_answer(self, cast, recommend):
        rec = recommend()
        with pytest.raises(PermissionDeniedError):
            answer(rec, cast.official_b)
        assert not rec.answers.exists()

    def test_an_answer_after_closure_is_refused_and_nothing_saved(self, cast, ov, recommend):
        rec = recommend()
        answer(rec, cast.official_a)
        services.recommendation_verify(actor=ov.front_officer, recommendation=rec)
        with pytest.raises(ConflictError) as error:
            answer(rec, cast.official_a, text="Bổ sung")
        assert error.value.code == "closed"
        assert "closed" in str(error.value.message)
        assert rec.answers.count() == 1

    def test_a_second_answer_waits_for_the_issuer(self, cast, recommend):
        rec = recommend()
        answer(rec, cast.official_a)
        with pytest.raises(ConflictError) as error:
            answer(rec, cast.official_a)
        assert error.value.code == "awaiting_verification"

    def test_a_late_answer_is_received_and_marked_late(self, cast, recommend):
        rec = recommend(
            issued_on=TODAY - dt.timedelta(days=40), due_date=TODAY - dt.timedelta(days=5)
        )
        given = answer(rec, cast.official_a)
        assert given.is_late

    def test_a_bad_file_refuses_the_whole_answer(self, cast, recommend):
        rec = recommend()
        fake = SimpleUploadedFile("bao-cao.pdf", b"MZ not a pdf", content_type="application/pdf")
        with pytest.raises(ValidationFailed):
            answer(rec, cast.official_a, files=[fake])
        rec.refresh_from_db()
        assert rec.status == RecommendationStatus.OPEN
        assert not rec.answers.exists()

    def test_unknown_answer_kind(self, cast, recommend):
        rec = recommend()
        with pytest.raises(ValidationFailed) as error:
            answer(rec, cast.official_a, kind="maybe")
        assert error.value.field == "kind"

    def test_stale_version_is_refused(self, cast, recommend):
        rec = recommend()
        with pytest.raises(EditConflict):
            answer(rec, cast.official_a, version=rec.version + 1)


@pytest.mark.django_db
class TestVerify:
    def test_verified_done(self, cast, ov, recommend):
        rec = recommend()
        given = answer(rec, cast.official_a)
        rec = services.recommendation_verify(
            actor=ov.front_officer, recommendation=rec, note="Đúng"
        )
        assert rec.status == RecommendationStatus.DONE
        assert rec.closed_on == TODAY
        given.refresh_from_db()
        assert given.outcome == AnswerOutcome.ACCEPTED

    def test_declined_with_reasons_closes_as_not_accepted(self, cast, ov, recommend):
        rec = recommend()
        answer(rec, cast.official_a, kind=AnswerKind.DECLINED, text="Không thuộc thẩm quyền của xã")
        rec = services.recommendation_verify(actor=ov.front_officer, recommendation=rec)
        assert rec.status == RecommendationStatus.NOT_ACCEPTED

    def test_the_addressee_cannot_verify(self, cast, ov, recommend):
        rec = recommend(
            actor=ov.organiser, issuer=ov.home_affairs, source_kind="oversight.inspection"
        )
        answer(rec, cast.official_a)
        with pytest.raises(PermissionDeniedError):
            services.recommendation_verify(actor=cast.leader_a, recommendation=rec)
        with pytest.raises(PermissionDeniedError):
            services.recommendation_return(actor=cast.leader_a, recommendation=rec, note="x")

    def test_whoever_answered_does_not_verify_the_answer(self, cast, ov, recommend):
        """official_a's grant over the commune covers its Front too: four eyes still apply."""
        rec = recommend()
        answer(rec, cast.official_a)
        with pytest.raises(PermissionDeniedError):
            services.recommendation_verify(actor=cast.official_a, recommendation=rec)
        services.recommendation_verify(actor=cast.leader_a, recommendation=rec)

    def test_nothing_to_verify_before_an_answer(self, ov, recommend):
        rec = recommend()
        with pytest.raises(ConflictError) as error:
            services.recommendation_verify(actor=ov.front_officer, recommendation=rec)
        assert error.value.code == "not_answered"

    def test_returned_answer_opens_again_with_the_reason(self, cast, ov, recommend):
        rec = recommend()
        given = answer(rec, cast.official_a)
        with pytest.raises(ValidationFailed) as error:
            services.recommendation_return(actor=ov.front_officer, recommendation=rec, note=" ")
        assert error.value.field == "note"
        rec = services.recommendation_return(
            actor=ov.front_officer, recommendation=rec, note="Chưa có ảnh chụp bảng niêm yết"
        )
        assert rec.status == RecommendationStatus.OPEN
        given.refresh_from_db()
        assert given.outcome == AnswerOutcome.RETURNED
        answer(rec, cast.official_a, text="Bổ sung ảnh chụp", files=[pdf("anh.pdf")])
        assert rec.answers.count() == 2

    def test_returned_after_the_deadline_is_overdue(self, cast, ov, recommend):
        rec = recommend(
            issued_on=TODAY - dt.timedelta(days=40), due_date=TODAY - dt.timedelta(days=5)
        )
        answer(rec, cast.official_a)
        rec = services.recommendation_return(
            actor=ov.front_officer, recommendation=rec, note="Chưa đạt"
        )
        assert rec.status == RecommendationStatus.OVERDUE


@pytest.mark.django_db
class TestOverdueAndChanges:
    def test_nightly_marking(self, recommend):
        late = recommend(
            issued_on=TODAY - dt.timedelta(days=30), due_date=TODAY - dt.timedelta(days=1)
        )
        Recommendation.objects.filter(pk=late.pk).update(status=RecommendationStatus.OPEN)
        on_time = recommend()
        assert services.recommendations_mark_overdue() == 1
        late.refresh_from_db()
        on_time.refresh_from_db()
        assert late.status == RecommendationStatus.OVERDUE
        assert on_time.status == RecommendationStatus.OPEN
        assert AuditEntry.objects.filter(action="recommendation.overdue").count() == 1
        assert services.recommendations_mark_overdue() == 0

    def test_open_past_its_deadline_counts_as_overdue_before_the_job_runs(self, ov, recommend):
        rec = recommend(
            issued_on=TODAY - dt.timedelta(days=30), due_date=TODAY - dt.timedelta(days=1)
        )
        Recommendation.objects.filter(pk=rec.pk).update(status=RecommendationStatus.OPEN)
        filters = selectors.RecommendationFilters(status="overdue")
        assert list(selectors.recommendation_list(ov.front_officer, filters)) == [rec]

    def test_moving_the_deadline_later_reopens_an_overdue_one(self, ov, recommend):
        rec = recommend(
            issued_on=TODAY - dt.timedelta(days=30), due_date=TODAY - dt.timedelta(days=1)
        )
        rec = services.recommendation_update(
            actor=ov.front_officer,
            recommendation=rec,
            text=rec.text,
            due_date=TODAY + dt.timedelta(days=15),
            version=rec.version,
        )
        assert rec.status == RecommendationStatus.OPEN
        with pytest.raises(EditConflict):
            services.recommendation_update(
                actor=ov.front_officer,
                recommendation=rec,
                text="Khác",
                due_date=rec.due_date,
                version=rec.version - 1,
            )

    def test_a_deadline_before_the_issue_date_cannot_be_set_later_either(self, ov, recommend):
        rec = recommend()
        with pytest.raises(ValidationFailed) as error:
            services.recommendation_update(
                actor=ov.front_officer,
                recommendation=rec,
                text=rec.text,
                due_date=rec.issued_on - dt.timedelta(days=1),
            )
        assert error.value.code == "deadline_before_issue"


@pytest.mark.django_db
class TestAnotherAppsSource:
    """The democracy app's boards issue through a kind of their own, linked to their object."""

    @pytest.fixture
    def board_kind(self, cast):
        member = cast.official_b  # stands for a board member with no grant in commune A

        kind = sources.register(
            sources.SourceKind(
                key="tests.people_inspection",
                label="Ban Thanh tra nhân dân",
                viewers=lambda actor: (
                    Q(source_kind="tests.people_inspection") if actor == member else Q(pk__in=[])
                ),
                may_issue=lambda actor, issuer, source: actor == member,
                may_verify=lambda actor, rec: actor == member,
                # a village's board addresses the commune's People's Committee
                reach=lambda issuer: OrgUnit.objects.filter(path__startswith=issuer.parent.path),
            )
        )
        yield kind, member
        sources._KINDS.pop(kind.key)

    def test_issue_see_and_verify_through_the_kinds_rules(self, cast, ov, board_kind):
        kind, member = board_kind
        rec = services.recommendation_create(
            actor=member,
            issuer=cast.tree.village_a,
            addressee=cast.tree.ubnd_a,
            source_kind=kind.key,
            source=cast.tree.village_a,  # any saved object: the app never imports its model
            source_label="Biên bản giám sát của Ban TTND thôn Đông",
            text="Công khai dự toán công trình đường thôn",
            issued_on=TODAY,
            due_date=TODAY + dt.timedelta(days=10),
        )
        assert rec.source == cast.tree.village_a
        assert selectors.get_recommendation_for(member, rec.pk) == rec
        answer(rec, cast.official_a)
        services.recommendation_verify(actor=member, recommendation=rec)
        rec.refresh_from_db()
        assert rec.status == RecommendationStatus.DONE
        with pytest.raises(NotFoundError):
            selectors.get_recommendation_for(cast.other_province_officer, rec.pk)

    def test_the_kinds_rule_denies_everyone_else(self, cast, ov, board_kind):
        kind, _member = board_kind
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            services.recommendation_create(
                actor=cast.official_a,
                issuer=cast.tree.village_a,
                addressee=cast.tree.ubnd_a,
                source_kind=kind.key,
                source_label="x",
                text="y",
                issued_on=TODAY,
                due_date=TODAY,
            )
