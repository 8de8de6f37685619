"""Demo citizen reception, voter petitions and a dialogue conference (``manage.py demo``).

Commune A (Xã Trường Sơn): its chair receives citizens every Thursday; two sessions held, one of
whose matters became a case; a voter-contact meeting with three petitions (one answered and
published, one waiting, one overdue); a dialogue conference whose commitment is a plan task.
Commune B has a monthly reception day only, below the weekly minimum. Idempotent: what is
already there is left alone.
"""

import datetime as dt

from django.utils import timezone

from danvan.petitions.models import (
    DialogueConference,
    MatterOutcome,
    ReceptionSchedule,
    ReceptionSession,
    VoterMeeting,
)
from danvan.petitions.reception import services
from danvan.units.models import OrgUnit

DIALOGUE_TOPIC = "Đối thoại về bồi thường, giải phóng mặt bằng tuyến đường liên xã"
MEETING_PLACE = "Nhà văn hóa thôn Đông, xã Trường Sơn"


def _committee(territory: OrgUnit) -> OrgUnit:
    return (
        OrgUnit.objects.active()
        .filter(parent=territory, unit_type__code="people_committee")
        .order_by("pk")
        .first()
        or territory
    )


def _last_weekday(today: dt.date, weekday: int) -> dt.date:
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7)


def populate(ctx) -> None:
    official = ctx.users.get("canbo.truongson")
    leader = ctx.users.get("lanhdao.truongson")
    official_b = ctx.users.get("canbo.kimphu")
    if official is None or leader is None:
        return
    today = timezone.localdate()
    committee = _committee(ctx.commune_a)
    _reception(official, committee, today)
    if official_b is not None:
        _commune_b(official_b, _committee(ctx.commune_b))
    _voters(official, ctx.commune_a, committee, today)
    _dialogue(leader, committee, today)
    ctx.lines.append(
        "Tiếp công dân, kiến nghị cử tri, đối thoại: xem /don-thu/tiep-cong-dan/, "
        "/don-thu/cu-tri/, /don-thu/doi-thoai/ (canbo.truongson); công khai: /cong-khai/y-kien/cu-tri/."
    )


def _reception(official, committee, today) -> None:
    if not ReceptionSchedule.objects.filter(unit=committee).exists():
        services.schedule_create(
            actor=official,
            unit=committee,
            kind="weekly",
            weekday=3,
            receiver="Chủ tịch UBND xã",
            place="Phòng tiếp công dân, trụ sở UBND xã",
        )
    if ReceptionSession.objects.filter(unit=committee).exists():
        return
    schedule = ReceptionSchedule.objects.filter(unit=committee).first()
    last_thursday = _last_weekday(today, 3)
    first = services.session_record(
        actor=official,
        unit=committee,
        held_on=last_thursday - dt.timedelta(days=7),
        receiver="Chủ tịch UBND xã Lê Thị Bình",
        schedule=schedule,
        place="Phòng tiếp công dân, trụ sở UBND xã",
        individuals=4,
        summary="Tiếp 4 lượt công dân; giải thích, hướng dẫn tại chỗ.",
    )
    services.matter_add(
        actor=official,
        session=first,
        content="Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất.",
        petitioner="Ông Hồ Văn Tâm, thôn Đông",
        outcome=MatterOutcome.ADVISED,
        action="Hướng dẫn nộp hồ sơ tại bộ phận một cửa.",
    )
    second = services.session_record(
        actor=official,
        unit=committee,
        held_on=last_thursday,
        receiver="Chủ tịch UBND xã Lê Thị Bình",
        schedule=schedule,
        place="Phòng tiếp công dân, trụ sở UBND xã",
        individuals=2,
        groups=1,
        group_members=7,
        summary="Tiếp 1 đoàn đông người về bồi thường; tiếp nhận đơn khiếu nại.",
    )
    services.matter_add(
        actor=official,
        session=second,
        content="Các hộ dân khiếu nại mức bồi thường khi thu hồi đất làm tuyến đường liên xã.",
        petitioner="Nhóm hộ dân thôn Đông",
        people=7,
        outcome=MatterOutcome.CASE,
        case_kind="complaint",
        action="Tiếp nhận đơn, chuyển bộ phận thụ lý.",
    )


def _commune_b(official_b, committee_b) -> None:
    if ReceptionSchedule.objects.filter(unit=committee_b).exists():
        return
    services.schedule_create(
        actor=official_b,
        unit=committee_b,
        kind="monthly",
        day_of_month=15,
        receiver="Chủ tịch UBND xã",
        place="Trụ sở UBND xã Kim Phú",
    )


def _voters(official, commune, committee, today) -> None:
    if VoterMeeting.objects.filter(unit=commune, place=MEETING_PLACE).exists():
        return
    held = today - dt.timedelta(days=45)
    meeting = services.voter_meeting_record(
        actor=official,
        unit=commune,
        held_on=held,
        place=MEETING_PLACE,
        deputies="Đại biểu HĐND xã Nguyễn Văn Hải\nĐại biểu HĐND xã Trần Thị Mai",
        voters=135,
        note="Tiếp xúc cử tri trước kỳ họp thường lệ của HĐND xã.",
    )
    answered = services.voter_petition_add(
        actor=official,
        meeting=meeting,
        content="Đề nghị sửa chữa cầu tràn thôn Đông trước mùa mưa lũ.",
        raised_by="Cử tri thôn Đông",
    )
    services.voter_petition_forward(
        actor=official,
        petition=answered,
        agency=committee,
        forwarded_on=held + dt.timedelta(days=2),
    )
    services.voter_petition_answer(
        actor=official,
        petition=answered,
        answer="UBND xã đã bố trí kinh phí, khởi công sửa chữa cầu tràn trong tháng này.",
        answered_on=held + dt.timedelta(days=20),
    )
    services.voter_petition_publish(actor=official, petition=answered, published=True)
    waiting = services.voter_petition_add(
        actor=official,
        meeting=meeting,
        content="Đề nghị lắp đặt thêm đèn chiếu sáng đường liên thôn.",
        raised_by="Cử tri thôn Tây",
    )
    services.voter_petition_forward(
        actor=official,
        petition=waiting,
        agency=committee,
        forwarded_on=today - dt.timedelta(days=3),
    )
    overdue = services.voter_petition_add(
        actor=official,
        meeting=meeting,
        content="Đề nghị nạo vét kênh mương nội đồng phục vụ vụ Đông Xuân.",
        raised_by="Cử tri thôn Đông",
    )
    services.voter_petition_forward(
        actor=official,
        petition=overdue,
        agency=committee,
        forwarded_on=held + dt.timedelta(days=2),
        answer_due=today - dt.timedelta(days=5),
    )


def _dialogue(leader, committee, today) -> None:
    if DialogueConference.objects.filter(unit=committee, topic=DIALOGUE_TOPIC).exists():
        return
    conference = services.dialogue_record(
        actor=leader,
        unit=committee,
        held_on=today - dt.timedelta(days=7),
        topic=DIALOGUE_TOPIC,
        chaired_by="Chủ tịch UBND xã Lê Thị Bình",
        place="Hội trường UBND xã",
        participants=85,
    )
    services.dialogue_issue_add(
        actor=leader,
        conference=conference,
        content="Tiến độ chi trả tiền bồi thường cho các hộ bị thu hồi đất còn chậm.",
        raised_by="Ông Lê Văn Hùng, thôn Đông",
        response="Chủ tịch UBND xã tiếp thu, giải thích nguyên nhân chậm.",
        commitment="Hoàn thành chi trả tiền bồi thường cho các hộ dân bị thu hồi đất.",
        committed_unit=committee,
        due_date=today + dt.timedelta(days=30),
    )
    services.dialogue_issue_add(
        actor=leader,
        conference=conference,
        content="Đề nghị công khai phương án bồi thường tại nhà văn hóa thôn.",
        raised_by="Bà Nguyễn Thị Lan, thôn Tây",
        response="Đồng ý; phương án sẽ được niêm yết công khai.",
    )
