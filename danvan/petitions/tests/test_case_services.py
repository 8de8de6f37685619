import datetime as dt

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.core.calendar import work_calendar
from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.petitions.cases import limits as case_limits
from danvan.petitions.cases import selectors as case_selectors
from danvan.petitions.cases import services as case_services
from danvan.petitions.models import Case, CaseStatus, CaseTimeLimit

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def test_intake_computes_the_acceptance_deadline_and_audits(make_case):
    case = make_case()
    received = case.received_on
    assert case.status == CaseStatus.RECEIVED
    assert case.accept_due == work_calendar().calendar_deadline(received, 10)
    assert case.due_on == case.accept_due
    assert case.unit_path.endswith("/")
    assert len(case.tracking_code) == 14
    assert AuditEntry.objects.filter(action="case.received", object_id=str(case.pk)).exists()
    assert case.handlers.get().is_lead


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"content": "   "}, "content"),
        ({"kind": "gossip"}, "kind"),
        ({"channel": "pigeon"}, "channel"),
        ({"received_on": dt.date(2999, 1, 1)}, "received_on"),
        ({"received_on": "yesterday"}, "received_on"),
        ({"petitioner_kind": "group", "petitioner_count": 1}, "petitioner_count"),
        ({"petitioner_count": "many"}, "petitioner_count"),
        ({"petitioner_phone": "12"}, "petitioner_phone"),
        ({"content": "x" * 10_001}, "content"),
    ],
)
def test_bad_intake_saves_nothing(make_case, kwargs, field):
    with pytest.raises(ValidationFailed) as error:
        make_case(**kwargs)
    assert error.value.field == field
    assert Case.objects.count() == 0


def test_other_unit_cannot_receive(make_case, cast):
    with pytest.raises((NotFoundError, PermissionDeniedError)):
        make_case(actor=cast.official_b)


def test_accept_then_resolve_on_time(make_case, cast):
    case = make_case(is_remote_area=True)
    case = case_services.case_accept(actor=cast.official_a, case=case, accepted_on=today())
    assert case.status == CaseStatus.ACCEPTED
    assert case.resolve_due == work_calendar().calendar_deadline(today(), 45)  # remote: 45
    case = case_services.case_resolve(
        actor=cast.official_a,
        case=case,
        decision_number="12/QĐ-UBND",
        decision_date=today(),
        content="Giữ nguyên quyết định thu hồi đất",
        publish=True,
    )
    assert case.status == CaseStatus.RESOLVED
    assert case.resolved_on_time is True
    assert case.due_on is None
    assert case.answer_public


def test_complex_second_level_limits(make_case, cast):
    first = make_case()
    case_services.case_accept(actor=cast.official_a, case=first, accepted_on=today())
    first = case_services.case_resolve(
        actor=cast.official_a,
        case=first,
        decision_number="1/QĐ",
        decision_date=today(),
        content="Không chấp nhận",
    )
    second = case_services.case_escalate(
        actor=cast.province_officer,
        case=first,
        unit=cast.tree.ubnd_province,
        received_on=today(),
        content="Khiếu nại lần hai",
    )
    assert second.level == 2 and second.first_level_case == first
    second.is_complex = True
    second.save()
    second = case_services.case_accept(
        actor=cast.province_officer, case=second, accepted_on=today()
    )
    assert second.resolve_due == work_calendar().calendar_deadline(today(), 60)


def test_resolving_a_case_not_accepted_is_refused(make_case, cast):
    case = make_case()
    with pytest.raises(ConflictError):
        case_services.case_resolve(
            actor=cast.official_a,
            case=case,
            decision_number="1",
            decision_date=today(),
            content="x",
        )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_decision_date_before_receipt_is_refused(make_case, cast):
    case = make_case()
    case_services.case_accept(actor=cast.official_a, case=case, accepted_on=case.received_on)
    with pytest.raises(ValidationFailed) as error:
        case_services.case_resolve(
            actor=cast.official_a,
            case=case,
            decision_number="1",
            decision_date=case.received_on - dt.timedelta(days=1),
            content="x",
        )
    assert error.value.field == "decision_date"
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_denunciation_extensions_as_the_law_allows(make_case, cast):
    case = make_case(kind="denunciation", is_complex=True)
    case = case_services.case_accept(actor=cast.official_a, case=case, accepted_on=today())
    assert case.notify_due == work_calendar().add_working_days(today(), 5)
    with pytest.raises(ValidationFailed):  # beyond 30 days
        case_services.case_extend(
            actor=cast.official_a,
            case=case,
            days=31,
            decision_number="2/QĐ",
            decision_date=today(),
            reason="Phức tạp",
        )
    due = case.resolve_due
    extension = case_services.case_extend(
        actor=cast.official_a,
        case=case,
        days=30,
        decision_number="2/QĐ",
        decision_date=today(),
        reason="Phức tạp",
    )
    # Luật Tố cáo 2018, Điều 30: 30 more days from the original end, 60 from acceptance
    assert extension.new_due == work_calendar().calendar_deadline(today(), 60)
    assert due == work_calendar().calendar_deadline(today(), 30)
    with pytest.raises(ValidationFailed):  # a complex case: one extension only
        case_services.case_extend(
            actor=cast.official_a,
            case=case,
            days=10,
            decision_number="3/QĐ",
            decision_date=today(),
            reason="Lại",
        )


def test_a_simple_denunciation_cannot_be_extended(make_case, cast):
    case = make_case(kind="denunciation")
    case_services.case_accept(actor=cast.official_a, case=case, accepted_on=today())
    with pytest.raises(ValidationFailed):
        case_services.case_extend(
            actor=cast.official_a,
            case=case,
            days=10,
            decision_number="2/QĐ",
            decision_date=today(),
            reason="x",
        )


def test_time_limits_are_data(make_case, cast):
    CaseTimeLimit.objects.filter(step="accept", kind="complaint").update(days=3)
    case = make_case()
    assert case.accept_due == work_calendar().calendar_deadline(case.received_on, 3)


def test_limit_rows_pick_the_most_specific():
    limit = case_limits.limit_for("resolve", "complaint", level=2, is_complex=True, is_remote=True)
    assert limit.days == 70


def test_forward_moves_the_case_with_its_history(make_case, cast):
    case = make_case()
    case = case_services.case_forward(
        actor=cast.official_a, case=case, to_unit=cast.tree.commune_b, note="Đúng thẩm quyền"
    )
    assert case.unit == cast.tree.commune_b
    assert case.unit_path == cast.tree.commune_b.path
    assert [e.action for e in case.events.all()] == ["received", "forwarded"]
    assert case_selectors.get_case_for(cast.official_b, case.pk) == case
    # the sending side keeps sight of what it sent
    assert case_selectors.get_case_for(cast.official_a, case.pk) == case


def test_forward_without_a_competent_body_is_a_clear_error(make_case, cast):
    """Issue 15: forwarding takes a unit (chosen by name), never a typed number; a body that is
    not competent, or in another province, is refused and the case stays."""
    case = make_case()
    with pytest.raises(ValidationFailed) as error:
        case_services.case_forward(actor=cast.official_a, case=case, to_unit=None)
    assert error.value.field == "to_unit"
    for wrong in (cast.tree.other_commune, cast.tree.village_a, cast.tree.commune_a):
        with pytest.raises(ValidationFailed) as error:
            case_services.case_forward(actor=cast.official_a, case=case, to_unit=wrong)
        assert error.value.field == "to_unit"
    assert Case.objects.get(pk=case.pk).unit == cast.tree.commune_a


def test_refuse_needs_reasons_and_closes(make_case, cast):
    case = make_case()
    with pytest.raises(ValidationFailed):
        case_services.case_refuse(actor=cast.official_a, case=case, reason=" ")
    case = case_services.case_refuse(actor=cast.official_a, case=case, reason="Quá thời hiệu")
    assert case.status == CaseStatus.REFUSED and case.due_on is None
    with pytest.raises(ConflictError):
        case_services.case_accept(actor=cast.official_a, case=case, accepted_on=today())


def test_duplicates_same_petitioner_similar_content(make_case, cast):
    first = make_case(petitioner_name="Nguyễn Văn Dân")
    make_case(petitioner_name="Trần Thị Khác", petitioner_phone="0988000111")
    found = case_selectors.likely_duplicates(
        cast.official_a,
        name="nguyen van dan",
        content="khieu nai viec thu hoi dat cua gia dinh",
    )
    assert [case for case, _score in found] == [first]
    # commune B sees nothing of commune A
    assert (
        case_selectors.likely_duplicates(
            cast.official_b, name="Nguyễn Văn Dân", content=first.content
        )
        == []
    )


def test_file_as_duplicate(make_case, cast):
    first = make_case()
    second = make_case()
    second = case_services.case_file_duplicate(
        actor=cast.official_a, case=second, duplicate_of=first
    )
    assert second.status == CaseStatus.FILED and second.duplicate_of == first


def test_overdue_case_is_overdue(make_case, cast):
    case = make_case(received_on=today() - dt.timedelta(days=40))
    assert case.is_overdue
    assert case in case_selectors.case_list(
        cast.official_a, case_selectors.CaseFilters(overdue=True)
    )


def test_citizen_submit_and_lookup(cast):
    case = case_services.case_receive_public(
        unit=cast.tree.commune_a,
        kind="feedback",
        content="Đèn đường hỏng",
        name="Lê Thị Dân",
        phone="+84 912 000 111",
    )
    assert case.channel == "public_form"
    assert case_selectors.public_lookup(case.tracking_code.lower(), "0912000111") == case
    assert case_selectors.public_lookup(case.tracking_code, "0912000112") is None
    assert case_selectors.public_lookup("AAAA-BBBB-CCCC", "0912000111") is None
    with pytest.raises(ValidationFailed):
        case_services.case_receive_public(
            unit=cast.tree.commune_a, kind="complaint", content="x", name="A", phone="0912000111"
        )
    with pytest.raises(ValidationFailed):
        case_services.case_receive_public(
            unit=cast.tree.commune_a, kind="feedback", content="x", name="A"
        )


def test_hide_keeps_the_content(make_case, cast):
    case = make_case()
    with pytest.raises(PermissionDeniedError):
        case_services.case_hide(actor=cast.official_a, case=case, hidden=True, reason="x")
    case = case_services.case_hide(actor=cast.leader_a, case=case, hidden=True, reason="Lăng mạ")
    assert case.is_hidden and case.content


def test_assign_handler_of_the_unit_only(make_case, cast):
    case = make_case()
    with pytest.raises(ValidationFailed):
        case_services.case_assign(actor=cast.leader_a, case=case, user=cast.official_b)
    case_services.case_assign(actor=cast.leader_a, case=case, user=cast.leader_a, is_lead=True)
    assert case.handlers.get(is_lead=True).user == cast.leader_a


def test_time_limit_update_only_for_administrators(cast):
    limit = CaseTimeLimit.objects.filter(step="accept", kind="complaint").first()
    with pytest.raises(NotFoundError):
        case_services.time_limit_update(
            actor=cast.province_officer,
            limit=limit,
            days=5,
            working_days=False,
            max_count=1,
            legal_basis="",
        )
    cast.admin.is_superuser = True
    case_services.time_limit_update(
        actor=cast.admin, limit=limit, days=5, working_days=True, max_count=1, legal_basis="x"
    )
    limit.refresh_from_db()
    assert (limit.days, limit.working_days) == (5, True)


def test_report_figures(make_case, cast):
    from danvan.reports import sources

    case = make_case()
    case_services.case_accept(actor=cast.official_a, case=case, accepted_on=today())
    case_services.case_resolve(
        actor=cast.official_a, case=case, decision_number="1", decision_date=today(), content="x"
    )
    late = make_case(received_on=today() - dt.timedelta(days=80))
    late = case_services.case_accept(
        actor=cast.official_a, case=late, accepted_on=today() - dt.timedelta(days=79)
    )
    case_services.case_resolve(
        actor=cast.official_a, case=late, decision_number="2", decision_date=today(), content="x"
    )
    make_case(unit=cast.tree.commune_b, actor=cast.official_b)
    start, end = today() - dt.timedelta(days=100), today()
    path = cast.tree.commune_a.path
    assert sources.compute("petitions.cases_received", path, start, end) == 2
    assert sources.compute("petitions.cases_resolved", path, start, end) == 2
    assert sources.compute("petitions.cases_resolved_on_time", path, start, end) == 1
    province = cast.tree.province.path
    many = sources.compute_many("petitions.cases_received", [path, province], start, end)
    assert many == {path: 2, province: 3}
