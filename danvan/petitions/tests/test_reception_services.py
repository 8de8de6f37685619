"""Services of citizen reception, voter petitions and dialogue conferences."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.petitions.models import (
    MatterOutcome,
    ReceptionSession,
    RecurrenceKind,
    SessionKind,
    VoterPetition,
)
from danvan.petitions.reception import selectors, services

pytestmark = pytest.mark.django_db


# --- Reception --------------------------------------------------------------------------


def test_session_counts_individuals_and_group_members(session_a):
    assert session_a.citizens == 8
    assert AuditEntry.objects.filter(action="reception.session_recorded").count() == 1


def test_session_in_the_future_is_refused(cast, today):
    with pytest.raises(ValidationFailed) as err:
        services.session_record(
            actor=cast.official_a,
            unit=cast.tree.ubnd_a,
            held_on=today + dt.timedelta(days=1),
            receiver="Chủ tịch",
        )
    assert err.value.field == "held_on"
    assert not ReceptionSession.objects.exists()


def test_groups_need_at_least_two_people_each(cast, today):
    with pytest.raises(ValidationFailed) as err:
        services.session_record(
            actor=cast.official_a,
            unit=cast.tree.ubnd_a,
            held_on=today,
            receiver="Chủ tịch",
            groups=2,
            group_members=3,
        )
    assert err.value.field == "group_members"


def test_other_commune_cannot_record_a_session(cast, today):
    with pytest.raises(NotFoundError):
        services.session_record(
            actor=cast.official_b, unit=cast.tree.ubnd_a, held_on=today, receiver="X"
        )


def test_matter_becomes_a_case_at_once(cast, session_a):
    matter = services.matter_add(
        actor=cast.official_a,
        session=session_a,
        content="Khiếu nại về bồi thường đất",
        petitioner="Nguyễn Văn Dân",
        outcome=MatterOutcome.CASE,
        case_kind="complaint",
    )
    case = matter.case
    assert case is not None
    assert case.channel == "reception"
    assert case.received_on == session_a.held_on
    assert case.unit_id == session_a.unit_id


def test_matter_as_case_needs_a_kind_and_saves_nothing(cast, session_a):
    with pytest.raises(ValidationFailed) as err:
        services.matter_add(
            actor=cast.official_a,
            session=session_a,
            content="Một nội dung",
            outcome=MatterOutcome.CASE,
        )
    assert err.value.field == "case_kind"
    assert not session_a.matters.exists()


def test_matter_recorded_then_turned_into_a_case_once(cast, session_a):
    matter = services.matter_add(actor=cast.official_a, session=session_a, content="Phản ánh")
    matter = services.matter_to_case(actor=cast.official_a, matter=matter, case_kind="feedback")
    assert matter.outcome == MatterOutcome.CASE and matter.case_id
    with pytest.raises(ConflictError):
        services.matter_to_case(actor=cast.official_a, matter=matter, case_kind="feedback")


def test_schedule_and_compliance_with_the_weekly_minimum(cast):
    unit = cast.tree.ubnd_a
    [item] = selectors.compliance(cast.official_a, [unit])
    assert item.meets is False  # a commune People's Committee: at least one day a week
    services.schedule_create(
        actor=cast.official_a,
        unit=unit,
        kind=RecurrenceKind.MONTHLY,
        day_of_month=15,
        receiver="Chủ tịch UBND xã",
        place="Trụ sở",
    )
    [item] = selectors.compliance(cast.official_a)
    assert item.rule.per == "week" and item.meets is False  # monthly is not enough
    services.schedule_create(
        actor=cast.official_a,
        unit=unit,
        kind=RecurrenceKind.WEEKLY,
        weekday=3,
        receiver="Chủ tịch UBND xã",
        place="Trụ sở",
    )
    [item] = selectors.compliance(cast.official_a)
    assert item.meets is True
    assert item.schedules[0].next_on.weekday() in (3, item.schedules[0].next_on.weekday())


def test_province_committee_needs_one_day_a_month(cast):
    unit = cast.tree.ubnd_province
    rule = selectors.rule_for(unit)
    assert rule.per == "month" and rule.min_days == 1
    services.schedule_create(
        actor=cast.province_officer,
        unit=unit,
        kind=RecurrenceKind.MONTHLY,
        day_of_month=31,
        receiver="Chủ tịch UBND tỉnh",
        place="Trụ sở tiếp công dân tỉnh",
    )
    [item] = [i for i in selectors.compliance(cast.province_officer) if i.unit == unit]
    assert item.meets is True


def test_schedule_needs_its_day(cast):
    with pytest.raises(ValidationFailed) as err:
        services.schedule_create(
            actor=cast.official_a,
            unit=cast.tree.ubnd_a,
            kind=RecurrenceKind.MONTHLY,
            day_of_month=32,
            receiver="A",
            place="B",
        )
    assert err.value.field == "day_of_month"


def test_next_day_of_a_monthly_schedule_clamps_to_the_month_end():
    from danvan.petitions.models import ReceptionSchedule

    schedule = ReceptionSchedule(kind=RecurrenceKind.MONTHLY, day_of_month=31)
    # 28/2/2026 is a Saturday: the reception moves to Monday 2/3 (issue 16; it stayed on the
    # Saturday before)
    assert selectors.next_day(schedule, dt.date(2026, 2, 10)) == dt.date(2026, 3, 2)
    assert selectors.next_day(schedule, dt.date(2026, 3, 31)) == dt.date(2026, 3, 31)
    # 30/4 and 1/5 are holidays, then a weekend: Monday 4/5
    assert selectors.next_day(schedule, dt.date(2026, 4, 10)) == dt.date(2026, 5, 4)


def test_ad_hoc_session_has_no_schedule(cast, today):
    session = services.session_record(
        actor=cast.official_a,
        unit=cast.tree.ubnd_a,
        held_on=today,
        receiver="Phó Chủ tịch",
        kind=SessionKind.AD_HOC,
    )
    assert session.schedule is None and session.citizens == 0


# --- Voter petitions ----------------------------------------------------------------------


def test_forward_sets_a_default_deadline_on_the_calendar(forwarded_a, today):
    assert forwarded_a.forwarded_on == today - dt.timedelta(days=5)
    assert forwarded_a.answer_due >= forwarded_a.forwarded_on + dt.timedelta(days=30)


def test_forward_before_the_meeting_is_refused(cast, petition_a, meeting_a):
    with pytest.raises(ValidationFailed) as err:
        services.voter_petition_forward(
            actor=cast.official_a,
            petition=petition_a,
            agency=cast.tree.ubnd_a,
            forwarded_on=meeting_a.held_on - dt.timedelta(days=1),
        )
    assert err.value.field == "forwarded_on"


def test_forward_to_another_province_is_refused(cast, petition_a, today):
    with pytest.raises(ValidationFailed) as err:
        services.voter_petition_forward(
            actor=cast.official_a,
            petition=petition_a,
            agency=cast.tree.other_commune,
            forwarded_on=today,
        )
    assert err.value.code == "agency_invalid"
    petition_a.refresh_from_db()
    assert petition_a.agency is None


def test_province_agency_may_receive_a_commune_petition(cast, petition_a, today):
    petition = services.voter_petition_forward(
        actor=cast.official_a,
        petition=petition_a,
        agency=cast.tree.ubnd_province,
        forwarded_on=today,
        answer_due=today + dt.timedelta(days=10),
    )
    assert petition.agency == cast.tree.ubnd_province


def test_answer_before_forwarding_date_is_refused(cast, forwarded_a):
    with pytest.raises(ValidationFailed) as err:
        services.voter_petition_answer(
            actor=cast.official_a,
            petition=forwarded_a,
            answer="Đã bố trí kinh phí",
            answered_on=forwarded_a.forwarded_on - dt.timedelta(days=1),
        )
    assert err.value.code == "answer_before_forwarding"
    forwarded_a.refresh_from_db()
    assert forwarded_a.answered_on is None


def test_answer_of_a_petition_not_forwarded_is_refused(cast, petition_a, today):
    with pytest.raises(ConflictError):
        services.voter_petition_answer(
            actor=cast.official_a, petition=petition_a, answer="Trả lời", answered_on=today
        )


def test_answered_then_published(cast, forwarded_a, today):
    with pytest.raises(ConflictError):
        services.voter_petition_publish(actor=cast.official_a, petition=forwarded_a, published=True)
    petition = services.voter_petition_answer(
        actor=cast.official_a, petition=forwarded_a, answer="Đã sửa xong", answered_on=today
    )
    services.voter_petition_publish(actor=cast.official_a, petition=petition, published=True)
    assert selectors.published_answers(unit_query="truong son").filter(pk=petition.pk).exists()
    assert selectors.published_answers(year=today.year).filter(pk=petition.pk).exists()
    assert not selectors.published_answers(year=today.year - 1).exists()


def test_the_agency_sees_and_answers_a_petition_forwarded_to_it(cast, meeting_a, today):
    petition = services.voter_petition_add(
        actor=cast.official_a, meeting=meeting_a, content="Đề nghị hỗ trợ"
    )
    services.voter_petition_forward(
        actor=cast.official_a,
        petition=petition,
        agency=cast.tree.commune_b,
        forwarded_on=today,
    )
    assert selectors.petition_list(cast.official_b).filter(pk=petition.pk).exists()
    assert not selectors.meeting_list(cast.official_b).exists()  # the meeting itself: no
    services.voter_petition_answer(
        actor=cast.official_b, petition=petition, answer="Xã Kim Phú trả lời", answered_on=today
    )
    with pytest.raises(PermissionDeniedError):  # publishing is the organiser's
        services.voter_petition_publish(actor=cast.official_b, petition=petition, published=True)


def test_overdue_filter(cast, meeting_a, today):
    petition = services.voter_petition_add(actor=cast.official_a, meeting=meeting_a, content="X")
    petition = services.voter_petition_forward(
        actor=cast.official_a,
        petition=petition,
        agency=cast.tree.ubnd_a,
        forwarded_on=meeting_a.held_on,
        answer_due=today - dt.timedelta(days=1),
    )
    overdue = selectors.petition_list(cast.official_a, selectors.PetitionFilters(status="overdue"))
    assert list(overdue) == [VoterPetition.objects.get(pk=petition.pk)]
    assert petition.is_overdue_on(today)


def test_meeting_in_the_future_is_refused(cast, today):
    with pytest.raises(ValidationFailed) as err:
        services.voter_meeting_record(
            actor=cast.official_a,
            unit=cast.tree.commune_a,
            held_on=today + dt.timedelta(days=3),
            place="Nhà văn hóa",
            deputies="A",
        )
    assert err.value.field == "held_on"


# --- Dialogue conferences -----------------------------------------------------------------


def test_leader_commitment_becomes_an_issued_plan_task(cast, conference_a, today):
    from danvan.plans.models import PlanStatus, TaskAssignment

    issue = services.dialogue_issue_add(
        actor=cast.leader_a,
        conference=conference_a,
        content="Tiến độ chi trả bồi thường chậm",
        commitment="Chi trả xong tiền bồi thường cho các hộ",
        committed_unit=cast.tree.ubnd_a,
        due_date=today + dt.timedelta(days=30),
    )
    assert issue.task is not None
    plan = issue.task.plan
    assert plan.status == PlanStatus.ISSUED and plan.unit == cast.tree.ubnd_a
    assignment = TaskAssignment.objects.get(task=issue.task)
    assert assignment.unit == cast.tree.ubnd_a and assignment.role == "lead"
    assert issue.task.due_date == today + dt.timedelta(days=30)
    # a second commitment joins the same plan (an amendment)
    second = services.dialogue_issue_add(
        actor=cast.leader_a,
        conference=conference_a,
        content="Đường ngập",
        commitment="Nạo vét cống",
        committed_unit=cast.tree.village_a,
        due_date=today + dt.timedelta(days=10),
    )
    assert second.task.plan_id == plan.pk


def test_official_records_a_commitment_and_a_leader_makes_the_task(cast, conference_a, today):
    issue = services.dialogue_issue_add(
        actor=cast.official_a,
        conference=conference_a,
        content="Điện chiếu sáng",
        commitment="Lắp đèn",
        committed_unit=cast.tree.ubnd_a,
        due_date=today + dt.timedelta(days=5),
    )
    assert issue.task is None
    with pytest.raises(PermissionDeniedError):
        services.dialogue_issue_make_task(actor=cast.official_a, issue=issue)
    issue = services.dialogue_issue_make_task(actor=cast.leader_a, issue=issue)
    assert issue.task_id
    with pytest.raises(ConflictError):
        services.dialogue_issue_make_task(actor=cast.leader_a, issue=issue)


def test_commitment_deadline_before_the_conference_is_refused(cast, conference_a, today):
    with pytest.raises(ValidationFailed) as err:
        services.dialogue_issue_add(
            actor=cast.leader_a,
            conference=conference_a,
            content="X",
            commitment="Y",
            committed_unit=cast.tree.ubnd_a,
            due_date=today - dt.timedelta(days=1),
        )
    assert err.value.field == "due_date"
    assert not conference_a.issues.exists()


def test_commitment_unit_outside_the_territory_is_refused(cast, conference_a, today):
    with pytest.raises(ValidationFailed) as err:
        services.dialogue_issue_add(
            actor=cast.leader_a,
            conference=conference_a,
            content="X",
            commitment="Y",
            committed_unit=cast.tree.commune_b,
            due_date=today,
        )
    assert err.value.field == "committed_unit"


def test_issue_without_commitment_makes_no_task(cast, conference_a):
    issue = services.dialogue_issue_add(
        actor=cast.leader_a,
        conference=conference_a,
        content="Hỏi về chính sách",
        response="Đã trả lời",
    )
    assert issue.task is None
    conference_a.refresh_from_db()
    assert conference_a.plan is None
