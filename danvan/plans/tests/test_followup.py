"""Assignees report their own status with notes and evidence; overdue is computed; the
cascade asks subordinate units for implementing plans and is fulfilled when they issue."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEntry
from danvan.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
)
from danvan.notifications.models import Notification
from danvan.plans import selectors, services
from danvan.plans.models import CascadeRequest, TaskAssignment, TaskEvidence, TaskUpdate
from danvan.plans.selectors import AssignmentFilters
from danvan.plans.tests.conftest import DUE, TODAY
from danvan.plans.tests.files import DOCX, EXE, JPG, PDF, PNG, XLSX, upload


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def lead_of(plan, cast) -> TaskAssignment:
    return TaskAssignment.objects.get(task__plan=plan, unit=cast.tree.ubnd_a)


def report(assignment, actor, **kwargs):
    kwargs.setdefault("status", "in_progress")
    kwargs.setdefault("progress", 40)
    return services.assignment_update_status(actor=actor, assignment=assignment, **kwargs)


# --- Status reports -------------------------------------------------------------------------


def test_the_assignee_reports_status_progress_note_and_files(issued_plan, cast):
    assignment = lead_of(issued_plan, cast)
    files = [
        upload("bao-cao.pdf", PDF),
        upload("Danh sách.xlsx", XLSX),
        upload("bien-ban.docx", DOCX),
        upload("anh.JPG", JPG),
        upload("anh2.png", PNG),
    ]
    update = report(assignment, cast.official_a, note="Đã tổ chức 3 hội nghị", files=files)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.progress) == ("in_progress", 40)
    assert update.note == "Đã tổ chức 3 hội nghị"
    kinds = sorted(update.evidence.values_list("kind", flat=True))
    assert kinds == ["docx", "jpg", "pdf", "png", "xlsx"]
    stored = update.evidence.get(kind="pdf")
    assert stored.original_name == "bao-cao.pdf"
    assert "bao-cao" not in stored.file.name  # stored under a random name
    assert stored.file.read() == PDF
    entry = AuditEntry.objects.get(action="plan.task_status_updated")
    assert entry.before == {"status": "not_started", "progress": 0}
    assert entry.after["files"] == [f.name for f in files]


def test_done_means_100_percent_and_settles_the_reminders(issued_plan, cast):
    assignment = lead_of(issued_plan, cast)
    Notification.objects.create(
        recipient=cast.official_a,
        kind="plans.task",
        title="Sắp đến hạn",
        dedup_key=f"plans.task:{assignment.pk}:before1:{DUE.isoformat()}",
    )
    report(assignment, cast.official_a, status="done", progress=None)
    assignment.refresh_from_db()
    assert assignment.progress == 100
    assert Notification.objects.get(kind="plans.task").read_at is not None


@pytest.mark.parametrize(
    ("status", "progress", "field"),
    [
        ("finished", 10, "status"),
        ("overdue", 10, "status"),  # overdue is computed, never reported
        ("in_progress", 101, "progress"),
        ("in_progress", -5, "progress"),
        ("in_progress", "abc", "progress"),
        ("not_started", 20, "progress"),
    ],
)
def test_bad_status_reports_are_refused(issued_plan, cast, status, progress, field):
    assignment = lead_of(issued_plan, cast)
    with pytest.raises(ValidationFailed) as error:
        report(assignment, cast.official_a, status=status, progress=progress)
    assert error.value.field == field
    assert not TaskUpdate.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("virus.pdf", EXE, "file_disguised", "not really a PDF document"),
        ("anh.png", JPG, "file_disguised", "not really a PNG picture"),
        ("bang.xlsx", DOCX, "file_disguised", "not really a Excel workbook"),
        ("van-ban.docx", b"PK\x03\x04broken", "file_disguised", "content does not match"),
        ("chuong-trinh.exe", EXE, "file_type", "only PDF, Word (.docx)"),
        ("cu.doc", b"\xd0\xcf\x11\xe0", "file_type", "cannot be attached"),
        ("rong.pdf", b"", "file_empty", "is empty"),
    ],
)
def test_a_disguised_or_unaccepted_file_is_refused_and_nothing_saved(
    issued_plan, cast, name, content, code, words
):
    assignment = lead_of(issued_plan, cast)
    with pytest.raises(ValidationFailed) as error:
        report(assignment, cast.official_a, files=[upload("tot.pdf", PDF), upload(name, content)])
    assert error.value.code == code
    assert name in str(error.value.message)
    assert words in str(error.value.message)
    assignment.refresh_from_db()
    assert assignment.status == "not_started"
    assert not TaskUpdate.objects.exists()
    assert not TaskEvidence.objects.exists()


def test_a_file_over_10_mb_is_refused(issued_plan, cast):
    big = upload("lon.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationFailed) as error:
        report(lead_of(issued_plan, cast), cast.official_a, files=[big])
    assert error.value.code == "file_too_large"
    assert "at most 10,0" in str(error.value.message)


def test_only_the_assignee_side_reports(make_plan, make_task, province_plan, cast):
    from danvan.accounts.models import Role
    from danvan.accounts.tests.factories import UserFactory, grant

    # An official of the commune's People's Committee writes a plan for a village.
    committee_official = UserFactory(home_unit=cast.tree.ubnd_a)
    grant(committee_official, Role.OFFICIAL, cast.tree.ubnd_a)
    plan = make_plan(unit=cast.tree.ubnd_a, actor=committee_official)
    make_task(plan, actor=committee_official, lead=cast.tree.village_a)
    services.plan_issue(
        actor=cast.leader_a, plan=plan, number="5", symbol="KH-UBND", issued_on=TODAY
    )
    village_part = TaskAssignment.objects.get(task__plan=plan)
    with pytest.raises(PermissionDeniedError):  # the issuer sees the village's part…
        report(village_part, committee_official)
    with pytest.raises(NotFoundError):  # …another province does not even see it
        report(village_part, cast.other_province_officer)
    commune_b_part = TaskAssignment.objects.get(task__plan=province_plan)
    with pytest.raises(NotFoundError):
        report(commune_b_part, cast.official_a)
    report(commune_b_part, cast.official_b)  # commune B reports its own part
    report(village_part, cast.official_a)  # the commune reports for its village
    assert TaskUpdate.objects.count() == 2


def test_no_report_on_a_draft(draft_plan, cast):
    with pytest.raises(ConflictError):
        report(lead_of(draft_plan, cast), cast.official_a)


# --- Overdue, computed ----------------------------------------------------------------------


def test_overdue_is_computed_from_the_deadline_and_never_stored(issued_plan, cast):
    assignment = lead_of(issued_plan, cast)
    mine = AssignmentFilters()
    assert not selectors.my_assignments(cast.official_a, mine).get(pk=assignment.pk).is_overdue
    later = DUE + dt.timedelta(days=1)
    assert selectors.overdue_assignments(cast.leader_a, today=later).filter(pk=assignment.pk)
    assert not selectors.overdue_assignments(cast.leader_a, today=DUE).exists()
    report(assignment, cast.official_a, status="done")
    assert not selectors.overdue_assignments(cast.leader_a, today=later).filter(pk=assignment.pk)


def test_the_overdue_page_covers_the_whole_subtree(issued_plan, province_plan, cast):
    later = DUE + dt.timedelta(days=1)
    province_sees = selectors.overdue_assignments(cast.province_officer, today=later)
    units = set(province_sees.values_list("unit__name", flat=True))
    assert units == {"UBND xã Trường Sơn", "Thôn Đông", "Xã Kim Phú"}
    commune_a_sees = selectors.overdue_assignments(cast.leader_a, today=later)
    assert set(commune_a_sees.values_list("unit__name", flat=True)) == {
        "UBND xã Trường Sơn",
        "Thôn Đông",
    }
    assert not selectors.overdue_assignments(cast.other_province_officer, today=later).exists()


def test_the_overdue_pages_walk_every_overdue_assignment_once_in_deadline_order(
    issued_plan, province_plan, cast
):
    later = DUE + dt.timedelta(days=1)
    qs = selectors.overdue_assignments(cast.province_officer, today=later)
    expected = list(qs.order_by("task__due_date", "id").values_list("id", flat=True))
    assert len(expected) == 3
    seen, cursor = [], None
    for _page in range(10):
        page = selectors.deadline_page(qs, cursor, 1, all_overdue=True)
        seen += [a.pk for a in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == expected


# --- Cascade --------------------------------------------------------------------------------


def test_cascade_asks_units_and_is_fulfilled_when_they_issue(province_plan, make_plan, cast):
    requests = services.plan_cascade(
        actor=cast.province_officer,
        plan=province_plan,
        units=[cast.tree.commune_a, cast.tree.commune_b],
        due_date=DUE,
    )
    assert {r.unit for r in requests} == {cast.tree.commune_a, cast.tree.commune_b}
    assert Notification.objects.filter(kind="plans.cascade", recipient=cast.leader_a).exists()
    # Commune A now sees the province's plan and implements it with a plan of its own.
    assert selectors.get_plan_for(cast.official_a, province_plan.pk) == province_plan
    own = make_plan(actor=cast.official_a, parent_plan=province_plan)
    rows = {row.unit.pk: row for row in selectors.cascade_dashboard(province_plan)}
    assert rows[cast.tree.commune_a.pk].state == "missing"
    assert rows[cast.tree.commune_a.pk].draft_exists
    services.plan_issue(
        actor=cast.leader_a, plan=own, number="7", symbol="KH-UBND", issued_on=TODAY
    )
    request = CascadeRequest.objects.get(unit=cast.tree.commune_a)
    assert request.implementing_plan == own
    rows = {row.unit.pk: row for row in selectors.cascade_dashboard(province_plan)}
    assert rows[cast.tree.commune_a.pk].state == "issued"
    assert rows[cast.tree.commune_b.pk].state == "missing"
    assert rows[cast.tree.commune_b.pk].tasks == 1
    late = selectors.cascade_dashboard(province_plan, today=DUE + dt.timedelta(days=1))
    assert {row.unit.pk: row.state for row in late}[cast.tree.commune_b.pk] == "late"


def test_cascade_validations(province_plan, issued_plan, cast):
    with pytest.raises(ValidationFailed) as error:
        services.plan_cascade(
            actor=cast.province_officer, plan=province_plan, units=[cast.tree.other_commune]
        )
    assert error.value.code == "unit_out_of_reach"
    with pytest.raises(ValidationFailed):
        services.plan_cascade(actor=cast.province_officer, plan=province_plan, units=[])
    with pytest.raises(ValidationFailed) as error:
        services.plan_cascade(
            actor=cast.province_officer,
            plan=province_plan,
            units=[cast.tree.commune_a],
            due_date=TODAY - dt.timedelta(days=1),
        )
    assert error.value.code == "deadline_before_issue"
    with pytest.raises(PermissionDeniedError):
        services.plan_cascade(actor=cast.official_a, plan=issued_plan, units=[cast.tree.ubnd_a])
    assert not CascadeRequest.objects.exists()
