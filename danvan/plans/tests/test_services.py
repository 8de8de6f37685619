"""Writing plans: drafts, issue, amendments, tasks, and every "bad input" of the issue."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEntry
from danvan.core.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
)
from danvan.plans import services
from danvan.plans.models import (
    STANDARD_SECTIONS,
    Plan,
    PlanAmendment,
    PlanStatus,
    Task,
    TaskAssignment,
)
from danvan.plans.tests.conftest import DUE, TODAY, YEAR


def counts():
    return (
        Plan.objects.count(),
        Task.objects.count(),
        TaskAssignment.objects.count(),
        AuditEntry.objects.count(),
    )


# --- Drafts ---------------------------------------------------------------------------------


def test_a_new_plan_is_a_draft_with_the_three_standard_sections(make_plan, cast):
    plan = make_plan(title="  Kế hoạch dân vận khéo  ")
    assert plan.status == PlanStatus.DRAFT
    assert plan.title == "Kế hoạch dân vận khéo"
    assert plan.title_folded == "ke hoach dan van kheo"
    assert [(s.numeral, s.title) for s in plan.sections.all()] == list(STANDARD_SECTIONS)
    assert AuditEntry.objects.filter(action="plan.created", object_id=str(plan.pk)).exists()


def test_a_plan_needs_a_title_and_an_ordered_period(make_plan):
    before = counts()
    with pytest.raises(ValidationFailed) as error:
        make_plan(title="   ")
    assert error.value.field == "title"
    with pytest.raises(ValidationFailed) as error:
        make_plan(period_start=2026, period_end=2025)
    assert error.value.field == "period_end"
    assert "ends before it starts" in str(error.value.message)
    assert counts() == before


def test_only_someone_managing_the_unit_creates_its_plans(make_plan, cast):
    with pytest.raises(NotFoundError):
        make_plan(actor=cast.official_b)
    viewer_province = cast.other_province_officer
    with pytest.raises(NotFoundError):
        make_plan(actor=viewer_province)
    assert not Plan.objects.exists()


def test_a_draft_header_changes_and_is_audited(make_plan, cast):
    plan = make_plan()
    services.plan_update(actor=cast.official_a, plan=plan, title="Tiêu đề mới", place="Trường Sơn")
    plan.refresh_from_db()
    assert (plan.title, plan.place) == ("Tiêu đề mới", "Trường Sơn")
    entry = AuditEntry.objects.get(action="plan.updated")
    assert entry.before["title"] == "Kế hoạch công tác dân vận năm"
    assert entry.after["place"] == "Trường Sơn"


def test_shrinking_the_period_cannot_strand_a_deadline(draft_plan, cast):
    with pytest.raises(ValidationFailed) as error:
        services.plan_update(
            actor=cast.official_a,
            plan=draft_plan,
            period_start=YEAR - 5,
            period_end=YEAR - 4,
        )
    assert "outside the plan's period" in str(error.value.message)
    draft_plan.refresh_from_db()
    assert draft_plan.period_end == YEAR + 1


# --- Tasks ----------------------------------------------------------------------------------


def test_a_task_has_lead_and_supporting_units(draft_plan, cast):
    task = draft_plan.tasks.get()
    roles = dict(task.assignments.values_list("unit_id", "role"))
    assert roles == {cast.tree.ubnd_a.pk: "lead", cast.tree.village_a.pk: "support"}
    assert task.next_due == DUE


def test_a_task_with_no_lead_unit_is_refused_and_nothing_saved(draft_plan, cast):
    before = counts()
    with pytest.raises(ValidationFailed) as error:
        services.task_create(
            actor=cast.official_a,
            plan=draft_plan,
            section=None,
            content="Nhiệm vụ không có đơn vị chủ trì",
            lead_units=[],
            support_units=[cast.tree.village_a],
        )
    assert error.value.code == "no_lead_unit"
    assert error.value.field == "lead_units"
    assert "at least one lead unit" in str(error.value.message)
    assert counts() == before


def test_a_unit_outside_the_issuers_reach_is_refused(draft_plan, make_task, cast):
    before = counts()
    for outsider in (cast.tree.commune_b, cast.tree.other_commune, cast.tree.province):
        with pytest.raises(ValidationFailed) as error:
            make_task(draft_plan, lead=outsider)
        assert error.value.code == "unit_out_of_reach"
        assert outsider.name in str(error.value.message)
        assert "Xã Trường Sơn" in str(error.value.message)
    with pytest.raises(ValidationFailed) as error:
        make_task(draft_plan, support=[cast.tree.commune_b])
    assert error.value.field == "support_units"
    assert counts() == before


def test_a_province_plan_reaches_the_provinces_departments_and_communes(make_plan, make_task, cast):
    plan = make_plan(unit=cast.tree.ubnd_province, actor=cast.province_officer)
    task = make_task(
        plan, actor=cast.province_officer, lead=cast.tree.commune_a, support=[cast.tree.ubnd_a]
    )
    assert task.assignments.count() == 2
    with pytest.raises(ValidationFailed):
        make_task(plan, actor=cast.province_officer, lead=cast.tree.other_commune)


def test_deadlines_out_of_the_period_are_refused(draft_plan, make_task):
    before = counts()
    with pytest.raises(ValidationFailed) as error:
        make_task(draft_plan, deadline_kind="date", due_date=dt.date(YEAR + 3, 1, 10))
    assert error.value.code == "deadline_out_of_period"
    assert error.value.field == "due_date"
    assert f"10/01/{YEAR + 3}" in str(error.value.message)
    with pytest.raises(ValidationFailed) as error:
        make_task(draft_plan, deadline_kind="date", due_date=None)
    assert error.value.field == "due_date"
    assert counts() == before


def test_a_deadline_before_the_issue_date_is_refused(issued_plan, make_task, cast):
    before = counts()
    with pytest.raises(ValidationFailed) as error:
        make_task(
            issued_plan,
            actor=cast.leader_a,
            deadline_kind="date",
            due_date=TODAY - dt.timedelta(days=1),
            reason="Bổ sung nhiệm vụ",
        )
    assert error.value.code == "deadline_before_issue"
    assert "before the plan's issue date" in str(error.value.message)
    assert counts() == before


def test_issuing_refuses_a_task_due_before_the_issue_date(make_plan, make_task, cast):
    plan = make_plan()
    make_task(plan, deadline_kind="date", due_date=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationFailed) as error:
        services.plan_issue(
            actor=cast.leader_a, plan=plan, number="3", symbol="KH-UBND", issued_on=TODAY
        )
    assert error.value.code == "deadline_before_issue"
    assert "task 1" in str(error.value.message)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_recurring_deadlines_keep_their_next_occurrence(draft_plan, make_task):
    task = make_task(draft_plan, deadline_kind="recurring", recurrence="01/11, 10/6")
    assert task.recurrence == [[10, 6], [1, 11]]
    expected = min(
        d
        for d in (
            dt.date(YEAR, 6, 10),
            dt.date(YEAR, 11, 1),
            dt.date(YEAR + 1, 6, 10),
        )
        if d >= TODAY
    )
    assert task.next_due == expected
    with pytest.raises(ValidationFailed) as error:
        make_task(draft_plan, deadline_kind="recurring", recurrence="31/2")
    assert "31/02" in str(error.value.message)


def test_recurring_deadlines_roll_forward_and_stop_after_the_period(draft_plan, make_task):
    task = make_task(draft_plan, deadline_kind="recurring", recurrence="10/6")
    Task.objects.filter(pk=task.pk).update(next_due=dt.date(YEAR - 1, 6, 10))
    assert services.recurring_deadlines_roll(today=dt.date(YEAR, 6, 11)) == 1
    task.refresh_from_db()
    assert task.next_due == dt.date(YEAR + 1, 6, 10)
    assert services.recurring_deadlines_roll(today=dt.date(YEAR, 6, 11)) == 0
    services.recurring_deadlines_roll(today=dt.date(YEAR + 1, 6, 11))
    task.refresh_from_db()
    assert task.next_due is None  # the plan's period is over


def test_a_unit_named_lead_and_support_is_refused(draft_plan, make_task, cast):
    with pytest.raises(ValidationFailed) as error:
        make_task(draft_plan, lead=cast.tree.ubnd_a, support=[cast.tree.ubnd_a])
    assert "both lead and support" in str(error.value.message)


def test_updating_a_task_moves_its_assignees(draft_plan, cast):
    task = draft_plan.tasks.get()
    services.task_update(
        actor=cast.official_a,
        task=task,
        content="Nội dung đã sửa",
        lead_units=[cast.tree.village_a],
        support_units=[],
        deadline_kind="none",
    )
    assert dict(task.assignments.values_list("unit_id", "role")) == {cast.tree.village_a.pk: "lead"}
    entry = AuditEntry.objects.get(action="plan.task_updated")
    assert entry.before["lead_units"] == [cast.tree.ubnd_a.pk]
    assert entry.after["lead_units"] == [cast.tree.village_a.pk]


# --- Issue and amendments -------------------------------------------------------------------


def test_issuing_numbers_and_locks_the_plan(issued_plan, make_task, cast):
    assert issued_plan.status == PlanStatus.ISSUED
    assert (issued_plan.code, issued_plan.issued_on) == ("12/KH-UBND", TODAY)
    assert issued_plan.issued_by == cast.leader_a
    with pytest.raises(ConflictError):
        services.plan_update(actor=cast.leader_a, plan=issued_plan, title="Đổi tên")
    with pytest.raises(ValidationFailed) as error:  # a change needs a reason now
        make_task(issued_plan, actor=cast.leader_a)
    assert error.value.code == "reason_required"
    with pytest.raises(PermissionDeniedError):  # and the right to issue
        make_task(issued_plan, actor=cast.official_a, reason="Bổ sung")
    with pytest.raises(ConflictError):
        services.plan_delete(actor=cast.leader_a, plan=issued_plan)


def test_only_a_leader_issues(draft_plan, cast):
    with pytest.raises(PermissionDeniedError):
        services.plan_issue(
            actor=cast.official_a,
            plan=draft_plan,
            number="1",
            symbol="KH-UBND",
            issued_on=TODAY,
        )
    with pytest.raises(NotFoundError):
        services.plan_issue(
            actor=cast.official_b, plan=draft_plan, number="1", symbol="KH", issued_on=TODAY
        )


def test_issuing_needs_a_number_a_symbol_and_a_past_date(draft_plan, cast):
    for number, symbol, issued_on, field in (
        ("", "KH-UBND", TODAY, "number"),
        ("1", " ", TODAY, "symbol"),
        ("1", "KH-UBND", TODAY + dt.timedelta(days=1), "issued_on"),
    ):
        with pytest.raises(ValidationFailed) as error:
            services.plan_issue(
                actor=cast.leader_a,
                plan=draft_plan,
                number=number,
                symbol=symbol,
                issued_on=issued_on,
            )
        assert error.value.field == field
    draft_plan.refresh_from_db()
    assert draft_plan.status == PlanStatus.DRAFT


def test_a_draft_with_a_task_without_lead_cannot_be_issued(make_plan, cast):
    plan = make_plan()
    # Only an import makes such a task (its units matched nothing); the form refuses it.
    task = Task.objects.create(plan=plan, content="Chưa có đơn vị chủ trì")
    with pytest.raises(ValidationFailed) as error:
        services.plan_issue(
            actor=cast.leader_a, plan=plan, number="2", symbol="KH-UBND", issued_on=TODAY
        )
    assert error.value.code == "no_lead_unit"
    assert task.plan.status == PlanStatus.DRAFT


def test_a_second_plan_with_the_same_number_and_symbol_is_refused(
    issued_plan, make_plan, make_task, cast
):
    second = make_plan(title="Kế hoạch thứ hai")
    make_task(second)
    before = counts()
    with pytest.raises(ConflictError) as error:
        services.plan_issue(
            actor=cast.leader_a, plan=second, number="12", symbol="KH-UBND", issued_on=TODAY
        )
    assert error.value.code == "duplicate_number"
    assert error.value.field == "number"
    assert "already issued a plan numbered 12/KH-UBND" in str(error.value.message)
    second.refresh_from_db()
    assert second.status == PlanStatus.DRAFT
    assert counts() == before
    # Another unit may use the same number; the same unit a different symbol.
    services.plan_issue(
        actor=cast.leader_a, plan=second, number="12", symbol="KH-BCĐ", issued_on=TODAY
    )


def test_the_database_also_refuses_a_duplicate_issued_number(issued_plan, make_plan, cast):
    from django.db import IntegrityError, transaction

    other = make_plan()
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=other.pk).update(
            status=PlanStatus.ISSUED, number="12", symbol="KH-UBND"
        )


def test_an_amendment_needs_a_reason_and_keeps_before_and_after(issued_plan, cast):
    with pytest.raises(ValidationFailed) as error:
        services.plan_amend(actor=cast.leader_a, plan=issued_plan, reason=" ", title="Mới")
    assert error.value.field == "reason"
    services.plan_amend(
        actor=cast.leader_a,
        plan=issued_plan,
        reason="Sửa lỗi đánh máy",
        title="Kế hoạch đã sửa",
    )
    issued_plan.refresh_from_db()
    assert issued_plan.title == "Kế hoạch đã sửa"
    assert issued_plan.status == PlanStatus.ISSUED
    amendment = PlanAmendment.objects.get(plan=issued_plan)
    assert amendment.reason == "Sửa lỗi đánh máy"
    entry = AuditEntry.objects.get(action="plan.amended")
    assert entry.before == {"title": "Kế hoạch công tác dân vận năm"}
    assert entry.after["title"] == "Kế hoạch đã sửa"
    assert entry.after["reason"] == "Sửa lỗi đánh máy"


def test_a_task_added_after_issue_is_an_amendment(issued_plan, make_task, cast):
    make_task(issued_plan, actor=cast.leader_a, reason="Chỉ đạo bổ sung của Thường trực")
    amendment = PlanAmendment.objects.get(plan=issued_plan)
    assert amendment.summary == "Task 2 added"
    assert amendment.reason == "Chỉ đạo bổ sung của Thường trực"


def test_a_task_with_reports_cannot_be_deleted_or_lose_the_reporting_unit(issued_plan, cast):
    task = issued_plan.tasks.get()
    lead = task.assignments.get(unit=cast.tree.ubnd_a)
    services.assignment_update_status(
        actor=cast.official_a, assignment=lead, status="in_progress", progress=30, note="Đang làm"
    )
    with pytest.raises(ConflictError):
        services.task_delete(actor=cast.leader_a, task=task, reason="Bỏ")
    with pytest.raises(ConflictError) as error:
        services.task_update(
            actor=cast.leader_a,
            task=task,
            content=task.content,
            lead_units=[cast.tree.village_a],
            reason="Đổi đơn vị",
        )
    assert cast.tree.ubnd_a.name in str(error.value.message)
    assert task.assignments.count() == 2


def test_a_non_empty_section_cannot_be_deleted(draft_plan, cast):
    section = draft_plan.tasks.get().section
    with pytest.raises(ConflictError):
        services.section_delete(actor=cast.official_a, section=section)
    empty = draft_plan.sections.exclude(pk=section.pk).first()
    services.section_delete(actor=cast.official_a, section=empty)
    assert draft_plan.sections.count() == 2


def test_a_draft_is_deleted_with_its_tasks(draft_plan, cast):
    services.plan_delete(actor=cast.official_a, plan=draft_plan)
    assert not Plan.objects.exists()
    assert not TaskAssignment.objects.exists()
    assert AuditEntry.objects.filter(action="plan.deleted").exists()
