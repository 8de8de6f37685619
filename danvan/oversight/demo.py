"""Demo oversight data (``manage.py demo``), idempotent:

- the province's Department of Home Affairs inspects Xã Trường Sơn, carrying out a task of the
  province's plan (seed 001), with an invited officer of the Ban Tuyên giáo và Dân vận on the team
  (open to her until the inspection ends); the conclusion issued, one recommendation overdue,
  one answered and awaiting verification;
- the commune's Fatherland Front supervises the People's Committee: result, recommendations
  (one done), published on the public site;
- the People's Committee's draft plan critiqued by the Front, every point answered (accepted,
  explained, not accepted with reasons);
- a question at the commune council's session and the commitment followed.

Demo accounts added (same password as the others): ``kiemtra.sonoivu`` (leader of the
Department of Home Affairs), ``btgdv.quangtri`` (officer of the Ban Tuyên giáo và Dân vận, no
grant over the commune), ``mttq.truongson`` (officer of the commune's Front).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.accounts.models import Role, RoleGrant, User
from danvan.oversight.critiques import services as critiques
from danvan.oversight.inspections import services as inspections
from danvan.oversight.models import (
    CouncilSession,
    Critique,
    InspectionPlan,
    SupervisionProgramme,
    SupervisorKind,
    TeamRole,
    Topic,
)
from danvan.oversight.recommendations import services as recommendations
from danvan.oversight.supervision import services as supervision
from danvan.units.models import OrgUnit

PLAN_TITLE = "Kế hoạch kiểm tra công tác cải cách hành chính và dân vận chính quyền"


def _agency(territory: OrgUnit, type_code: str) -> OrgUnit | None:
    return (
        OrgUnit.objects.active()
        .filter(parent=territory, unit_type__code=type_code)
        .order_by("pk")
        .first()
    )


def _user(ctx, username: str, full_name: str, home: OrgUnit, role: str, position: str) -> User:
    model = ctx.users.get("canbo.truongson")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "home_unit": home,
            "email": f"{username}@demo.invalid",
            "position": position,
        },
    )
    if created and model is not None:
        user.password = model.password  # the demo accounts share one password
        user.save(update_fields=["password"])
    RoleGrant.objects.get_or_create(user=user, role=role, unit=home)
    ctx.users[username] = user
    return user


def _topic(code: str) -> Topic | None:
    return Topic.objects.filter(code=code).first()


def populate(ctx) -> None:
    province, commune = ctx.province, ctx.commune_a
    home_affairs = _agency(province, "home_affairs")
    ban = _agency(province, "mass_mobilisation")
    committee = _agency(commune, "people_committee")
    front = _agency(commune, "fatherland_front")
    council = _agency(commune, "people_council")
    official = ctx.users.get("canbo.truongson")
    leader = ctx.users.get("lanhdao.truongson")
    if None in (home_affairs, ban, committee, front, council, official, leader):
        ctx.lines.append("Kiểm tra, giám sát demo: bỏ qua (thiếu đơn vị hoặc tài khoản mẫu).")
        return
    director = _user(
        ctx, "kiemtra.sonoivu", "Ngô Văn Kiểm", home_affairs, Role.LEADER, "Phó Giám đốc Sở Nội vụ"
    )
    invited = _user(
        ctx,
        "btgdv.quangtri",
        "Đinh Thị Mời",
        ban,
        Role.OFFICIAL,
        "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy",
    )
    front_officer = _user(
        ctx, "mttq.truongson", "Võ Thị Mặt Trận", front, Role.OFFICIAL, "Phó Chủ tịch UB MTTQ xã"
    )
    today = timezone.localdate()
    _inspection(ctx, director, invited, official, home_affairs, commune, today)
    _supervision(front_officer, leader, official, front, committee, today)
    _critique(official, front_officer, committee, front, today)
    _question(official, council, committee, today)
    ctx.lines.append(
        "Kiểm tra, giám sát, phản biện: /kiem-tra-giam-sat/kiem-tra/ (kiemtra.sonoivu; thành viên "
        "đoàn được mời: btgdv.quangtri), kiến nghị cần trả lời: /kiem-tra-giam-sat/kien-nghi/"
        "can-tra-loi/ (canbo.truongson), giám sát và phản biện: mttq.truongson; công khai: "
        "/cong-khai/giam-sat/."
    )


def _province_task(director, home_affairs, province, today):
    """The task of the province's plan the inspections carry out (seed 001, part III.1)."""
    from danvan.plans import services as plan_services
    from danvan.plans.models import Plan

    committee = _agency(province, "people_committee") or province
    plan = Plan.objects.filter(unit=committee, number="19", symbol="KH-UBND").first()
    if plan is None:
        officer = User.objects.filter(grants__role=Role.BDV_OFFICER, grants__unit=province).first()
        if officer is None:
            return None
        plan = plan_services.plan_create(
            actor=officer,
            unit=committee,
            period_start=today.year,
            period_end=today.year,
            title=f"Kế hoạch thực hiện công tác dân vận chính quyền năm {today.year}",
        )
        plan_services.task_create(
            actor=officer,
            plan=plan,
            section=plan.sections.order_by("position").last(),
            content="Lập kế hoạch kiểm tra công tác cải cách hành chính trong 6 tháng cuối năm "
            "(mời Ban Dân vận tham gia các đoàn kiểm tra); báo cáo kết quả trước ngày 01/11",
            lead_units=[home_affairs],
        )
        plan = plan_services.plan_issue(
            actor=officer, plan=plan, number="19", symbol="KH-UBND", issued_on=today
        )
    return plan.tasks.first().assignments.filter(unit=home_affairs).first()


def _inspection(ctx, director, invited, official, home_affairs, commune, today) -> None:
    if InspectionPlan.objects.filter(unit=home_affairs, title=PLAN_TITLE).exists():
        return
    topics = [t for t in (_topic("cai-cach-hanh-chinh"), _topic("dan-van-chinh-quyen")) if t]
    plan = inspections.inspection_plan_create(
        actor=director,
        unit=home_affairs,
        title=PLAN_TITLE,
        number="25/KH-SNV",
        period_start=today - dt.timedelta(days=60),
        period_end=today + dt.timedelta(days=90),
        topics=topics,
        task_assignment=_province_task(director, home_affairs, ctx.province, today),
        report_to=_agency(ctx.province, "people_committee"),
        report_due=dt.date(today.year, 10, 31)
        if today.month < 10
        else today + dt.timedelta(days=30),
    )
    inspection = inspections.inspection_add(
        actor=director,
        plan=plan,
        unit=commune,
        starts_on=today - dt.timedelta(days=40),
        ends_on=today + dt.timedelta(days=10),
    )
    inspections.team_member_add(
        actor=director, inspection=inspection, user=director, role=TeamRole.HEAD
    )
    inspections.team_member_add(
        actor=director, inspection=inspection, user=invited, role=TeamRole.MEMBER
    )
    inspection = inspections.inspection_notify(
        actor=director,
        inspection=inspection,
        notice_number="112/TB-SNV",
        notice_date=today - dt.timedelta(days=45),
        notice_text="Đề nghị UBND xã chuẩn bị báo cáo tự kiểm tra công tác cải cách hành chính, "
        "tiếp công dân và thực hiện dân chủ ở cơ sở; bố trí lãnh đạo làm việc với Đoàn.",
        self_report_due=today - dt.timedelta(days=38),
    )
    inspections.self_report_submit(
        actor=official,
        inspection=inspection,
        text="Năm nay xã tiếp nhận 1.245 hồ sơ thủ tục hành chính, trả đúng hạn 1.198 hồ sơ "
        "(96,2%); niêm yết công khai 112 thủ tục tại bộ phận một cửa.",
    )
    inspections.working_record_add(
        actor=director,
        inspection=inspection,
        held_on=today - dt.timedelta(days=36),
        place="Trụ sở UBND xã Trường Sơn",
        participants="Đoàn kiểm tra Sở Nội vụ; đại diện Ban Tuyên giáo và Dân vận Tỉnh ủy; "
        "lãnh đạo UBND xã",
        content="Đoàn làm việc với UBND xã, kiểm tra ngẫu nhiên 40 hồ sơ thủ tục hành chính.",
    )
    inspections.finding_add(
        actor=director,
        inspection=inspection,
        kind="strength",
        text="Niêm yết đầy đủ thủ tục hành chính; thái độ phục vụ tốt.",
    )
    inspections.finding_add(
        actor=director,
        inspection=inspection,
        kind="shortcoming",
        text="47 hồ sơ trả kết quả chậm, chưa có văn bản xin lỗi người dân.",
    )
    inspection = inspections.inspection_conclude(
        actor=director,
        inspection=inspection,
        conclusion_number="12",
        conclusion_symbol="TB-SNV",
        conclusion_date=today - dt.timedelta(days=30),
        conclusion_text="UBND xã Trường Sơn đã triển khai nghiêm túc công tác cải cách hành chính "
        "và dân vận chính quyền; tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,2%.\nCòn 47 hồ sơ trả "
        "kết quả chậm; việc xin lỗi người dân khi trễ hẹn chưa được thực hiện.",
        signer_name="Ngô Văn Kiểm",
        signer_position="Phó Giám đốc",
        recipients="UBND xã Trường Sơn;\nBan Tuyên giáo và Dân vận Tỉnh ủy;\nLưu: VT, TTra.",
    )
    topic = _topic("cai-cach-hanh-chinh")
    inspections.inspection_recommend(
        actor=director,
        inspection=inspection,
        topic=topic,
        due_date=today - dt.timedelta(days=5),
        text="Gửi văn bản xin lỗi người dân đối với 47 hồ sơ trả kết quả chậm.",
        required_action="Báo cáo kết quả về Sở Nội vụ kèm bản sao văn bản xin lỗi.",
    )
    second = inspections.inspection_recommend(
        actor=director,
        inspection=inspection,
        topic=topic,
        due_date=today + dt.timedelta(days=20),
        text="Rà soát quy trình nội bộ, bảo đảm trả kết quả đúng hẹn.",
    )
    recommendations.recommendation_answer(
        actor=official,
        recommendation=second,
        kind="done",
        text="UBND xã đã ban hành quy trình nội bộ mới, phân công công chức theo dõi hạn trả kết quả.",
    )


def _supervision(front_officer, leader, official, front, committee, today) -> None:
    title = f"Chương trình giám sát năm {today.year} của UB MTTQ xã"
    if SupervisionProgramme.objects.filter(unit=front, title=title).exists():
        return
    programme = supervision.programme_create(
        actor=front_officer, unit=front, kind=SupervisorKind.FRONT, year=today.year, title=title
    )
    start = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=25))
    item = supervision.supervision_add(
        actor=front_officer,
        programme=programme,
        topic=_topic("dan-chu-co-so"),
        subject="Giám sát việc thực hiện dân chủ ở cơ sở và công khai ngân sách xã",
        units=[committee],
        starts_on=start,
        ends_on=max(start, today - dt.timedelta(days=20)),
    )
    item = supervision.supervision_conclude(
        actor=front_officer,
        supervision=item,
        result_number="05/TB-MTTQ",
        result_date=max(start, today - dt.timedelta(days=18)),
        result_text="UBND xã công khai dự toán ngân sách đúng quy định; một số khoản đóng góp "
        "của Nhân dân chưa được công khai tại nhà văn hóa thôn.",
    )
    done = supervision.supervision_recommend(
        actor=front_officer,
        supervision=item,
        due_date=today + dt.timedelta(days=5),
        text="Công khai các khoản đóng góp của Nhân dân tại 6 nhà văn hóa thôn.",
    )
    recommendations.recommendation_answer(
        actor=official,
        recommendation=done,
        kind="done",
        text="Đã niêm yết tại 6/6 nhà văn hóa thôn từ đầu tháng.",
    )
    recommendations.recommendation_verify(
        actor=front_officer, recommendation=done, note="Đã kiểm tra thực tế tại các thôn."
    )
    supervision.supervision_recommend(
        actor=front_officer,
        supervision=item,
        due_date=today + dt.timedelta(days=40),
        text="Tổ chức đối thoại với Nhân dân về việc sử dụng quỹ xây dựng nông thôn mới.",
    )
    supervision.supervision_publish(actor=leader, supervision=item, published=True)


def _critique(official, front_officer, committee, front, today) -> None:
    title = f"Kế hoạch xây dựng nông thôn mới kiểu mẫu năm {today.year + 1}"
    if Critique.objects.filter(unit=committee, title=title).exists():
        return
    critique = critiques.critique_create(
        actor=official,
        unit=committee,
        kind="plan",
        title=title,
        organisations=[front],
        summary="Mục tiêu: 2 thôn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu; huy động 1,2 tỷ đồng.",
        topic=_topic("dan-van-chinh-quyen"),
        published_on=today - dt.timedelta(days=20),
        critique_due=today - dt.timedelta(days=10),
        answer_due=today + dt.timedelta(days=5),
    )
    critiques.critique_submit(
        actor=front_officer,
        critique=critique,
        organisation=front,
        reference="08/PB-MTTQ",
        submitted_on=today - dt.timedelta(days=12),
        summary="Cơ bản thống nhất với dự thảo.",
        points=[
            "Bổ sung phương án huy động nguồn lực, không để mức đóng góp vượt khả năng của hộ nghèo.",
            "Làm rõ vai trò giám sát của Ban giám sát đầu tư của cộng đồng.",
            "Đề nghị lùi tiến độ thôn Đông sang quý II.",
        ],
    )
    answers = [
        ("done", "Tiếp thu: bổ sung mục miễn, giảm đóng góp cho hộ nghèo, hộ cận nghèo."),
        ("explained", "Vai trò của Ban giám sát đầu tư của cộng đồng đã quy định tại mục III.3."),
        ("declined", "Không tiếp thu: tiến độ theo chỉ tiêu tỉnh giao, thôn Đông đã đủ điều kiện."),
    ]
    points = critiques.critique_points(critique).order_by("number")
    for point, (kind, text) in zip(points, answers, strict=False):
        recommendations.recommendation_answer(
            actor=official, recommendation=point, kind=kind, text=text
        )


def _question(official, council, committee, today) -> None:
    if CouncilSession.objects.filter(unit=council).exists():
        return
    session = supervision.session_create(
        actor=official,
        unit=council,
        title="Kỳ họp thường lệ giữa năm của HĐND xã",
        held_on=today - dt.timedelta(days=15),
    )
    question = supervision.question_add(
        actor=official,
        session=session,
        deputy="Đại biểu Nguyễn Văn Bảy",
        addressee=committee,
        respondent="Chủ tịch UBND xã",
        text="Khi nào hoàn thành sửa chữa tuyến đường liên thôn Đông – Tây bị sạt lở?",
        answer="UBND xã đã bố trí vốn; sẽ hoàn thành trong quý tới.",
        answered_on=today - dt.timedelta(days=15),
    )
    supervision.question_commit(
        actor=official,
        question=question,
        due_date=today + dt.timedelta(days=75),
        text="Hoàn thành sửa chữa tuyến đường liên thôn Đông – Tây.",
    )
