"""The law's time limits, each test naming its article (DOMAIN.md's table)."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.calendar import work_calendar
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.petitions.cases import limits as case_limits
from danvan.petitions.cases import services as case_services
from danvan.petitions.models import Case, CaseStatus, ReceptionSchedule, RecurrenceKind
from danvan.petitions.reception import selectors as reception_selectors

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def test_denunciation_extensions_run_from_the_original_end__luat_to_cao_2018_dieu_30():
    """Accepted Friday 6/3/2026: 30 days end on Sunday 5/4, moved to Monday 6/4. The extensions
    are counted from the original end (totals 60 and 90 days): 5/5 and 4/6, not 6/5 and 5/6."""
    case = Case(
        kind="denunciation",
        level=1,
        is_complex=True,
        is_especially_complex=True,
        accepted_on=dt.date(2026, 3, 6),
    )
    assert case_limits.resolve_deadline(case) == dt.date(2026, 4, 6)
    assert case_limits.resolve_deadline(case, 30) == dt.date(2026, 5, 5)
    assert case_limits.resolve_deadline(case, 60) == dt.date(2026, 6, 4)


def test_extensions_through_the_service__luat_to_cao_2018_dieu_30(make_case, cast):
    """Two extensions of an especially complex denunciation: 60 and 90 days from acceptance,
    only the end moved off a day off; a third is refused."""
    accepted = today() - dt.timedelta(days=10)
    case = make_case(
        kind="denunciation",
        is_especially_complex=True,
        received_on=accepted - dt.timedelta(days=2),
    )
    case = case_services.case_accept(actor=cast.official_a, case=case, accepted_on=accepted)
    calendar = work_calendar()
    assert case.resolve_due == calendar.calendar_deadline(accepted, 30)
    dues = []
    for number in ("2/QĐ", "3/QĐ"):
        extension = case_services.case_extend(
            actor=cast.official_a,
            case=case,
            days=30,
            decision_number=number,
            decision_date=today(),
            reason="Đặc biệt phức tạp",
        )
        dues.append(extension.new_due)
    assert dues == [
        calendar.calendar_deadline(accepted, 60),
        calendar.calendar_deadline(accepted, 90),
    ]
    assert Case.objects.get(pk=case.pk).due_on == dues[-1]
    with pytest.raises(ValidationFailed):
        case_services.case_extend(
            actor=cast.official_a,
            case=case,
            days=10,
            decision_number="4/QĐ",
            decision_date=today(),
            reason="Lần ba",
        )


def test_initial_handling_extended_to_ten_working_days__luat_to_cao_2018_dieu_24(make_case, cast):
    """7 working days to accept a denunciation, 10 where verification is needed; once."""
    received = today() - dt.timedelta(days=1)
    case = make_case(kind="denunciation", received_on=received)
    calendar = work_calendar()
    assert case.accept_due == calendar.add_working_days(received, 7)
    case = case_services.case_extend_acceptance(
        actor=cast.official_a, case=case, reason="Xác minh người tố cáo ở hai địa phương"
    )
    assert case.accept_due == case.due_on == calendar.add_working_days(received, 10)
    assert case.events.filter(action="acceptance_extended").exists()
    with pytest.raises(ValidationFailed):
        case_services.case_extend_acceptance(actor=cast.official_a, case=case, reason="Lại")
    complaint = make_case()
    with pytest.raises(ValidationFailed):
        case_services.case_extend_acceptance(actor=cast.official_a, case=complaint, reason="X")
    with pytest.raises(ValidationFailed):  # a reason is required
        case_services.case_extend_acceptance(
            actor=cast.official_a, case=make_case(kind="denunciation"), reason=" "
        )


def test_second_complaint_when_the_first_level_lapsed__luat_khieu_nai_2011_dieu_33(make_case, cast):
    """The first level's time limit lapsed without a decision: the second complaint is
    received (it was refused before)."""
    still_in_time = make_case()
    with pytest.raises(ConflictError):
        case_services.case_escalate(
            actor=cast.province_officer,
            case=still_in_time,
            unit=cast.tree.ubnd_province,
            received_on=today(),
            content="Khiếu nại lần hai",
        )
    lapsed = make_case(received_on=today() - dt.timedelta(days=60))
    lapsed = case_services.case_accept(
        actor=cast.official_a, case=lapsed, accepted_on=today() - dt.timedelta(days=55)
    )
    assert lapsed.resolve_due < today() and lapsed.status == CaseStatus.ACCEPTED
    second = case_services.case_escalate(
        actor=cast.province_officer,
        case=lapsed,
        unit=cast.tree.ubnd_province,
        received_on=today(),
        content="Quá hạn mà chưa có quyết định giải quyết lần đầu",
    )
    assert second.level == 2 and second.first_level_case == lapsed
    assert second.first_decision_on is None
    assert "lapsed" in second.source_reference


def test_late_complaint_is_received_with_a_warning__luat_khieu_nai_2011_dieu_9(make_case):
    """90 days from learning of the decision: a later complaint is received, with a warning
    (a late filing can be excused), never refused."""
    in_time = make_case(contested_on=today() - dt.timedelta(days=60))
    assert case_limits.filing_warnings(in_time) == []
    late = make_case(contested_on=today() - dt.timedelta(days=120))
    assert late.status == CaseStatus.RECEIVED
    [warning] = case_limits.filing_warnings(late)
    assert "90 days" in warning and "Điều 9" in warning
    with pytest.raises(ValidationFailed) as error:  # not after the case was received
        make_case(contested_on=today(), received_on=today() - dt.timedelta(days=1))
    assert error.value.field == "contested_on"


def test_second_complaint_window_is_30_or_45_days__luat_khieu_nai_2011_dieu_33(make_case, cast):
    def second(*, days_after, remote=False):
        decided = today() - dt.timedelta(days=days_after)
        return make_case(
            actor=cast.province_officer,
            unit=cast.tree.ubnd_province,
            level=2,
            first_decision_on=decided,
            is_remote_area=remote,
        )

    assert case_limits.filing_warnings(second(days_after=20)) == []
    [warning] = case_limits.filing_warnings(second(days_after=40))
    assert "30 days" in warning and "Điều 33" in warning
    assert case_limits.filing_warnings(second(days_after=40, remote=True)) == []
    [warning] = case_limits.filing_warnings(second(days_after=60, remote=True))
    assert "45 days" in warning


def test_the_warning_shows_on_the_case_page_and_in_the_api(make_case, cast, client_for):
    from django.urls import reverse
    from rest_framework.test import APIClient

    late = make_case(contested_on=today() - dt.timedelta(days=120))
    html = client_for(cast.official_a).get(reverse("petitions:case-detail", args=[late.pk]))
    assert "filing limit" in html.content.decode()
    api = APIClient()
    api.force_authenticate(cast.official_a)
    assert api.get(f"/api/v1/cases/{late.pk}/").json()["warnings"]


def test_weekly_reception_day_on_tet_moves_to_the_next_working_day(settings):
    """Tuesday 17/2/2026 is in the Tết break: the reception moves to the next working day
    (the period rule of Bộ luật Dân sự 2015, Điều 148), it is not held on a day off."""
    schedule = ReceptionSchedule(kind=RecurrenceKind.WEEKLY, weekday=1)
    calendar = work_calendar()
    assert not calendar.is_working_day(dt.date(2026, 2, 17))
    moved = reception_selectors.next_day(schedule, dt.date(2026, 2, 16))
    assert moved > dt.date(2026, 2, 17) and calendar.is_working_day(moved)
    day = dt.date(2026, 2, 17)
    while day < moved:
        assert not calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    # an ordinary Tuesday stays
    assert reception_selectors.next_day(schedule, dt.date(2026, 3, 9)) == dt.date(2026, 3, 10)


def test_party_secretary_and_peoples_council_receive_monthly__quy_dinh_11_qdi_tw(cast):
    """Quy định 11-QĐi/TW (2019): Party committee secretaries receive citizens at least one
    day a month; the People's Council's standing committee too (the system's default)."""
    from danvan.units.tests.factories import OrgUnitFactory, unit_type

    party = OrgUnitFactory(
        name="Đảng ủy xã Trường Sơn",
        unit_type=unit_type("party_committee"),
        parent=cast.tree.commune_a,
    )
    council = OrgUnitFactory(
        name="HĐND xã Trường Sơn", unit_type=unit_type("people_council"), parent=cast.tree.commune_a
    )
    rule = reception_selectors.rule_for(party)
    assert (rule.min_days, rule.per) == (1, "month")
    assert "11-QĐi/TW" in rule.legal_basis and "Bí thư" in rule.who
    rule = reception_selectors.rule_for(council)
    assert (rule.min_days, rule.per) == (1, "month") and "Hội đồng nhân dân" in rule.who
    # the commune People's Committee's chair still once a week (Luật Tiếp công dân, Điều 15)
    assert reception_selectors.rule_for(cast.tree.ubnd_a).per == "week"
