"""Supervision by the Front, council questions and social critique, to their recommendations."""

import datetime as dt

import pytest

from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.oversight import kinds
from danvan.oversight.critiques import selectors as critique_selectors
from danvan.oversight.critiques import services as critiques
from danvan.oversight.models import (
    AnswerKind,
    CritiqueStatus,
    Recommendation,
    SupervisorKind,
)
from danvan.oversight.recommendations import selectors as rec_selectors
from danvan.oversight.recommendations import services as rec_services
from danvan.oversight.supervision import selectors, services
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervision(cast, ov):
    programme = services.programme_create(
        actor=ov.front_officer,
        unit=ov.front_a,
        kind=SupervisorKind.FRONT,
        year=TODAY.year,
        title="Chương trình giám sát năm",
    )
    return services.supervision_add(
        actor=ov.front_officer,
        programme=programme,
        subject="Giám sát việc giải quyết thủ tục hành chính tại bộ phận một cửa",
        units=[cast.tree.ubnd_a],
        topic=ov.topic,
        starts_on=dt.date(TODAY.year, 1, 1),
        ends_on=dt.date(TODAY.year, 1, 1),
    )


@pytest.fixture
def concluded_supervision(ov, supervision):
    return services.supervision_conclude(
        actor=ov.front_officer,
        supervision=supervision,
        result_number="05/TB-MTTQ",
        result_date=TODAY,
        result_text="Bộ phận một cửa còn chậm trả kết quả.",
    )


class TestSupervision:
    def test_the_supervised_unit_sees_it_another_commune_does_not(self, cast, supervision):
        assert selectors.get_supervision_for(cast.official_a, supervision.pk) == supervision
        with pytest.raises(NotFoundError):
            selectors.get_supervision_for(cast.official_b, supervision.pk)

    def test_a_unit_of_another_commune_cannot_be_supervised_by_the_communes_front(
        self, cast, ov, supervision
    ):
        with pytest.raises(ValidationFailed) as error:
            services.supervision_add(
                actor=ov.front_officer,
                programme=supervision.programme,
                subject="x",
                units=[cast.tree.commune_b],
                starts_on=TODAY,
                ends_on=TODAY,
            )
        assert error.value.code == "unit_out_of_reach"

    def test_recommendations_follow_the_result_and_the_kind_is_the_fronts(
        self, cast, ov, supervision
    ):
        with pytest.raises(ConflictError):
            services.supervision_recommend(
                actor=ov.front_officer, supervision=supervision, text="x", due_date=TODAY
            )
        supervision = services.supervision_conclude(
            actor=ov.front_officer,
            supervision=supervision,
            result_number="05/TB-MTTQ",
            result_date=TODAY,
            result_text="Kết quả",
        )
        rec = services.supervision_recommend(
            actor=ov.front_officer,
            supervision=supervision,
            text="Công khai thời gian giải quyết",
            due_date=TODAY + dt.timedelta(days=30),
        )
        assert rec.source_kind == kinds.FRONT_SUPERVISION
        assert rec.addressee == cast.tree.ubnd_a
        assert rec.topic == ov.topic
        with pytest.raises(ValidationFailed) as error:
            services.supervision_recommend(
                actor=ov.front_officer,
                supervision=supervision,
                text="y",
                due_date=TODAY - dt.timedelta(days=1),
            )
        assert "before the date of the supervision's result" in str(error.value.message)

    def test_publishing_is_the_leaders_choice_and_shows_the_answers(
        self, cast, ov, concluded_supervision
    ):
        rec = services.supervision_recommend(
            actor=ov.front_officer,
            supervision=concluded_supervision,
            text="Niêm yết",
            due_date=TODAY + dt.timedelta(days=30),
        )
        with pytest.raises(PermissionDeniedError):
            services.supervision_publish(
                actor=ov.front_officer, supervision=concluded_supervision, published=True
            )
        assert not selectors.public_supervisions().exists()
        services.supervision_publish(
            actor=cast.leader_a, supervision=concluded_supervision, published=True
        )
        rec_services.recommendation_answer(
            actor=cast.official_a, recommendation=rec, kind=AnswerKind.DONE, text="Đã niêm yết"
        )
        shown = selectors.public_recommendations(
            selectors.get_public_supervision(concluded_supervision.pk)
        )
        assert shown[0].public_answer.text == "Đã niêm yết"

    def test_an_unconcluded_supervision_cannot_be_published(self, cast, supervision):
        with pytest.raises(ConflictError):
            services.supervision_publish(
                actor=cast.leader_a, supervision=supervision, published=True
            )


class TestQuestions:
    @pytest.fixture
    def session(self, cast, ov):
        from danvan.accounts.models import Role
        from danvan.accounts.tests.factories import UserFactory, grant

        secretary = UserFactory(username="hdnd_b")
        grant(secretary, Role.OFFICIAL, ov.council_b)
        session = services.session_create(
            actor=secretary, unit=ov.council_b, title="Kỳ họp thứ Mười", held_on=TODAY
        )
        return session, secretary

    def test_question_answer_and_commitment(self, cast, ov, session):
        session, secretary = session
        question = services.question_add(
            actor=secretary,
            session=session,
            deputy="Đại biểu Nguyễn Văn B",
            addressee=cast.tree.commune_b,
            respondent="Chủ tịch UBND xã",
            text="Khi nào sửa xong đường liên thôn?",
            answer="Trong quý tới",
            answered_on=TODAY,
        )
        rec = services.question_commit(
            actor=secretary,
            question=question,
            text="Sửa xong đường liên thôn",
            due_date=TODAY + dt.timedelta(days=90),
        )
        assert rec.source_kind == kinds.QUESTION
        assert rec.issuer == ov.council_b
        assert rec_selectors.inbox(cast.official_b).items == [rec]
        # the agency asked sees the session page through its question
        assert selectors.get_session_for(cast.official_b, session.pk) == session
        with pytest.raises(NotFoundError):
            selectors.get_session_for(cast.official_a, session.pk)

    def test_an_answer_before_the_session_is_refused(self, cast, session):
        session, secretary = session
        with pytest.raises(ValidationFailed) as error:
            services.question_add(
                actor=secretary,
                session=session,
                deputy="B",
                addressee=cast.tree.commune_b,
                respondent="Chủ tịch",
                text="?",
                answer="!",
                answered_on=TODAY - dt.timedelta(days=1),
            )
        assert error.value.field == "answered_on"

    def test_no_commitment_without_an_answer(self, cast, session):
        session, secretary = session
        question = services.question_add(
            actor=secretary,
            session=session,
            deputy="B",
            addressee=cast.tree.commune_b,
            respondent="Chủ tịch",
            text="?",
            written_answer_due=TODAY + dt.timedelta(days=20),
        )
        with pytest.raises(ConflictError):
            services.question_commit(actor=secretary, question=question, text="x", due_date=TODAY)


class TestCritique:
    @pytest.fixture
    def critique(self, cast, ov):
        return critiques.critique_create(
            actor=cast.official_a,
            unit=cast.tree.ubnd_a,
            kind="plan",
            title="Kế hoạch xây dựng nông thôn mới",
            organisations=[ov.front_a],
            published_on=TODAY - dt.timedelta(days=10),
            critique_due=TODAY,
            answer_due=TODAY + dt.timedelta(days=15),
        )

    def test_point_by_point_then_every_point_answered_before_the_final_text(
        self, cast, ov, critique
    ):
        critiques.critique_submit(
            actor=ov.front_officer,
            critique=critique,
            organisation=ov.front_a,
            submitted_on=TODAY,
            reference="12/PB-MTTQ",
            points=["Bổ sung nguồn vốn", "", "Làm rõ đóng góp của người dân", "Rút ngắn tiến độ"],
        )
        points = list(critiques.critique_points(critique).order_by("number"))
        assert [p.number for p in points] == [1, 2, 3]
        assert all(p.addressee == cast.tree.ubnd_a and p.issuer == ov.front_a for p in points)
        assert points[0].due_date == critique.answer_due
        rec_services.recommendation_answer(
            actor=cast.official_a, recommendation=points[0], kind=AnswerKind.DONE, text="Đã bổ sung"
        )
        rec_services.recommendation_answer(
            actor=cast.official_a,
            recommendation=points[1],
            kind=AnswerKind.EXPLAINED,
            text="Đã có quy định",
        )
        with pytest.raises(ConflictError) as error:
            critiques.critique_issue_final(
                actor=cast.leader_a, critique=critique, final_number="20/KH-UBND", final_date=TODAY
            )
        assert error.value.code == "unanswered_points"
        assert "1 point of the critiques has not been answered" in str(error.value.message)
        rec_services.recommendation_answer(
            actor=cast.official_a,
            recommendation=points[2],
            kind=AnswerKind.DECLINED,
            text="Tiến độ theo chỉ tiêu của tỉnh",
        )
        critique = critiques.critique_issue_final(
            actor=cast.leader_a, critique=critique, final_number="20/KH-UBND", final_date=TODAY
        )
        assert critique.status == CritiqueStatus.FINAL
        rows = critique_selectors.answer_rows(critique)
        assert [r.answer.kind for r in rows] == ["done", "explained", "declined"]

    def test_late_critique_and_uninvited_organisation(self, cast, ov, critique):
        from danvan.oversight.models import Critique

        Critique.objects.filter(pk=critique.pk).update(critique_due=TODAY - dt.timedelta(days=1))
        critique.refresh_from_db()
        with pytest.raises(ValidationFailed) as error:
            critiques.critique_submit(
                actor=ov.front_officer,
                critique=critique,
                organisation=ov.front_a,
                submitted_on=TODAY,
                points=["x"],
            )
        assert error.value.code == "late"
        with pytest.raises(ValidationFailed):
            critiques.critique_submit(
                actor=cast.official_a,
                critique=critique,
                organisation=cast.tree.village_a,
                submitted_on=TODAY - dt.timedelta(days=2),
                points=["x"],
            )
        assert not Recommendation.objects.exists()

    def test_dates_must_follow_each_other(self, cast, ov):
        with pytest.raises(ValidationFailed) as error:
            critiques.critique_create(
                actor=cast.official_a,
                unit=cast.tree.ubnd_a,
                kind="plan",
                title="x",
                organisations=[ov.front_a],
                published_on=TODAY,
                critique_due=TODAY + dt.timedelta(days=5),
                answer_due=TODAY + dt.timedelta(days=1),
            )
        assert error.value.field == "answer_due"
