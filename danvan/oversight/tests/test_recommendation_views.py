"""The recommendation pages as their users see them."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.oversight import kinds
from danvan.oversight.models import RecommendationStatus
from danvan.oversight.recommendations import services
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def overdue(cast, ov, recommend):
    return recommend(
        actor=ov.organiser,
        issuer=ov.home_affairs,
        source_kind=kinds.INSPECTION,
        issued_on=TODAY - dt.timedelta(days=60),
        due_date=TODAY - dt.timedelta(days=2),
        text="Công khai quy trình giải quyết thủ tục đất đai",
    )


def detail(rec):
    return reverse("oversight:recommendation-detail", args=[rec.pk])


class TestAnswering:
    def test_the_addressee_answers_with_a_file(self, cast, ov, overdue, client_for):
        client = client_for(cast.official_a)
        page = client.get(detail(overdue))
        assert page.status_code == 200
        body = page.content.decode()
        assert "Overdue: the deadline was" in body
        assert "Answer for your unit" in body
        response = client.post(
            reverse("oversight:recommendation-answer", args=[overdue.pk]),
            {
                "answer-kind": "done",
                "answer-text": "Đã niêm yết quy trình tại trụ sở",
                "answer-files": SimpleUploadedFile("anh.pdf", PDF, content_type="application/pdf"),
            },
            follow=True,
        )
        body = response.content.decode()
        assert "Your answer was sent to the issuer." in body
        assert "anh.pdf" in body
        assert "After the deadline" in body
        overdue.refresh_from_db()
        assert overdue.status == RecommendationStatus.ANSWERED

    def test_an_empty_answer_shows_the_error_beside_the_field(self, cast, overdue, client_for):
        response = client_for(cast.official_a).post(
            reverse("oversight:recommendation-answer", args=[overdue.pk]),
            {"answer-kind": "done", "answer-text": ""},
        )
        assert response.status_code == 200
        assert "This field is required." in response.content.decode()
        overdue.refresh_from_db()
        assert overdue.status == RecommendationStatus.OVERDUE

    def test_an_answer_after_closure_says_why_and_saves_nothing(
        self, cast, ov, overdue, client_for
    ):
        services.recommendation_answer(
            actor=cast.official_a, recommendation=overdue, kind="done", text="Xong"
        )
        services.recommendation_verify(actor=ov.organiser, recommendation=overdue)
        response = client_for(cast.official_a).post(
            reverse("oversight:recommendation-answer", args=[overdue.pk]),
            {"answer-kind": "done", "answer-text": "Lại"},
        )
        assert "it can no longer be answered" in response.content.decode()
        assert overdue.answers.count() == 1

    def test_the_issuer_verifies(self, cast, ov, overdue, client_for):
        services.recommendation_answer(
            actor=cast.official_a, recommendation=overdue, kind="done", text="Xong"
        )
        client = client_for(ov.organiser)
        assert "Verify the answer" in client.get(detail(overdue)).content.decode()
        response = client.post(
            reverse("oversight:recommendation-verify", args=[overdue.pk]),
            {"verify-note": "Đã kiểm tra thực tế"},
            follow=True,
        )
        assert "The answer was verified and the recommendation closed." in response.content.decode()
        overdue.refresh_from_db()
        assert overdue.status == RecommendationStatus.DONE

    def test_returning_needs_a_reason(self, cast, ov, overdue, client_for):
        services.recommendation_answer(
            actor=cast.official_a, recommendation=overdue, kind="done", text="Xong"
        )
        response = client_for(ov.organiser).post(
            reverse("oversight:recommendation-return", args=[overdue.pk]), {"return-note": ""}
        )
        assert "This field is required." in response.content.decode()
        overdue.refresh_from_db()
        assert overdue.status == RecommendationStatus.ANSWERED


class TestEditing:
    def test_moving_the_deadline(self, ov, overdue, client_for):
        client = client_for(ov.organiser)
        url = reverse("oversight:recommendation-update", args=[overdue.pk])
        form = client.get(url)
        assert form.status_code == 200
        later = (TODAY + dt.timedelta(days=10)).strftime("%d/%m/%Y")
        response = client.post(
            url,
            {"text": overdue.text, "due_date": later, "version": overdue.version},
            follow=True,
        )
        assert "The changes were saved." in response.content.decode()
        overdue.refresh_from_db()
        assert overdue.status == RecommendationStatus.OPEN

    def test_a_deadline_before_the_conclusion_is_shown_beside_the_field(
        self, ov, overdue, client_for
    ):
        before = (overdue.issued_on - dt.timedelta(days=1)).strftime("%d/%m/%Y")
        response = client_for(ov.organiser).post(
            reverse("oversight:recommendation-update", args=[overdue.pk]),
            {"text": overdue.text, "due_date": before, "version": overdue.version},
        )
        assert "cannot be before the date of the recommendation" in response.content.decode()
        overdue.refresh_from_db()
        assert overdue.due_date == TODAY - dt.timedelta(days=2)

    def test_the_addressee_cannot_edit(self, cast, overdue, client_for):
        url = reverse("oversight:recommendation-update", args=[overdue.pk])
        assert client_for(cast.official_a).get(url).status_code == 403


class TestLists:
    def test_list_filters_and_red_rows(self, cast, ov, overdue, recommend, client_for):
        recommend()
        client = client_for(cast.province_officer)
        body = client.get(reverse("oversight:recommendation-list")).content.decode()
        assert "Công khai quy trình giải quyết thủ tục đất đai" in body
        assert 'class="rec-overdue"' in body
        only = client.get(reverse("oversight:recommendation-list") + "?status=overdue&q=dat dai")
        assert "Niêm yết công khai" not in only.content.decode()

    def test_excel_of_the_list(self, cast, overdue, client_for):
        response = client_for(cast.official_a).get(reverse("oversight:recommendation-export"))
        assert response.status_code == 200
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[1][1] == "Công khai quy trình giải quyết thủ tục đất đai"
        assert rows[1][11] == "Yes"
        assert sheet.cell(row=2, column=10).number_format == "dd/mm/yyyy"

    def test_inbox_and_dashboard_pages(self, cast, overdue, client_for):
        client = client_for(cast.official_a)
        inbox = client.get(reverse("oversight:recommendation-inbox")).content.decode()
        assert "Công khai quy trình giải quyết thủ tục đất đai" in inbox
        board = client.get(reverse("oversight:recommendation-dashboard"))
        assert board.status_code == 200
        assert "Follow-up of recommendations: Xã Trường Sơn" in board.content.decode()
        export = client.get(reverse("oversight:recommendation-dashboard-export"))
        assert load_workbook(BytesIO(export.content)).sheetnames[0] == "By issuer kind"

    def test_list_queries_do_not_grow_with_rows(
        self, cast, ov, recommend, client_for, django_assert_max_num_queries
    ):
        for index in range(12):
            recommend(text=f"Kiến nghị số {index}")
        client = client_for(cast.official_a)
        client.get(reverse("oversight:recommendation-list"))
        with django_assert_max_num_queries(12):
            client.get(reverse("oversight:recommendation-list"))
        with django_assert_max_num_queries(12):
            client.get(reverse("oversight:recommendation-inbox"))
