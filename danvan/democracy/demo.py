"""Demo data of grassroots democracy (``manage.py demo``), made through the services:

- the village head of Thôn Trung Sơn (an official granted over the village);
- the disclosure register of Xã Trường Sơn for this year (one item posted too short a time,
  one missing from the loudspeakers), with a photo of the board;
- an online vote of Thôn Trung Sơn on a road contribution, open now, with household codes (two
  of them printed at the first run, to try the public page);
- an online vote of Thôn Hòa Sơn, closed with its result (the demo moves its close into the
  past once the ballots are in), and a covenant decided at a meeting and recognised;
- a consultation answered and decided, with its answer table published;
- the People's Inspection Board and the Community Investment Supervision Board, a public work
  under supervision with its progress;
- the province's report template "Báo cáo thực hiện dân chủ ở cơ sở", pre-filled from the
  known figures of this app (and the complaints received, from the petitions app).

Idempotent: each piece is found by its title and made only once.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.accounts.models import Role, RoleGrant, User
from danvan.democracy.models import (
    AnswerKind,
    Board,
    BoardKind,
    Channel,
    CommentSource,
    Consultation,
    Disclosure,
    DisclosureItem,
    Matter,
    PublicWork,
)
from danvan.democracy.services import boards, consultations, decisions, disclosures, voting
from danvan.units.models import OrgUnit

VOTE_TITLE = "Đóng góp làm đường bê tông liên thôn Trung Sơn"
CLOSED_TITLE = "Đóng góp nâng cấp nhà văn hóa thôn Hòa Sơn"
COVENANT_TITLE = "Hương ước thôn Cổ Liêm (sửa đổi)"
CONSULTATION_TITLE = "Phương án bồi thường, hỗ trợ mở rộng đường liên xã Trường Sơn – Kim Phú"
WORK_NAME = "Đường bê tông liên thôn Trung Sơn"
TEMPLATE_NAME = "Báo cáo thực hiện dân chủ ở cơ sở"


def _village(commune, name) -> OrgUnit | None:
    return OrgUnit.objects.filter(parent=commune, name=name).first()


def _village_head(village, colleague: User) -> User:
    user, created = User.objects.get_or_create(
        username="truongthon.trungson",
        defaults={
            "full_name": "Hồ Văn Sơn",
            "home_unit": village,
            "position": "Trưởng thôn Trung Sơn",
            "email": "truongthon.trungson@demo.invalid",
        },
    )
    if created:  # the demo accounts' shared password: the same hash as a colleague's
        user.password = colleague.password
        user.save(update_fields=["password"])
    RoleGrant.objects.get_or_create(user=user, role=Role.OFFICIAL, unit=village)
    return user


def _photo() -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), "#f4f1e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 460, 300), outline="#8b1a1a", width=6)
    draw.text((40, 40), "BANG TIN UBND XA TRUONG SON", fill="#8b1a1a")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return SimpleUploadedFile("bang-tin-xa.jpg", buffer.getvalue(), content_type="image/jpeg")


REGISTER = [
    # item, title, days after 1/1, days on the board, on the loudspeakers too, with a photo
    (
        "xa-11-1",
        "Kế hoạch phát triển kinh tế - xã hội năm {year} của xã Trường Sơn",
        10,
        30,
        0,
        True,
    ),
    ("xa-11-2", "Dự toán ngân sách xã năm {year} đã được HĐND xã quyết định", 5, 30, 0, False),
    ("xa-11-2", "Tình hình thực hiện dự toán ngân sách xã quý I năm {year}", 100, 30, 0, False),
    (
        "xa-11-6",
        "Các khoản huy động Nhân dân đóng góp xây dựng đường giao thông nông thôn",
        40,
        30,
        0,
        False,
    ),
    ("xa-11-7", "Mức thu phí chợ Trường Sơn năm {year}", 20, 30, 3, False),
    ("xa-11-8", "Kết quả bình xét hộ nghèo, hộ cận nghèo năm {year}", 30, 30, 0, False),
    (
        "xa-11-3",
        "Kế hoạch thu hồi đất mở rộng đường liên xã Trường Sơn – Kim Phú",
        60,
        20,
        0,
        False,
    ),
]


def _register(official, commune, today) -> None:
    if Disclosure.objects.filter(unit=commune).exists():
        return
    start = dt.date(today.year, 1, 1)
    for code, title, offset, board_days, radio_days, photo in REGISTER:
        decided = min(start + dt.timedelta(days=offset), today - dt.timedelta(days=1))
        made = disclosures.disclosure_create(
            actor=official,
            unit=commune,
            item=DisclosureItem.objects.get(code=code),
            title=title.format(year=today.year),
            decided_on=decided,
            channel=Channel.NOTICE_BOARD,
            place="Bảng tin trụ sở UBND xã",
            posted_from=decided,
            posted_until=decided + dt.timedelta(days=board_days - 1),
            photo=_photo() if photo else None,
        )
        if radio_days:
            disclosures.posting_add(
                actor=official,
                disclosure=made,
                channel=Channel.LOUDSPEAKER,
                place="Đài truyền thanh xã",
                posted_from=decided,
                posted_until=decided + dt.timedelta(days=radio_days - 1),
            )


def _open_vote(ctx, head, village, now) -> None:
    if Matter.objects.filter(village=village, title=VOTE_TITLE).exists():
        ctx.lines.append(
            f"Biểu quyết trực tuyến “{VOTE_TITLE}”: mã hộ đã in ở lần chạy demo đầu tiên."
        )
        return
    matter = decisions.matter_create(
        actor=head,
        village=village,
        kind="contribution",
        title=VOTE_TITLE,
        proposed_text="Mỗi hộ đóng góp 500.000 đồng (hộ nghèo, hộ neo đơn được miễn) để làm 1,2 km đường bê tông liên thôn; Nhà nước hỗ trợ xi măng.",
        households=40,
        form="online",
        opens_at=now - dt.timedelta(hours=2),
        closes_at=now + dt.timedelta(days=7),
    )
    printed = decisions.codes_issue(actor=head, matter=matter)
    matter = decisions.vote_open(actor=head, matter=matter)
    for code, choice in zip(printed[2:14], ["agree"] * 9 + ["disagree"] * 3, strict=True):
        voting.cast_ballot(matter=matter, code=code, choice=choice, address="demo")
    from danvan.democracy.codes import printed as group

    ctx.lines.append(
        f"Biểu quyết trực tuyến “{VOTE_TITLE}” (/cong-khai/dan-chu/bieu-quyet/{matter.pk}/): "
        f"mã hộ để thử {group(printed[0])} và {group(printed[1])}"
    )


def _closed_vote(official, village, now) -> None:
    if Matter.objects.filter(village=village, title=CLOSED_TITLE).exists():
        return
    matter = decisions.matter_create(
        actor=official,
        village=village,
        kind="contribution",
        title=CLOSED_TITLE,
        proposed_text="Mỗi hộ đóng góp 300.000 đồng và 2 ngày công để nâng cấp nhà văn hóa thôn.",
        households=30,
        form="online",
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(minutes=5),
    )
    printed = decisions.codes_issue(actor=official, matter=matter)
    matter = decisions.vote_open(actor=official, matter=matter)
    for code, choice in zip(printed[:24], ["agree"] * 19 + ["disagree"] * 5, strict=True):
        voting.cast_ballot(matter=matter, code=code, choice=choice, address="demo")
    # The demo lets time pass: the vote closed an hour ago.
    Matter.objects.filter(pk=matter.pk).update(closes_at=now - dt.timedelta(hours=1))
    matter.refresh_from_db()
    matter = decisions.online_result_record(actor=official, matter=matter)
    decisions.matter_send(actor=official, matter=matter)


def _covenant(official, leader, village, today) -> None:
    if Matter.objects.filter(village=village, title=COVENANT_TITLE).exists():
        return
    matter = decisions.matter_create(
        actor=official,
        village=village,
        kind="covenant",
        title=COVENANT_TITLE,
        proposed_text="Bổ sung quy định về giữ gìn vệ sinh môi trường, phân loại rác thải tại nguồn.",
        households=120,
        form="meeting",
    )
    matter = decisions.tally_record(
        actor=official,
        matter=matter,
        held_on=today - dt.timedelta(days=20),
        taking_part=96,
        agreeing=88,
        disagreeing=6,
        minutes="Cuộc họp cộng đồng dân cư thôn Cổ Liêm, 96/120 hộ có đại diện tham dự.",
    )
    matter = decisions.matter_send(actor=official, matter=matter)
    decisions.matter_recognise(
        actor=leader,
        matter=matter,
        recognised=True,
        note="Quyết định số 25/QĐ-UBND công nhận hương ước thôn Cổ Liêm",
    )


def _consultation(official, leader, commune, today) -> None:
    if Consultation.objects.filter(unit=commune, title=CONSULTATION_TITLE).exists():
        return
    c = consultations.consultation_create(
        actor=official,
        unit=commune,
        subject="compensation",
        title=CONSULTATION_TITLE,
        draft_text="Dự thảo phương án: bồi thường đất nông nghiệp theo bảng giá đất của tỉnh; hỗ trợ chuyển đổi nghề 3 lần giá đất; hỗ trợ di chuyển mồ mả …",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=1),
    )
    c = consultations.consultation_open(actor=official, consultation=c)
    first = consultations.comment_public(
        consultation_id=c.pk,
        text="Đề nghị hỗ trợ thêm cho hộ nghèo bị thu hồi trên 30% đất.",
        author="Bà Nguyễn Thị Lan",
    )
    second = consultations.comment_enter(
        actor=official,
        consultation=c,
        source=CommentSource.MEETING,
        text="Cần công khai bản đồ trích đo từng thửa đất.",
        received_on=today - dt.timedelta(days=10),
    )
    third = consultations.comment_enter(
        actor=official,
        consultation=c,
        source=CommentSource.MAILBOX,
        text="Giá bồi thường cây lâu năm còn thấp.",
        received_on=today - dt.timedelta(days=5),
    )
    c = consultations.consultation_close(actor=official, consultation=c)
    poor = consultations.group_create(
        actor=official,
        consultation=c,
        summary="Hỗ trợ hộ nghèo bị thu hồi nhiều đất",
        comment_ids=[first.pk],
    )
    consultations.group_answer(
        actor=official,
        group=poor,
        answer_kind=AnswerKind.ACCEPTED,
        answer="Tiếp thu: bổ sung hỗ trợ ổn định đời sống 6 tháng cho hộ nghèo bị thu hồi trên 30% đất.",
    )
    rest = consultations.group_create(
        actor=official,
        consultation=c,
        summary="Bản đồ trích đo và giá cây trồng",
        comment_ids=[second.pk, third.pk],
    )
    consultations.group_answer(
        actor=official,
        group=rest,
        answer_kind=AnswerKind.EXPLAINED,
        answer="Giải trình: bản đồ được niêm yết tại nhà văn hóa các thôn; giá cây trồng áp dụng bảng giá của tỉnh năm nay.",
    )
    consultations.consultation_decide(
        actor=leader,
        consultation=c,
        decided_on=today,
        decision="Thông qua phương án, có bổ sung hỗ trợ cho hộ nghèo.",
    )


def _boards(official, commune, villages, matter, today) -> None:
    if Board.objects.filter(unit=commune).exists():
        return
    inspection = boards.board_create(
        actor=official,
        unit=commune,
        kind=BoardKind.INSPECTION,
        term_start=dt.date(2024, 10, 1),
        term_end=dt.date(2029, 9, 30),
        decision="Nghị quyết số 05/NQ-MTTQ",
    )
    supervision = boards.board_create(
        actor=official,
        unit=commune,
        kind=BoardKind.INVESTMENT,
        term_start=dt.date(2024, 10, 1),
        term_end=dt.date(2029, 9, 30),
    )
    names = ["Trần Văn Thanh", "Lê Thị Hoa", "Nguyễn Văn Bình", "Phan Thị Mai", "Hoàng Văn Nam"]
    for index, name in enumerate(names):
        village = villages[index % len(villages)] if villages else None
        boards.member_add(
            actor=official,
            board=inspection,
            full_name=name,
            role="head" if index == 0 else "member",
            village=village,
        )
    boards.member_add(actor=official, board=supervision, full_name="Võ Văn Tùng", role="head")
    work = boards.work_create(
        actor=official,
        unit=commune,
        name=WORK_NAME,
        owner="UBND xã Trường Sơn",
        budget=Decimal(1_200_000_000),
        state_funds=Decimal(1_000_000_000),
        contributions=Decimal(20_000_000),
        village=villages[0] if villages else None,
        board=supervision,
        matter=matter,
        starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=80),
        is_public=True,
    )
    boards.work_progress_add(
        actor=official,
        work=work,
        on=today - dt.timedelta(days=2),
        progress=15,
        note="Đã san nền 180 m.",
    )
    market = boards.activity_add(
        actor=official,
        board=inspection,
        kind="inspection",
        held_on=today - dt.timedelta(days=15),
        subject="Kiểm tra việc thu phí chợ Trường Sơn",
        findings="Thu đúng mức đã công khai; đề nghị niêm yết bảng giá tại cổng chợ.",
    )
    boards.finding_add(
        actor=official,
        activity=market,
        text="Bảng giá dịch vụ chưa được niêm yết tại cổng chợ.",
        recommendation="Ban quản lý chợ niêm yết bảng giá tại cổng chợ.",
        due_date=today + dt.timedelta(days=15),
    )
    boards.activity_add(
        actor=official,
        board=supervision,
        kind="supervision",
        held_on=today - dt.timedelta(days=1),
        subject="Giám sát thi công đường liên thôn Trung Sơn",
        work=work,
        findings="Đúng thiết kế; nhắc nhà thầu che chắn vật liệu.",
    )


def _report_template(officer, province) -> None:
    """The province's grassroots-democracy report, pre-filled from the known figures."""
    from danvan.democracy.figures import FIGURES
    from danvan.reports import services as reports
    from danvan.reports import sources
    from danvan.reports.models import ReportTemplate

    if ReportTemplate.objects.filter(unit=province, name=TEMPLATE_NAME).exists():
        return
    template = reports.template_create(actor=officer, unit=province, name=TEMPLATE_NAME)
    keys = [(key, str(label), str(unit)) for key, label, unit, _compute in FIGURES]
    keys.append(
        (
            "petitions.cases_received",
            "Số đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận",
            "đơn",
        )
    )
    for index, (key, label, unit) in enumerate(keys, start=1):
        reports.indicator_add(
            actor=officer,
            template=template,
            code=f"dc{index:02d}",
            label=label,
            unit_label=unit,
            source_key=key if sources.get(key) else "",
        )


def populate(ctx) -> None:
    official, leader = ctx.users["canbo.truongson"], ctx.users["lanhdao.truongson"]
    commune, now = ctx.commune_a, timezone.now()
    today = timezone.localdate()
    villages = list(OrgUnit.objects.filter(parent=commune, level="village").order_by("name"))
    trung_son = _village(commune, "Thôn Trung Sơn")
    if trung_son is None:
        return
    head = _village_head(trung_son, official)
    ctx.users["truongthon.trungson"] = head
    _register(official, commune, today)
    _open_vote(ctx, head, trung_son, now)
    if hoa_son := _village(commune, "Thôn Hòa Sơn"):
        _closed_vote(official, hoa_son, now)
    if co_liem := _village(commune, "Thôn Cổ Liêm"):
        _covenant(official, leader, co_liem, today)
    _consultation(official, leader, commune, today)
    matter = Matter.objects.filter(village=trung_son, title=VOTE_TITLE).first()
    _boards(official, commune, villages, matter, today)
    _report_template(ctx.users["bdv.quangtri"], ctx.province)
    if PublicWork.objects.filter(unit=commune).exists():
        ctx.lines.append(
            f"Trang công khai dân chủ ở cơ sở của xã Trường Sơn: /cong-khai/dan-chu/xa/{commune.pk}/"
        )
