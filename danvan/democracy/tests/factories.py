"""A little of everything for a commune, made through the services (as users would)."""

import datetime as dt

from django.utils import timezone

from danvan.democracy.models import AnswerKind, BoardKind, Channel, CommentSource, DisclosureItem
from danvan.democracy.services import boards, consultations, disclosures

TODAY = timezone.localdate()


def disclosure(actor, unit, code="xa-11-7", *, days=30, decided=None, **extra):
    decided = decided or TODAY - dt.timedelta(days=40)
    return disclosures.disclosure_create(
        actor=actor,
        unit=unit,
        item=DisclosureItem.objects.get(code=code),
        title=extra.pop("title", "Mức thu phí chợ"),
        decided_on=decided,
        channel=extra.pop("channel", Channel.NOTICE_BOARD),
        posted_from=decided,
        posted_until=decided + dt.timedelta(days=days - 1),
        **extra,
    )


def consultation(actor, unit, *, answered=False, leader=None):
    c = consultations.consultation_create(
        actor=actor,
        unit=unit,
        subject="compensation",
        title="Phương án bồi thường mở rộng đường liên thôn",
        draft_text="Dự thảo: mức bồi thường đất nông nghiệp …",
        opens_on=TODAY - dt.timedelta(days=5),
        closes_on=TODAY + dt.timedelta(days=10),
    )
    c = consultations.consultation_open(actor=actor, consultation=c)
    consultations.comment_public(
        consultation_id=c.pk, text="Đề nghị hỗ trợ thêm cho hộ nghèo", author="Bà Lan"
    )
    consultations.comment_enter(
        actor=actor, consultation=c, source=CommentSource.MEETING, text="Cần công bố bản đồ"
    )
    if answered:
        c = consultations.consultation_close(actor=actor, consultation=c)
        group = consultations.group_create(
            actor=actor,
            consultation=c,
            summary="Hỗ trợ hộ nghèo, bản đồ",
            comment_ids=list(c.comments.values_list("pk", flat=True)),
        )
        consultations.group_answer(
            actor=actor,
            group=group,
            answer_kind=AnswerKind.ACCEPTED,
            answer="Bổ sung mức hỗ trợ 10%",
        )
        if leader is not None:
            c = consultations.consultation_decide(
                actor=leader, consultation=c, decided_on=TODAY, decision="Thông qua"
            )
    return c


def board(actor, unit):
    made = boards.board_create(
        actor=actor,
        unit=unit,
        kind=BoardKind.INSPECTION,
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2029, 12, 31),
    )
    boards.member_add(actor=actor, board=made, full_name="Trần Văn Thanh", role="head")
    activity = boards.activity_add(
        actor=actor,
        board=made,
        kind="inspection",
        held_on=TODAY,
        subject="Kiểm tra thu phí chợ",
        findings="Thu đúng mức",
    )
    boards.finding_add(
        actor=actor,
        activity=activity,
        text="Chưa niêm yết bảng giá",
        recommendation="Niêm yết bảng giá tại cổng chợ",
        due_date=TODAY + dt.timedelta(days=10),
    )
    return made


def work(actor, unit, village=None):
    from decimal import Decimal

    return boards.work_create(
        actor=actor,
        unit=unit,
        name="Đường bê tông thôn Đông",
        owner="UBND xã",
        budget=Decimal(500_000_000),
        state_funds=Decimal(300_000_000),
        contributions=Decimal(200_000_000),
        village=village,
        board=None,
        matter=None,
        starts_on=TODAY,
        ends_on=None,
        is_public=True,
    )
