import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.notifications.models import Notification
from danvan.reports import selectors, services, sources
from danvan.reports.models import (
    ReportKind,
    SelectionMode,
    Submission,
    SubmissionStatus,
    SubmissionValue,
)
from danvan.reports.tests.conftest import FULL, NARRATIVE, TODAY, YEAR, figures
from danvan.units.tests.factories import OrgUnitFactory, unit_type

pytestmark = pytest.mark.django_db


# --- Defaults and opening ------------------------------------------------------------------


def test_defaults_follow_the_reporting_regime():
    six = services.round_defaults(ReportKind.SIX_MONTH, 2026)
    assert six["data_from"] == dt.date(2025, 12, 15)
    assert six["data_to"] == dt.date(2026, 6, 14)
    assert six["due_date"] == dt.date(2026, 6, 10)  # a Wednesday
    annual = services.round_defaults(ReportKind.ANNUAL, 2026)
    assert (annual["data_from"], annual["data_to"]) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 12, 14),
    )
    # 01/11/2026 is a Sunday: the due date runs to Monday 02/11.
    assert annual["due_date"] == dt.date(2026, 11, 2)


def test_a_round_by_unit_types_expects_one_report_per_matching_unit(report_round, cast):
    units = set(report_round.submissions.values_list("unit_id", flat=True))
    assert units == {cast.tree.commune_a.pk, cast.tree.commune_b.pk}
    assert set(report_round.submissions.values_list("status", flat=True)) == {"pending"}
    assert report_round.data_from == dt.date(YEAR - 1, 12, 15)
    assert AuditEntry.objects.filter(action="report_round.opened").count() == 1
    # The units acting for the communes are told.
    assert Notification.objects.filter(recipient=cast.official_a, kind="reports.opened").exists()
    assert not Notification.objects.filter(recipient=cast.other_province_officer).exists()


def test_agency_types_are_chosen_per_level(open_round, cast):
    department = OrgUnitFactory(
        name="Sở Nội vụ tỉnh Quảng Trị",
        unit_type=unit_type("home_affairs"),
        level="province",
        parent=cast.tree.province,
    )
    report_round = open_round(selection_types=["people_committee@commune", "home_affairs@province"])
    units = set(report_round.submissions.values_list("unit_id", flat=True))
    assert units == {cast.tree.ubnd_a.pk, department.pk}
    # Each area is the unit one level below the root: the commune for UBND xã.
    ubnd = report_round.submissions.get(unit=cast.tree.ubnd_a)
    assert ubnd.area_id == cast.tree.commune_a.pk


def test_a_list_and_a_subtree(open_round, cast):
    listed = open_round(
        selection_mode=SelectionMode.LIST, units=[cast.tree.ubnd_a, cast.tree.commune_b]
    )
    assert listed.submissions.count() == 2
    subtree = open_round(selection_mode=SelectionMode.SUBTREE, selection_root=cast.tree.commune_a)
    assert set(subtree.submissions.values_list("unit_id", flat=True)) == {
        cast.tree.ubnd_a.pk,
        cast.tree.village_a.pk,
    }


def test_the_recipient_need_not_be_the_parent(open_round, cast):
    report_round = open_round(recipient=cast.tree.ubnd_province)
    assert report_round.recipient == cast.tree.ubnd_province


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"selection_types": []}, "selection_types"),
        ({"selection_types": ["nonsense@"]}, "selection_types"),
        ({"data_from": dt.date(YEAR, 6, 1), "data_to": dt.date(YEAR, 1, 1)}, "data_to"),
        ({"due_date": TODAY - dt.timedelta(days=1)}, "due_date"),
        ({"selection_types": ["police@province"]}, "selection_types"),
    ],
)
def test_bad_rounds_save_nothing(open_round, change, field):
    from danvan.reports.models import ReportRound

    with pytest.raises(ValidationFailed) as caught:
        open_round(**change)
    assert caught.value.field == field
    assert not ReportRound.objects.exists()


def test_a_round_cannot_ask_units_out_of_reach(open_round, cast):
    with pytest.raises(ValidationFailed):
        open_round(selection_mode=SelectionMode.LIST, units=[cast.tree.other_commune])
    with pytest.raises(ValidationFailed):
        open_round(selection_root=cast.tree.other_province)


def test_an_official_cannot_open_a_round(open_round, cast):
    with pytest.raises((PermissionDeniedError, Exception)):
        open_round(actor=cast.official_a, unit=cast.tree.commune_a)


# --- Templates -----------------------------------------------------------------------------


def test_a_template_used_by_a_round_is_locked_and_can_be_copied(report_round, template, cast):
    with pytest.raises(ConflictError):
        services.indicator_add(actor=cast.province_officer, template=template, label="Mới")
    copy = services.template_copy(
        actor=cast.province_officer, template=template, unit=cast.tree.province
    )
    assert [i.code for i in copy.indicators.all()] == [i.code for i in template.indicators.all()]
    public = copy.indicators.get(code="plans_public")
    assert public.at_most.template_id == copy.pk
    services.indicator_add(actor=cast.province_officer, template=copy, label="Mới")


def test_indicator_rules_are_checked_when_added(template, cast):
    with pytest.raises(ValidationFailed) as caught:
        services.indicator_add(
            actor=cast.province_officer, template=template, label="X", code="plans_issued"
        )
    assert caught.value.field == "code"
    with pytest.raises(ValidationFailed):
        services.indicator_add(
            actor=cast.province_officer, template=template, label="X", source_key="nope.nothing"
        )


# --- Pre-filling ---------------------------------------------------------------------------


@pytest.fixture
def registered_figure():
    calls = []

    def compute(path, start, end):
        calls.append((path, start, end))
        return 7

    sources.register(sources.KnownFigure("test.sessions", "Sessions", "sessions", compute))
    yield calls
    sources._FIGURES.pop("test.sessions", None)


def test_known_figures_prefill_for_the_subtree_and_period(cast, open_round, registered_figure):
    from danvan.plans import services as plan_services

    tpl = services.template_create(actor=cast.province_officer, unit=cast.tree.province, name="T")
    issued = services.indicator_add(
        actor=cast.province_officer, template=tpl, label="Plans", source_key="plans.issued"
    )
    sessions = services.indicator_add(
        actor=cast.province_officer, template=tpl, label="Sessions", source_key="test.sessions"
    )
    plan = plan_services.plan_create(
        actor=cast.leader_a, unit=cast.tree.ubnd_a, title="KH", period_start=YEAR, period_end=YEAR
    )
    plan_services.plan_issue(
        actor=cast.leader_a, plan=plan, number="1", symbol="KH-UBND", issued_on=TODAY
    )
    report_round = open_round(
        template=tpl, data_from=TODAY - dt.timedelta(days=30), data_to=TODAY + dt.timedelta(days=1)
    )
    submission = report_round.submissions.get(unit=cast.tree.commune_a)
    known = selectors.known_figures_for(submission, [issued, sessions])
    assert known == {issued.pk: 1, sessions.pk: 7}
    assert registered_figure[0] == (
        cast.tree.commune_a.path,
        report_round.data_from,
        report_round.data_to,
    )
    other = report_round.submissions.get(unit=cast.tree.commune_b)
    assert selectors.known_figures_for(other, [issued]) == {issued.pk: 0}
    # Saving keeps what the system counted; a changed figure is visible with its note.
    services.submission_save(
        actor=cast.official_a,
        submission=submission,
        values={issued.pk: "2"},
        notes={issued.pk: "Thêm 1 kế hoạch giấy chưa nhập"},
    )
    row = SubmissionValue.objects.get(submission=submission, indicator=issued)
    assert (row.value, row.prefilled, row.is_changed) == (Decimal("2"), Decimal("1"), True)
    assert row.note == "Thêm 1 kế hoạch giấy chưa nhập"
    sessions_row = SubmissionValue.objects.get(submission=submission, indicator=sessions)
    assert sessions_row.prefilled == 7


def test_the_people_committee_reports_its_territory(cast, open_round, template):
    report_round = open_round(selection_types=["people_committee@commune"])
    submission = report_round.submissions.get(unit=cast.tree.ubnd_a)
    assert selectors.figure_scope(submission.unit) == cast.tree.commune_a


# --- Filling, submitting, reviewing --------------------------------------------------------


def test_a_figure_breaking_its_rule_saves_nothing(submission_a, template, cast):
    cases = [
        ({"plans_issued": "-1"}, "cannot be negative"),
        ({"plans_issued": "1.5"}, "whole number"),
        ({"plans_issued": "abc"}, "enter a number"),
        ({"plans_issued": "2", "plans_public": "3"}, "cannot be more than"),
    ]
    for values, message in cases:
        with pytest.raises(ValidationFailed) as caught:
            services.submission_save(
                actor=cast.official_a,
                submission=submission_a,
                narrative=NARRATIVE,
                values=figures(template, **values),
            )
        assert message in str(caught.value.message)
    submission_a.refresh_from_db()
    assert submission_a.status == SubmissionStatus.PENDING
    assert submission_a.narrative == {}
    assert not SubmissionValue.objects.filter(value__isnull=False).exists()


def test_official_fills_leader_submits_recipient_returns_then_accepts(submission_a, template, cast):
    services.submission_save(
        actor=cast.official_a,
        submission=submission_a,
        narrative=NARRATIVE,
        values=figures(template, **FULL),
    )
    assert submission_a.status == SubmissionStatus.DRAFT
    with pytest.raises(PermissionDeniedError):
        services.submission_submit(actor=cast.official_a, submission=submission_a)
    services.submission_submit(actor=cast.leader_a, submission=submission_a)
    submission_a.refresh_from_db()
    assert (submission_a.status, submission_a.version, submission_a.is_late) == (
        "submitted",
        1,
        False,
    )
    # Locked once submitted.
    with pytest.raises(ConflictError):
        services.submission_save(
            actor=cast.official_a,
            submission=submission_a,
            values=figures(template, plans_issued="9"),
        )
    # The unit cannot review its own report.
    with pytest.raises(PermissionDeniedError):
        services.submission_accept(actor=cast.leader_a, submission=submission_a)
    with pytest.raises(ValidationFailed):
        services.submission_return(actor=cast.province_officer, submission=submission_a, comment="")
    services.submission_return(
        actor=cast.province_officer, submission=submission_a, comment="Bổ sung số liệu"
    )
    submission_a.refresh_from_db()
    assert submission_a.status == "returned"
    assert submission_a.review_comment == "Bổ sung số liệu"
    services.submission_save(
        actor=cast.official_a, submission=submission_a, values=figures(template, plans_issued="4")
    )
    services.submission_submit(actor=cast.leader_a, submission=submission_a)
    services.submission_accept(actor=cast.province_officer, submission=submission_a)
    submission_a.refresh_from_db()
    assert submission_a.status == "accepted"
    versions = selectors.submission_versions(submission_a)
    assert [(v.number, v.outcome, v.figures["plans_issued"]) for v in versions] == [
        (2, "accepted", "4"),
        (1, "returned", "3"),
    ]
    assert versions[1].comment == "Bổ sung số liệu"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"report.saved", "report.submitted", "report.returned", "report.accepted"} <= actions
    assert (
        Notification.objects.filter(recipient=cast.official_a, kind="reports.review").count() == 2
    )


def test_submitting_needs_every_figure(submission_a, template, cast):
    with pytest.raises(ValidationFailed) as caught:
        services.submission_submit(
            actor=cast.leader_a,
            submission=submission_a,
            narrative=NARRATIVE,
            values=figures(template, plans_issued="1"),
        )
    assert caught.value.code == "figure_missing"
    submission_a.refresh_from_db()
    assert submission_a.status == "pending"  # nothing saved, not even the draft


def test_late_is_allowed_and_marked(submission_a, report_round, template, cast):
    late = timezone.now() + dt.timedelta(days=40)
    services.submission_submit(
        actor=cast.leader_a,
        submission=submission_a,
        narrative=NARRATIVE,
        values=figures(template, **FULL),
        now=late,
    )
    submission_a.refresh_from_db()
    assert submission_a.is_late


def test_outside_the_period_nothing_is_saved(open_round, template, cast):
    later = open_round(opens_on=TODAY + dt.timedelta(days=3))
    submission = later.submissions.get(unit=cast.tree.commune_a)
    with pytest.raises(ValidationFailed) as caught:
        services.submission_save(actor=cast.official_a, submission=submission, narrative=NARRATIVE)
    assert caught.value.code == "round_not_open"
    closed = open_round(
        opens_on=TODAY - dt.timedelta(days=10),
        due_date=TODAY - dt.timedelta(days=5),
        closes_on=TODAY - dt.timedelta(days=1),
    )
    submission = closed.submissions.get(unit=cast.tree.commune_a)
    with pytest.raises(ValidationFailed) as caught:
        services.submission_submit(
            actor=cast.leader_a,
            submission=submission,
            narrative=NARRATIVE,
            values=figures(template, **FULL),
        )
    assert caught.value.code == "round_closed"


def test_another_unit_cannot_touch_the_report(submission_a, cast):
    from danvan.core.errors import NotFoundError

    with pytest.raises(NotFoundError):
        services.submission_save(
            actor=cast.official_b, submission=submission_a, narrative=NARRATIVE
        )


# --- Completeness, consolidation, reminders ------------------------------------------------


def _submit(submission, template, cast_leader, **values):
    services.submission_submit(
        actor=cast_leader,
        submission=submission,
        narrative=NARRATIVE,
        values=figures(template, **{**FULL, **values}),
    )


def test_completeness_and_consolidation(report_round, template, cast):
    from danvan.accounts.models import Role
    from danvan.accounts.tests.factories import UserFactory, grant

    leader_b = UserFactory(username="leader_b", home_unit=cast.tree.commune_b)
    grant(leader_b, Role.LEADER, cast.tree.commune_b)
    a = report_round.submissions.get(unit=cast.tree.commune_a)
    b = report_round.submissions.get(unit=cast.tree.commune_b)
    _submit(a, template, cast.leader_a, plans_issued="3", satisfaction="80")
    state = selectors.completeness(report_round)
    assert state.total.as_dict() == {
        "expected": 2,
        "submitted": 1,
        "accepted": 0,
        "on_time": 1,
        "late": 0,
        "returned": 0,
        "missing": 1,
        "reporting_rate": 50.0,
        "on_time_rate": 50.0,
    }
    assert [(r.label, r.expected, r.submitted) for r in state.by_area] == [
        ("Xã Kim Phú", 1, 0),
        ("Xã Trường Sơn", 1, 1),
    ]
    assert [(r.label, r.expected) for r in state.by_type] == [("Xã", 2)]
    services.submission_submit(
        actor=leader_b,
        submission=b,
        narrative={"results": "Kim Phú làm tốt."},
        values=figures(template, plans_issued="5", plans_public="1", satisfaction="90"),
        now=timezone.now() + dt.timedelta(days=60),
    )
    services.submission_accept(actor=cast.province_officer, submission=a)
    services.submission_accept(actor=cast.province_officer, submission=b)
    state = selectors.completeness(report_round)
    assert (state.total.submitted, state.total.late, state.total.on_time_rate) == (2, 1, 50.0)
    totals = {row.indicator.code: row.total for row in selectors.consolidated_figures(report_round)}
    assert totals == {
        "plans_issued": Decimal("8.00"),
        "plans_public": Decimal("3.00"),
        "satisfaction": Decimal("85.00"),
    }
    issued = template.indicators.get(code="plans_issued")
    assert [
        (v.submission.unit.name, v.value)
        for v in selectors.indicator_breakdown(report_round, issued)
    ] == [("Xã Trường Sơn", Decimal("3")), ("Xã Kim Phú", Decimal("5"))]
    narrative = {s["key"]: s["entries"] for s in selectors.compiled_narrative(report_round)}
    assert narrative["results"] == [
        ("Xã Kim Phú", "Kim Phú làm tốt."),
        ("Xã Trường Sơn", NARRATIVE["results"]),
    ]
    indicators, rows = selectors.figure_matrix(report_round)
    assert len(rows) == 2 and len(indicators) == 3


def test_reminders_reach_missing_units_once_a_day(report_round, cast):
    Notification.objects.all().delete()
    assert services.round_remind(actor=cast.province_officer, report_round=report_round) == 2
    assert services.round_remind(actor=cast.province_officer, report_round=report_round) == 2
    assert (
        Notification.objects.filter(kind="reports.reminder", recipient=cast.official_a).count() == 1
    )
    with pytest.raises(Exception):  # noqa: B017 — the commune is not the recipient
        services.round_remind(actor=cast.official_b, report_round=report_round)


def test_the_reminder_engine_warns_before_the_due_date(report_round, cast):
    from danvan.notifications import reminders

    Notification.objects.all().delete()
    due = report_round.due_date
    from danvan.core.calendar import work_calendar

    day_before = work_calendar().add_working_days(due, -1)
    now = timezone.make_aware(dt.datetime.combine(day_before, dt.time(8)))
    reminders.scan(now=now, keys=["reports.due"])
    notices = Notification.objects.filter(kind="reports.due", recipient=cast.leader_a)
    assert notices.count() == 1
    assert "in 1 working day" in notices.get().title


def test_multi_level_the_consolidation_fills_the_report_upwards(
    report_round, template, cast, open_round
):
    a = report_round.submissions.get(unit=cast.tree.commune_a)
    _submit(a, template, cast.leader_a, plans_issued="3")
    services.submission_accept(actor=cast.province_officer, submission=a)
    # The nation opens a round where each province's People's Committee reports.
    upper = services.round_open(
        actor=cast.admin,
        unit=cast.tree.nation,
        recipient=cast.tree.nation,
        template=template,
        kind=ReportKind.SIX_MONTH,
        title="Báo cáo toàn quốc",
        year=YEAR,
        selection_mode=SelectionMode.LIST,
        units=[cast.tree.ubnd_province],
        opens_on=TODAY,
        due_date=TODAY + dt.timedelta(days=30),
    )
    province_report = upper.submissions.get()
    assert selectors.rounds_to_feed(cast.province_officer, province_report) == [report_round]
    services.submission_fill_from_round(
        actor=cast.province_officer, submission=province_report, source_round=report_round
    )
    values = {v.indicator.code: v.value for v in province_report.values.select_related("indicator")}
    assert values["plans_issued"] == Decimal("3")
    assert "Xã Trường Sơn: " in province_report.narrative["results"]
    # A commune cannot fill from a round it does not consolidate.
    other = open_round(selection_mode=SelectionMode.LIST, units=[cast.tree.commune_a])
    with pytest.raises(ValidationFailed):
        services.submission_fill_from_round(
            actor=cast.official_a,
            submission=other.submissions.get(),
            source_round=report_round,
        )


# --- The plans figures ---------------------------------------------------------------------


def test_plans_figures(cast):
    from danvan.plans import services as plan_services
    from danvan.plans.models import AssignmentStatus, TaskAssignment

    plan = plan_services.plan_create(
        actor=cast.leader_a, unit=cast.tree.ubnd_a, title="KH", period_start=YEAR, period_end=YEAR
    )
    task = plan_services.task_create(
        actor=cast.leader_a,
        plan=plan,
        section=None,
        content="Làm việc",
        lead_units=[cast.tree.village_a],
    )
    plan_services.plan_issue(
        actor=cast.leader_a, plan=plan, number="2", symbol="KH-UBND", issued_on=TODAY
    )
    start, end = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    assert sources.compute("plans.issued", cast.tree.commune_a.path, start, end) == 1
    assert sources.compute("plans.issued", cast.tree.commune_b.path, start, end) == 0
    assert sources.compute("plans.issued", cast.tree.commune_a.path, end, end) == 0
    assert sources.compute("plans.tasks_done", cast.tree.commune_a.path, start, end) == 0
    if True:
        assignment = TaskAssignment.objects.get(task=task)
        plan_services.assignment_update_status(
            actor=cast.official_a, assignment=assignment, status=AssignmentStatus.DONE, progress=100
        )
        assert sources.compute("plans.tasks_done", cast.tree.commune_a.path, start, end) == 1
        assert sources.compute("plans.tasks_done", cast.tree.province.path, start, end) == 1
        assert sources.compute("plans.tasks_done", cast.tree.commune_b.path, start, end) == 0
    assert "plans.issued" in sources.known_figures()


def test_submissions_are_one_per_unit(report_round):
    assert Submission.objects.filter(round=report_round).count() == 2
