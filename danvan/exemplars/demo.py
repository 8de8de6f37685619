"""Demo “Dân vận khéo” data (``manage.py demo``): the province's round for this year (rubric
from seed 000, quota 1–2 from seed 004, the Ban Dân vận officer on the council), and models of
the two demo communes at several steps — one recognised, commended and public, replicated by
the other commune; one in progress; a draft individual exemplar.

Idempotent: a round or a model already there (same unit, year and name) is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.exemplars import services
from danvan.exemplars.models import Exemplar, Field, Kind, Round, Status
from danvan.units.models import OrgUnit

ROAD = "Dân vận khéo trong vận động Nhân dân hiến đất làm đường giao thông nông thôn"
ROAD_STORY = (
    "Năm {year}, xã Trường Sơn vận động 126 hộ dân hiến hơn 8.000 m² đất, góp 1.200 ngày công "
    "để mở rộng 5,2 km đường liên thôn. Cán bộ, đảng viên đi đầu hiến đất; thôn họp dân bàn "
    "phương án, công khai từng khoản đóng góp; Mặt trận và các đoàn thể nhận đoạn đường tự quản."
)
GROUP = "Tổ liên gia tự quản về an ninh, trật tự"
PERSON = "Già làng Hồ Văn Thanh — người giữ bình yên bản làng"


def _people_committee(territory: OrgUnit) -> OrgUnit:
    return (
        OrgUnit.objects.active()
        .filter(parent=territory, unit_type__code="people_committee")
        .order_by("pk")
        .first()
        or territory
    )


def _model(actor, unit, year, title, **fields) -> tuple[Exemplar, bool]:
    found = Exemplar.objects.filter(unit=unit, year=year, title=title).first()
    if found:
        return found, False
    return services.exemplar_create(actor=actor, unit=unit, year=year, title=title, **fields), True


def populate(ctx) -> None:
    officer = ctx.users.get("bdv.quangtri")
    official_a = ctx.users.get("canbo.truongson")
    official_b = ctx.users.get("canbo.kimphu")
    if not (officer and official_a and official_b):
        ctx.lines.append("Mô hình Dân vận khéo demo: bỏ qua (thiếu tài khoản demo).")
        return
    year = timezone.localdate().year
    round_ = Round.objects.filter(unit=ctx.province, year=year).first()
    if round_ is None:
        round_ = services.round_create(
            actor=officer,
            unit=ctx.province,
            year=year,
            registration_deadline=dt.date(year, 12, 15),
            title=f"Đăng ký, bình xét mô hình “Dân vận khéo” năm {year}",
        )
    if not round_.members.filter(user=officer).exists():
        services.member_add(actor=officer, round=round_, user=officer, role="Chủ tịch Hội đồng")

    unit_a = _people_committee(ctx.commune_a)
    road, created = _model(
        official_a,
        unit_a,
        year,
        ROAD,
        kind=Kind.INITIATIVE,
        field=Field.ECONOMY,
        problem="Đường liên thôn hẹp, xuống cấp; mùa mưa học sinh đi lại khó khăn.",
        goals="Mở rộng đường liên thôn bằng sức dân, không để khiếu kiện về đất.",
        targets="5 km đường bê tông rộng 5 m; 100% hộ dọc tuyến đồng thuận.",
        participants="UBND xã, Mặt trận, Hội Nông dân, Đoàn Thanh niên, 126 hộ dân",
        budget=1_500_000_000,
        resources="Ngân sách xã 40%, Nhân dân đóng góp 60% (đất, ngày công).",
        start_date=dt.date(year, 2, 1),
        end_date=dt.date(year, 10, 31),
    )
    if created:
        road = services.exemplar_register(actor=official_a, exemplar=road)
        services.evidence_add(
            actor=official_a,
            exemplar=road,
            kind="note",
            text="Đã họp dân 4 thôn; 126/126 hộ ký cam kết hiến đất.",
        )
        services.evidence_add(
            actor=official_a,
            exemplar=road,
            kind="figure",
            figure_label="Chiều dài đường đã bê tông hóa",
            figure_value=5.2,
            figure_unit="km",
        )
        road = services.exemplar_start(actor=official_a, exemplar=road)
        scores = {str(c.pk): c.max_score - 2 for c in round_.criteria.all()}
        services.exemplar_self_assess(
            actor=official_a,
            exemplar=road,
            scores=scores,
            comment="Mô hình đạt mục tiêu, Nhân dân đồng thuận cao, có thể nhân rộng.",
        )
        road.refresh_from_db()
        services.score_submit(
            actor=officer,
            exemplar=road,
            scores={str(c.pk): c.max_score - 3 for c in round_.criteria.all()},
            recommend=True,
            comment="Cách làm bài bản, lan tỏa tốt.",
        )
        services.review_close(actor=officer, exemplar=road)
        services.exemplar_recognise(
            actor=officer,
            exemplar=road,
            recognised_by="Ban Thường vụ Tỉnh ủy Quảng Trị",
            decision_number="125-QĐ/TU",
            decision_date=timezone.localdate(),
        )
        road.refresh_from_db()
        services.commendation_add(
            actor=officer,
            exemplar=road,
            form="merit",
            level="province",
            issuer="Chủ tịch UBND tỉnh Quảng Trị",
            decision_number="2150/QĐ-UBND",
            decision_date=timezone.localdate(),
        )
        road.refresh_from_db()
        services.exemplar_publish(
            actor=officer,
            exemplar=road,
            is_public=True,
            story=ROAD_STORY.format(year=year),
            results="5,2 km đường bê tông; 126 hộ hiến đất; không có đơn thư khiếu nại.",
        )

    group, created = _model(
        official_a,
        unit_a,
        year,
        GROUP,
        kind=Kind.COLLECTIVE,
        field=Field.DEFENCE_SECURITY,
        goals="Mỗi tổ 10–15 hộ tự quản an ninh, trật tự; hòa giải mâu thuẫn tại cơ sở.",
        targets="Giảm 30% vụ việc phải chuyển lên xã.",
    )
    if created:
        group = services.exemplar_register(actor=official_a, exemplar=group)
        services.exemplar_start(actor=official_a, exemplar=group)

    _model(
        official_a,
        unit_a,
        year,
        PERSON,
        kind=Kind.INDIVIDUAL,
        field=Field.CULTURE_SOCIETY,
        person_name="Hồ Văn Thanh",
        person_position="Già làng, Bí thư chi bộ thôn",
    )

    unit_b = _people_committee(ctx.commune_b)
    copy, created = _model(
        official_b,
        unit_b,
        year,
        "Nhân rộng mô hình hiến đất làm đường giao thông nông thôn",
        kind=Kind.INITIATIVE,
        field=Field.ECONOMY,
        replicates=road if road.status != Status.DRAFT else None,
        goals="Mở rộng 3 km đường liên thôn theo cách làm của xã Trường Sơn.",
    )
    if created:
        services.exemplar_register(actor=official_b, exemplar=copy)
    ctx.lines.append(
        f"Mô hình Dân vận khéo demo: đợt {year} của {ctx.province.name}; "
        f"trang công khai /cong-khai/dan-van-kheo/{road.pk}/"
    )
