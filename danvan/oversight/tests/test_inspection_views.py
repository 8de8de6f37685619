"""The inspection pages for each role: organiser, team member, inspected unit."""

import datetime as dt
from io import BytesIO

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.audit.models import AuditEntry
from danvan.oversight.inspections import services
from danvan.oversight.models import Inspection, InspectionPlan, InspectionStatus
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def day(delta: int) -> str:
    return (TODAY + dt.timedelta(days=delta)).strftime("%d/%m/%Y")


def step(inspection, name):
    return reverse("oversight:inspection-step", args=[inspection.pk, name])


class TestOrganiser:
    def test_plan_then_unit_then_team_then_notice(self, cast, ov, province_task, client_for):
        client = client_for(ov.organiser)
        assert client.get(reverse("oversight:plan-create")).status_code == 200
        response = client.post(
            reverse("oversight:plan-create"),
            {
                "unit": ov.home_affairs.pk,
                "title": "Kế hoạch kiểm tra cải cách hành chính",
                "period_start": day(-10),
                "period_end": day(50),
                "topics": [ov.topic.pk],
                "task_assignment": province_task.pk,
            },
            follow=True,
        )
        assert "The inspection plan was created." in response.content.decode()
        plan = InspectionPlan.objects.get()
        assert plan.task_assignment == province_task
        response = client.post(
            reverse("oversight:plan-detail", args=[plan.pk]),
            {
                "form": "add",
                "add-unit": cast.tree.commune_a.pk,
                "add-starts_on": day(1),
                "add-ends_on": day(5),
            },
            follow=True,
        )
        inspection = Inspection.objects.get()
        assert "Xã Trường Sơn" in response.content.decode()
        client.post(
            step(inspection, "member"), {"member-user": ov.invited.pk, "member-role": "member"}
        )
        assert inspection.members.get().user == ov.invited
        response = client.post(
            step(inspection, "notice"),
            {
                "notice-notice_number": "15/TB-SNV",
                "notice-notice_date": day(0),
                "notice-notice_text": "Chuẩn bị báo cáo",
                "notice-files": SimpleUploadedFile(
                    "thong-bao.pdf", PDF, content_type="application/pdf"
                ),
            },
            follow=True,
        )
        assert "The unit was notified." in response.content.decode()
        inspection.refresh_from_db()
        assert inspection.status == InspectionStatus.NOTIFIED

    def test_a_plan_with_the_end_before_the_start_shows_the_error(self, ov, client_for):
        response = client_for(ov.organiser).post(
            reverse("oversight:plan-create"),
            {
                "unit": ov.home_affairs.pk,
                "title": "X",
                "period_start": day(10),
                "period_end": day(1),
            },
        )
        assert "The last day cannot be before the first day." in response.content.decode()
        assert not InspectionPlan.objects.exists()

    def test_conclusion_docx_in_the_departments_format(self, cast, ov, concluded, client_for):
        services.inspection_recommend(
            actor=ov.organiser,
            inspection=concluded,
            text="Rút ngắn thời gian trả kết quả",
            due_date=TODAY + dt.timedelta(days=30),
        )
        response = client_for(ov.organiser).get(
            reverse("oversight:inspection-conclusion-docx", args=[concluded.pk])
        )
        assert response.status_code == 200
        text = "\n".join(p.text for p in docx.Document(BytesIO(response.content)).paragraphs)
        body = text + "\n".join(
            cell.text
            for table in docx.Document(BytesIO(response.content)).tables
            for row in table.rows
            for cell in row.cells
        )
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
        assert "SỞ NỘI VỤ TỈNH QUẢNG TRỊ" in body
        assert "Số: 07/TB-SNV" in body
        assert "THÔNG BÁO" in text
        assert "KIẾN NGHỊ" in text
        assert "Rút ngắn thời gian trả kết quả" in text
        assert "Đinh Thị Mời" not in text  # the team's head is named, not every member
        assert "Ngô Văn Kiểm làm Trưởng đoàn" in text

    def test_issuing_the_conclusion_is_for_a_leader(self, ov, director, notified, client_for):
        page = client_for(ov.organiser).get(
            reverse("oversight:inspection-detail", args=[notified.pk])
        )
        assert "Issue the conclusion" not in page.content.decode()
        page = client_for(director).get(reverse("oversight:inspection-detail", args=[notified.pk]))
        assert "Issue the conclusion" in page.content.decode()
        response = client_for(director).post(
            step(notified, "conclusion"),
            {
                "conclusion-conclusion_number": "abc",
                "conclusion-conclusion_symbol": "TB-SNV",
                "conclusion-conclusion_date": day(0),
                "conclusion-conclusion_text": "Kết luận",
                "conclusion-version": notified.version,
            },
        )
        assert "The number is written in digits" in response.content.decode()
        notified.refresh_from_db()
        assert notified.status == InspectionStatus.NOTIFIED

    def test_a_recommendation_with_a_deadline_before_the_conclusion(
        self, cast, ov, concluded, client_for
    ):
        response = client_for(ov.organiser).post(
            step(concluded, "recommend"),
            {
                "rec-addressee": cast.tree.commune_a.pk,
                "rec-text": "Khắc phục",
                "rec-due_date": day(-1),
            },
        )
        assert "cannot be before the date of the conclusion" in response.content.decode()

    def test_lists_and_excel(self, ov, notified, client_for):
        client = client_for(ov.organiser)
        assert "Xã Trường Sơn" in client.get(reverse("oversight:inspection-list")).content.decode()
        assert client.get(reverse("oversight:plan-list")).status_code == 200
        sheet = load_workbook(
            BytesIO(client.get(reverse("oversight:inspection-export")).content)
        ).active
        assert sheet.cell(row=2, column=3).value == "Xã Trường Sơn"
        report = client.get(reverse("oversight:plan-report", args=[notified.plan_id]))
        assert "BÁO CÁO" in "\n".join(
            p.text for p in docx.Document(BytesIO(report.content)).paragraphs
        )


class TestTeamMember:
    def test_reads_during_the_inspection_audited(self, ov, notified, client_for):
        client = client_for(ov.invited)
        page = client.get(reverse("oversight:inspection-detail", args=[notified.pk]))
        assert page.status_code == 200
        body = page.content.decode()
        assert "You are on this team" in body
        assert "Notify the unit" not in body and "Add a working record" not in body
        assert (
            "My inspection teams"
            in client.get(reverse("oversight:inspection-list")).content.decode()
        )
        assert AuditEntry.objects.filter(action="inspection.read", actor=ov.invited).count() == 1

    def test_after_the_inspection_ended_a_clear_404(self, ov, notified, client_for):
        notified.members.filter(user=ov.invited).update(valid_until=TODAY - dt.timedelta(days=1))
        response = client_for(ov.invited).get(
            reverse("oversight:inspection-detail", args=[notified.pk])
        )
        assert response.status_code == 404
        assert "Your place on this inspection team ended on" in response.content.decode()
        response = client_for(ov.invited).post(
            step(notified, "record"), {"record-held_on": day(0), "record-content": "x"}
        )
        assert response.status_code == 404
        assert not notified.records.exists()


class TestInspectedUnit:
    def test_sends_its_self_report(self, cast, notified, client_for):
        client = client_for(cast.official_a)
        page = client.get(reverse("oversight:inspection-detail", args=[notified.pk]))
        assert "Send the self-report" in page.content.decode()
        response = client.post(
            step(notified, "self"),
            {
                "self-text": "Xã đã thực hiện",
                "self-files": SimpleUploadedFile("bc.pdf", PDF, content_type="application/pdf"),
            },
            follow=True,
        )
        assert "The self-report was sent." in response.content.decode()
        assert "bc.pdf" in response.content.decode()

    def test_cannot_record_for_the_team(self, cast, notified, client_for):
        response = client_for(cast.official_a).post(
            step(notified, "record"), {"record-held_on": day(0), "record-content": "x"}
        )
        assert response.status_code == 403
        assert not notified.records.exists()
