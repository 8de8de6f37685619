"""Inspections from the plan to the conclusion: the team's time-boxed access, the steps, the
task of the province's plan that follows them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.notifications.models import Notification
from danvan.oversight.inspections import selectors, services
from danvan.oversight.models import (
    FindingKind,
    InspectionStatus,
    Recommendation,
    TeamMember,
    TeamRole,
)
from danvan.oversight.recommendations import selectors as rec_selectors
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="tu-kiem-tra.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class TestPlan:
    def test_a_unit_outside_the_organisers_reach_cannot_be_inspected(
        self, cast, ov, inspection_plan
    ):
        with pytest.raises(ValidationFailed) as error:
            services.inspection_add(
                actor=ov.organiser,
                plan=inspection_plan,
                unit=cast.tree.other_commune,
                starts_on=TODAY,
                ends_on=TODAY,
            )
        assert error.value.code == "unit_out_of_reach"
        assert not inspection_plan.inspections.exists()

    def test_dates_outside_the_plan_are_refused(self, cast, ov, inspection_plan):
        with pytest.raises(ValidationFailed) as error:
            services.inspection_add(
                actor=ov.organiser,
                plan=inspection_plan,
                unit=cast.tree.commune_b,
                starts_on=TODAY,
                ends_on=TODAY + dt.timedelta(days=90),
            )
        assert error.value.field == "ends_on"

    def test_another_commune_cannot_plan_in_the_departments_name(self, cast, ov):
        with pytest.raises(NotFoundError):
            services.inspection_plan_create(
                actor=cast.official_b,
                unit=ov.home_affairs,
                title="x",
                period_start=TODAY,
                period_end=TODAY,
            )

    def test_a_task_of_another_unit_cannot_be_fulfilled(self, cast, ov, province_task):
        with pytest.raises(ValidationFailed) as error:
            services.inspection_plan_create(
                actor=cast.official_a,
                unit=cast.tree.commune_a,
                title="Kiểm tra thôn",
                period_start=TODAY,
                period_end=TODAY,
                task_assignment=province_task,
            )
        assert error.value.field == "task_assignment"


class TestTeam:
    def test_the_invited_officer_reads_during_the_inspection_each_read_audited(
        self, cast, ov, inspection_plan, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            inspection = services.inspection_add(
                actor=ov.organiser,
                plan=inspection_plan,
                unit=cast.tree.commune_b,
                starts_on=TODAY - dt.timedelta(days=1),
                ends_on=TODAY + dt.timedelta(days=1),
            )
            services.team_member_add(
                actor=ov.organiser, inspection=inspection, user=ov.invited, role=TeamRole.MEMBER
            )
        notified = inspection
        assert selectors.get_inspection_for(ov.invited, notified.pk) == notified
        selectors.get_inspection_for(ov.invited, notified.pk)
        reads = AuditEntry.objects.filter(action="inspection.read", actor=ov.invited)
        assert reads.count() == 2
        # the organiser's own reads are not "reads by a member from another unit"
        selectors.get_inspection_for(ov.organiser, notified.pk)
        assert AuditEntry.objects.filter(action="inspection.read").count() == 2
        notice = Notification.objects.get(recipient=ov.invited)
        assert "you can read it from" in notice.title

    def test_and_no_longer(self, ov, notified):
        notified.members.filter(user=ov.invited).update(valid_until=TODAY - dt.timedelta(days=1))
        with pytest.raises(NotFoundError) as error:
            selectors.get_inspection_for(ov.invited, notified.pk)
        assert "ended on" in str(error.value.message)
        assert rec_selectors.recommendation_queryset(ov.invited).count() == 0

    def test_nor_before_it_starts(self, ov, notified):
        notified.members.filter(user=ov.invited).update(valid_from=TODAY + dt.timedelta(days=1))
        with pytest.raises(NotFoundError):
            selectors.get_inspection_for(ov.invited, notified.pk)

    def test_a_member_reads_but_does_not_record(self, ov, notified):
        with pytest.raises(PermissionDeniedError):
            services.working_record_add(
                actor=ov.invited, inspection=notified, held_on=TODAY, content="Làm việc"
            )

    def test_the_head_records_only_during_the_inspection(self, cast, ov, notified):
        head = TeamMember.objects.get(inspection=notified, role=TeamRole.HEAD)
        head.user = cast.official_b  # a head from elsewhere, with no grant over the department
        head.save()
        record = services.working_record_add(
            actor=cast.official_b,
            inspection=notified,
            held_on=TODAY,
            content="Làm việc tại xã",
            files=[pdf("bien-ban.pdf")],
        )
        assert record.documents.get().original_name == "bien-ban.pdf"
        TeamMember.objects.filter(pk=head.pk).update(valid_until=TODAY - dt.timedelta(days=1))
        notified.refresh_from_db()
        with pytest.raises(PermissionDeniedError) as error:
            services.working_record_add(
                actor=cast.official_b, inspection=notified, held_on=TODAY, content="Thêm"
            )
        assert "has ended" in str(error.value.message)
        assert notified.records.count() == 1

    def test_one_head_only(self, cast, ov, inspection):
        with pytest.raises(ValidationFailed) as error:
            services.team_member_add(
                actor=ov.organiser, inspection=inspection, user=cast.official_a, role=TeamRole.HEAD
            )
        assert error.value.code == "one_head"

    def test_new_dates_move_the_teams_windows(self, ov, inspection):
        services.inspection_reschedule(
            actor=ov.organiser,
            inspection=inspection,
            starts_on=TODAY + dt.timedelta(days=1),
            ends_on=TODAY + dt.timedelta(days=9),
        )
        member = inspection.members.get(user=ov.invited)
        assert (member.valid_from, member.valid_until) == (
            TODAY + dt.timedelta(days=1),
            TODAY + dt.timedelta(days=9),
        )


class TestSteps:
    def test_the_inspected_unit_sees_it_once_notified(
        self, cast, ov, inspection, django_capture_on_commit_callbacks
    ):
        with pytest.raises(NotFoundError):
            selectors.get_inspection_for(cast.official_a, inspection.pk)
        with django_capture_on_commit_callbacks(execute=True):
            services.inspection_notify(
                actor=ov.organiser,
                inspection=inspection,
                notice_number="15/TB-SNV",
                notice_date=TODAY - dt.timedelta(days=6),
            )
        assert selectors.get_inspection_for(cast.official_a, inspection.pk) == inspection
        assert Notification.objects.filter(
            recipient=cast.official_a, kind="oversight.inspection"
        ).exists()
        with pytest.raises(NotFoundError):
            selectors.get_inspection_for(cast.official_b, inspection.pk)

    def test_a_notice_after_the_start_is_refused(self, ov, inspection):
        with pytest.raises(ValidationFailed) as error:
            services.inspection_notify(
                actor=ov.organiser,
                inspection=inspection,
                notice_number="1",
                notice_date=TODAY,
            )
        assert error.value.field == "notice_date"
        inspection.refresh_from_db()
        assert inspection.status == InspectionStatus.PLANNED

    def test_self_report_with_files_by_the_inspected_unit_only(self, cast, ov, notified):
        with pytest.raises(PermissionDeniedError):
            services.self_report_submit(actor=cast.official_b, inspection=notified, text="x")
        services.self_report_submit(
            actor=cast.official_a, inspection=notified, text="Báo cáo tự kiểm tra", files=[pdf()]
        )
        notified.refresh_from_db()
        assert notified.status == InspectionStatus.IN_PROGRESS
        assert notified.documents.get().part == "self_report"

    def test_a_record_outside_the_inspection_dates(self, ov, notified):
        with pytest.raises(ValidationFailed) as error:
            services.working_record_add(
                actor=ov.organiser,
                inspection=notified,
                held_on=TODAY - dt.timedelta(days=10),
                content="x",
            )
        assert error.value.field == "held_on"

    def test_findings_reach_the_inspected_unit_with_the_conclusion(
        self, cast, ov, director, notified
    ):
        services.finding_add(
            actor=ov.organiser,
            inspection=notified,
            kind=FindingKind.SHORTCOMING,
            text="Trả kết quả chậm 12 hồ sơ",
        )
        detail = selectors.inspection_detail(cast.official_a, notified)
        assert detail["findings"] == []
        assert len(selectors.inspection_detail(ov.invited, notified)["findings"]) == 1
        services.inspection_conclude(
            actor=director,
            inspection=notified,
            conclusion_number="3",
            conclusion_symbol="TB-SNV",
            conclusion_date=TODAY,
            conclusion_text="Kết luận",
        )
        notified.refresh_from_db()
        assert len(selectors.inspection_detail(cast.official_a, notified)["findings"]) == 1


class TestConclusion:
    def test_only_a_leader_signs(self, ov, notified):
        with pytest.raises(PermissionDeniedError):
            services.inspection_conclude(
                actor=ov.organiser,
                inspection=notified,
                conclusion_number="1",
                conclusion_symbol="TB-SNV",
                conclusion_date=TODAY,
                conclusion_text="x",
            )

    def test_concluded_numbered_and_the_plans_task_follows(self, ov, concluded, province_task):
        assert concluded.status == InspectionStatus.CONCLUDED
        assert concluded.conclusion_code == "07/TB-SNV"
        province_task.refresh_from_db()
        assert (province_task.status, province_task.progress) == ("done", 100)
        update = province_task.updates.order_by("-id").first()
        assert "1 of 1 inspections concluded" in update.note

    def test_a_second_inspection_halves_the_progress(
        self, cast, ov, director, inspection, province_task
    ):
        services.inspection_add(
            actor=ov.organiser,
            plan=inspection.plan,
            unit=cast.tree.commune_b,
            starts_on=TODAY,
            ends_on=TODAY + dt.timedelta(days=3),
        )
        services.inspection_notify(
            actor=ov.organiser,
            inspection=inspection,
            notice_number="1",
            notice_date=TODAY - dt.timedelta(days=6),
        )
        services.inspection_conclude(
            actor=director,
            inspection=inspection,
            conclusion_number="8",
            conclusion_symbol="TB-SNV",
            conclusion_date=TODAY,
            conclusion_text="Kết luận",
        )
        province_task.refresh_from_db()
        assert (province_task.status, province_task.progress) == ("in_progress", 50)

    def test_the_same_number_twice_in_a_year(self, cast, ov, director, concluded):
        other = services.inspection_add(
            actor=ov.organiser,
            plan=concluded.plan,
            unit=cast.tree.commune_b,
            starts_on=TODAY - dt.timedelta(days=2),
            ends_on=TODAY,
        )
        services.inspection_notify(
            actor=ov.organiser,
            inspection=other,
            notice_number="2",
            notice_date=TODAY - dt.timedelta(days=3),
        )
        with pytest.raises(ConflictError) as error:
            services.inspection_conclude(
                actor=director,
                inspection=other,
                conclusion_number="07",
                conclusion_symbol="TB-SNV",
                conclusion_date=TODAY,
                conclusion_text="x",
            )
        assert error.value.code == "duplicate_number"

    def test_nothing_changes_after_the_conclusion(self, ov, concluded):
        with pytest.raises(ConflictError):
            services.finding_add(
                actor=ov.organiser, inspection=concluded, kind=FindingKind.STRENGTH, text="x"
            )


class TestRecommendations:
    def test_before_the_conclusion_there_is_nothing_to_recommend(self, ov, notified):
        with pytest.raises(ConflictError) as error:
            services.inspection_recommend(
                actor=ov.organiser,
                inspection=notified,
                text="x",
                due_date=TODAY + dt.timedelta(days=30),
            )
        assert error.value.code == "not_concluded"

    def test_a_deadline_before_the_conclusion(self, ov, concluded):
        with pytest.raises(ValidationFailed) as error:
            services.inspection_recommend(
                actor=ov.organiser,
                inspection=concluded,
                text="x",
                due_date=TODAY - dt.timedelta(days=1),
            )
        assert "before the date of the conclusion" in str(error.value.message)
        assert not Recommendation.objects.exists()

    def test_to_a_unit_outside_the_reach(self, cast, ov, concluded):
        with pytest.raises(ValidationFailed) as error:
            services.inspection_recommend(
                actor=ov.organiser,
                inspection=concluded,
                text="x",
                due_date=TODAY + dt.timedelta(days=30),
                addressee=cast.tree.other_commune,
            )
        assert error.value.code == "unit_out_of_reach"

    def test_issued_to_the_inspected_unit_seen_by_the_team_and_the_unit(self, cast, ov, concluded):
        rec = services.inspection_recommend(
            actor=ov.organiser,
            inspection=concluded,
            text="Rút ngắn thời gian trả kết quả",
            due_date=TODAY + dt.timedelta(days=30),
        )
        assert rec.addressee == cast.tree.commune_a
        assert rec.source == concluded
        assert rec.source_label.startswith("Thông báo kết luận kiểm tra số 07/TB-SNV")
        assert rec_selectors.get_recommendation_for(ov.invited, rec.pk) == rec
        assert rec_selectors.get_recommendation_for(cast.official_a, rec.pk) == rec
        with pytest.raises(NotFoundError):
            rec_selectors.get_recommendation_for(cast.official_b, rec.pk)


def test_the_results_report_is_reminded_until_recorded(ov, inspection_plan):
    from danvan.notifications import reminders
    from danvan.notifications.models import Notification
    from danvan.oversight.models import InspectionPlan

    InspectionPlan.objects.filter(pk=inspection_plan.pk).update(
        report_due=TODAY - dt.timedelta(days=1)
    )
    reminders.scan(keys=["oversight.plan_report"])
    notice = Notification.objects.get(kind="oversight.plan_report", recipient=ov.organiser)
    assert "not reported to UBND tỉnh Quảng Trị" in notice.title
    services.inspection_plan_reported(actor=ov.organiser, plan=inspection_plan, reported_on=TODAY)
    assert reminders.scan(keys=["oversight.plan_report"]).examined == 0


def test_recommendation_reminders_before_and_after(cast, ov, recommend):
    from danvan.notifications import reminders
    from danvan.notifications.models import Notification

    recommend(issued_on=TODAY - dt.timedelta(days=20), due_date=TODAY - dt.timedelta(days=1))
    reminders.scan(keys=["oversight.recommendation_due"])
    overdue = Notification.objects.filter(kind="oversight.recommendation_due")
    assert {n.recipient for n in overdue} >= {cast.official_a, ov.front_officer}
    assert all(n.title.startswith("Recommendation overdue since") for n in overdue)
