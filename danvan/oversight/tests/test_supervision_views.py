"""Pages of the MTTQ officer (supervision, critique), the council and the public site."""

import datetime as dt
from io import BytesIO

import docx
import pytest
from django.urls import reverse

from danvan.oversight.critiques import services as critiques
from danvan.oversight.models import (
    CouncilSession,
    Critique,
    Supervision,
    SupervisionProgramme,
    SupervisorKind,
)
from danvan.oversight.supervision import services
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def day(delta: int) -> str:
    return (TODAY + dt.timedelta(days=delta)).strftime("%d/%m/%Y")


@pytest.fixture
def programme(ov):
    return services.programme_create(
        actor=ov.front_officer,
        unit=ov.front_a,
        kind=SupervisorKind.FRONT,
        year=TODAY.year,
        title="Chương trình giám sát năm",
    )


class TestFrontOfficer:
    def test_programme_supervision_result_recommendation(self, cast, ov, client_for):
        client = client_for(ov.front_officer)
        response = client.post(
            reverse("oversight:programme-create"),
            {
                "unit": ov.front_a.pk,
                "kind": "front",
                "year": str(TODAY.year),
                "title": "Chương trình giám sát",
            },
            follow=True,
        )
        assert "The programme was created." in response.content.decode()
        programme = SupervisionProgramme.objects.get()
        response = client.post(
            reverse("oversight:programme-detail", args=[programme.pk]),
            {
                "add-subject": "Giám sát bộ phận một cửa",
                "add-form": "direct",
                "add-units": [cast.tree.ubnd_a.pk],
                "add-starts_on": f"01/01/{TODAY.year}",
                "add-ends_on": f"02/01/{TODAY.year}",
            },
            follow=True,
        )
        supervision = Supervision.objects.get()
        assert "The supervision was added." in response.content.decode()
        client.post(
            reverse("oversight:supervision-step", args=[supervision.pk, "result"]),
            {
                "result-result_number": "05/TB-MTTQ",
                "result-result_date": day(0),
                "result-result_text": "Còn chậm",
                "result-version": supervision.version,
            },
        )
        response = client.post(
            reverse("oversight:supervision-step", args=[supervision.pk, "recommend"]),
            {
                "rec-addressee": cast.tree.ubnd_a.pk,
                "rec-text": "Rút ngắn thời gian",
                "rec-due_date": day(30),
            },
            follow=True,
        )
        assert "The recommendation was issued" in response.content.decode()
        assert supervision.programme.unit == ov.front_a

    def test_a_unit_outside_the_communes_reach_is_refused_beside_the_field(
        self, cast, ov, programme, client_for
    ):
        response = client_for(ov.front_officer).post(
            reverse("oversight:programme-detail", args=[programme.pk]),
            {
                "add-subject": "X",
                "add-form": "direct",
                "add-units": [cast.tree.commune_b.pk],
                "add-starts_on": day(0),
                "add-ends_on": day(0),
            },
        )
        assert response.status_code == 200
        assert not Supervision.objects.exists()

    def test_list_and_excel(self, ov, programme, client_for):
        client = client_for(ov.front_officer)
        assert (
            "Chương trình giám sát năm"
            in client.get(reverse("oversight:supervision-list")).content.decode()
        )
        assert client.get(reverse("oversight:supervision-export")).status_code == 200


class TestPublicSite:
    def test_only_published_results_with_their_answers(self, cast, ov, programme, client):
        supervision = services.supervision_add(
            actor=ov.front_officer,
            programme=programme,
            subject="Giám sát công khai ngân sách",
            units=[cast.tree.ubnd_a],
            starts_on=TODAY,
            ends_on=TODAY,
        )
        supervision = services.supervision_conclude(
            actor=ov.front_officer,
            supervision=supervision,
            result_number="07/TB-MTTQ",
            result_date=TODAY,
            result_text="Kết quả giám sát",
        )
        url = reverse("oversight_public:supervision-detail", args=[supervision.pk])
        assert client.get(url).status_code == 404
        services.supervision_publish(actor=cast.leader_a, supervision=supervision, published=True)
        assert "Kết quả giám sát" in client.get(url).content.decode()
        listing = client.get(reverse("oversight_public:supervision-list")).content.decode()
        assert "Giám sát công khai ngân sách" in listing
        assert (
            client.get(reverse("oversight_public:supervision-detail", args=[999999])).status_code
            == 404
        )


class TestCritiquePages:
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

    def test_front_sends_points_the_commune_answers_each_then_issues(
        self, cast, ov, critique, client_for
    ):
        front = client_for(ov.front_officer)
        response = front.post(
            reverse("oversight:critique-step", args=[critique.pk, "submit"]),
            {
                "submit-organisation": ov.front_a.pk,
                "submit-submitted_on": day(0),
                "submit-points": "Bổ sung nguồn vốn\nLàm rõ đóng góp của người dân",
            },
            follow=True,
        )
        assert "Your critique was sent" in response.content.decode()
        commune = client_for(cast.official_a)
        points = list(critiques.critique_points(critique).order_by("number"))
        for point, kind in zip(points, ("done", "declined"), strict=True):
            response = commune.post(
                reverse("oversight:critique-step", args=[critique.pk, "answer"]),
                {"point": point.pk, f"a{point.pk}-kind": kind, f"a{point.pk}-text": "Trả lời"},
                follow=True,
            )
            assert "The answer to the point was saved." in response.content.decode()
        table = client_for(cast.leader_a).get(
            reverse("oversight:critique-answer-table", args=[critique.pk])
        )
        document = docx.Document(BytesIO(table.content))
        answers = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
        cells = [cell.text for row in answers.rows for cell in row.cells]
        assert "TABLE:" not in "".join(p.text for p in document.paragraphs)
        assert "Tiếp thu" in cells and "Không tiếp thu" in cells
        assert "Bổ sung nguồn vốn" in cells
        response = client_for(cast.leader_a).post(
            reverse("oversight:critique-step", args=[critique.pk, "final"]),
            {
                "final-final_number": "20/KH-UBND",
                "final-final_date": day(0),
                "final-version": critique.version,
            },
            follow=True,
        )
        assert "The final text was issued." in response.content.decode()

    def test_the_final_text_waits_for_every_answer(self, cast, ov, critique, client_for):
        critiques.critique_submit(
            actor=ov.front_officer,
            critique=critique,
            organisation=ov.front_a,
            submitted_on=TODAY,
            points=["Một điểm"],
        )
        critique.refresh_from_db()
        response = client_for(cast.leader_a).post(
            reverse("oversight:critique-step", args=[critique.pk, "final"]),
            {
                "final-final_number": "20/KH-UBND",
                "final-final_date": day(0),
                "final-version": critique.version,
            },
        )
        assert "1 point of the critiques has not been answered" in response.content.decode()
        critique.refresh_from_db()
        assert not critique.is_final

    def test_list(self, cast, critique, client_for):
        assert (
            "Kế hoạch xây dựng nông thôn mới"
            in client_for(cast.official_a).get(reverse("oversight:critique-list")).content.decode()
        )
        assert Critique.objects.count() == 1


class TestQuestionPages:
    def test_session_question_answer_commitment(self, cast, ov, client_for):
        from danvan.accounts.models import Role
        from danvan.accounts.tests.factories import UserFactory, grant

        secretary = UserFactory(username="hdnd_b")
        grant(secretary, Role.OFFICIAL, ov.council_b)
        client = client_for(secretary)
        client.post(
            reverse("oversight:session-create"),
            {"unit": ov.council_b.pk, "title": "Kỳ họp thứ Mười", "held_on": day(0)},
        )
        session = CouncilSession.objects.get()
        response = client.post(
            reverse("oversight:question-add", args=[session.pk]),
            {
                "question-deputy": "Đại biểu B",
                "question-addressee": cast.tree.commune_b.pk,
                "question-respondent": "Chủ tịch UBND xã",
                "question-text": "Đường liên thôn?",
                "question-answer": "Quý tới",
                "question-answered_on": day(0),
            },
            follow=True,
        )
        assert "The question was recorded." in response.content.decode()
        question = session.questions.get()
        response = client.post(
            reverse("oversight:question-step", args=[question.pk, "commit"]),
            {
                f"commit{question.pk}-addressee": cast.tree.commune_b.pk,
                f"commit{question.pk}-text": "Sửa đường liên thôn",
                f"commit{question.pk}-due_date": day(90),
            },
            follow=True,
        )
        assert "The commitment is followed as a recommendation." in response.content.decode()
        page = client_for(cast.official_b).get(
            reverse("oversight:session-detail", args=[session.pk])
        )
        assert "Sửa đường liên thôn" in page.content.decode()
