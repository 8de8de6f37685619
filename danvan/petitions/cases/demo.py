"""Demo cases (``manage.py demo``): a handful of cases of commune A in every state — a
complaint being resolved, an overdue one, a confidential denunciation, a proposal answered and
published, a citizen's feedback with its tracking code printed. Idempotent: each demo case is
marked in its source and created once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.petitions.cases import services as case_services
from danvan.petitions.models import Case, CaseField

MARK = "Dữ liệu demo #"
DEMO_PHONE = "0912 345 678"


def _field(code: str) -> CaseField:
    case_services.seed_fields()
    return CaseField.objects.get(code=code)


def populate(ctx) -> None:
    official = ctx.users.get("canbo.truongson")
    if official is None:
        return
    unit = ctx.commune_a
    today = timezone.localdate()
    specs = [
        dict(
            kind="complaint",
            field=_field("land"),
            channel="reception",
            days_ago=12,
            name="Nguyễn Văn Hải",
            content="Khiếu nại quyết định thu hồi đất nông nghiệp của "
            "gia đình tại thôn 3, đề nghị xem xét lại mức bồi thường.",
            accept=True,
        ),
        dict(
            kind="complaint",
            field=_field("compensation"),
            channel="post",
            days_ago=60,
            name="Hộ ông Lê Văn Tám và 12 hộ dân",
            content="Khiếu nại việc chậm chi trả tiền "
            "bồi thường, giải phóng mặt bằng dự án đường liên xã.",
            group=13,
            accept=True,
            complex=True,
        ),
        dict(
            kind="denunciation",
            field=_field("corruption"),
            channel="post",
            days_ago=5,
            name="Người tố cáo (bảo mật)",
            content="Tố cáo cán bộ địa chính xã có dấu hiệu "
            "nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        ),
        dict(
            kind="proposal",
            field=_field("environment"),
            channel="voter_meeting",
            days_ago=20,
            name="Trần Thị Mai",
            content="Kiến nghị xử lý tình trạng xả rác ra kênh mương nội đồng thôn Đông.",
            accept=True,
            resolve="Xã đã bố trí điểm tập kết rác và "
            "tổ chức ra quân làm sạch kênh mương ngày 15 hằng tháng.",
        ),
        dict(
            kind="feedback",
            field=_field("others"),
            channel="hotline",
            days_ago=2,
            name="Phạm Văn Nam",
            content="Phản ánh đèn chiếu sáng đường trục thôn bị hỏng nhiều ngày.",
        ),
    ]
    for n, spec in enumerate(specs, start=1):
        reference = f"{MARK}{n}"
        if Case.objects.filter(unit=unit, source_reference=reference).exists():
            continue
        case = case_services.case_receive(
            actor=official,
            unit=unit,
            kind=spec["kind"],
            channel=spec["channel"],
            content=spec["content"],
            received_on=today - dt.timedelta(days=spec["days_ago"]),
            petitioner_name=spec["name"],
            petitioner_phone=DEMO_PHONE,
            petitioner_kind="group" if spec.get("group") else "person",
            petitioner_count=spec.get("group", 1),
            field=spec["field"],
            is_complex=spec.get("complex", False),
            is_crowd=bool(spec.get("group")),
            source_reference=reference,
        )
        if spec.get("accept"):
            case = case_services.case_accept(
                actor=official,
                case=case,
                accepted_on=case.received_on + dt.timedelta(days=2),
            )
        if spec.get("resolve"):
            case_services.case_resolve(
                actor=official,
                case=case,
                decision_number="12/TB-UBND",
                decision_date=today,
                content=spec["resolve"],
                publish=True,
            )
    public = Case.objects.filter(unit=unit, petitioner_name="Đỗ Thị Lan").first()
    if public is None:
        public = case_services.case_receive_public(
            unit=unit,
            kind="proposal",
            content="Đề nghị xã mở lớp hướng dẫn sử dụng dịch vụ "
            "công trực tuyến cho người cao tuổi.",
            name="Đỗ Thị Lan",
            phone="0988 111 222",
            field=_field("policies"),
        )
    ctx.lines.append(
        f"Đơn thư demo: tra cứu tại /cong-khai/y-kien/tra-cuu/ với mã {public.tracking_code} "
        "và số điện thoại 0988 111 222."
    )
