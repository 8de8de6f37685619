"""Demo reports (``manage.py demo``): the province's template and its annual round.

- a template "Báo cáo công tác dân vận chính quyền" of Tỉnh Quảng Trị: the five narrative
  sections, indicators pre-filled from what the system knows (plans, and the models and cases
  when those apps registered their figures) and a few typed ones with rules;
- the annual round of this year, opened by the province's Ban Dân vận officer: every commune
  People's Committee reports to the Department of Home Affairs (not their parent), due 01/11;
- UBND xã Trường Sơn's report filled and submitted (so it waits for review), UBND xã Kim Phú's
  a draft; the other communes are missing (the dashboard shows them, with reminders).

Idempotent: the template and the round are found by name and nothing is created twice.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.reports import services, sources
from danvan.reports.models import ReportKind, ReportRound, ReportTemplate, SelectionMode
from danvan.units.models import OrgUnit

TEMPLATE_NAME = "Báo cáo công tác dân vận chính quyền"
INDICATORS = [
    # code, label, unit of measure, known figure
    ("plans_issued", "Số kế hoạch về công tác dân vận được ban hành", "kế hoạch", "plans.issued"),
    ("tasks_done", "Số nhiệm vụ đã hoàn thành", "nhiệm vụ", "plans.tasks_done"),
    ("models_registered", "Số mô hình “Dân vận khéo” đăng ký", "mô hình", "exemplars.registered"),
    ("models_recognised", "Số mô hình được công nhận", "mô hình", "exemplars.recognised"),
    ("sessions", "Số buổi tiếp công dân", "buổi", "petitions.reception_sessions"),
    ("cases_received", "Số đơn thư tiếp nhận", "đơn", "petitions.cases_received"),
    ("cases_resolved", "Số đơn thư đã giải quyết", "đơn", "petitions.cases_resolved"),
    ("dialogues", "Số hội nghị đối thoại với Nhân dân", "hội nghị", ""),
]
NARRATIVE_A = {
    "results": "Ban hành kế hoạch thực hiện công tác dân vận chính quyền; tổ chức 2 hội nghị "
    "đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân; xây dựng mô hình "
    "“Dân vận khéo” về xây dựng nông thôn mới.",
    "limitations": "Một số thôn chưa cập nhật kịp thời kết quả thực hiện.",
    "causes": "Lực lượng cán bộ kiêm nhiệm nhiều việc.",
    "tasks_ahead": "Tiếp tục nhân rộng mô hình; nâng cao chất lượng tiếp công dân.",
    "proposals": "Đề nghị tỉnh tổ chức tập huấn nghiệp vụ công tác dân vận cho cấp xã.",
}


def _agency(territory: OrgUnit, code: str) -> OrgUnit:
    return (
        OrgUnit.objects.active()
        .filter(parent=territory, unit_type__code=code)
        .order_by("pk")
        .first()
        or territory
    )


def _template(officer, province) -> ReportTemplate:
    template = ReportTemplate.objects.filter(unit=province, name=TEMPLATE_NAME).first()
    if template is not None:
        return template
    template = services.template_create(actor=officer, unit=province, name=TEMPLATE_NAME)
    for code, label, unit_label, key in INDICATORS:
        services.indicator_add(
            actor=officer,
            template=template,
            code=code,
            label=label,
            unit_label=unit_label,
            source_key=key if key and sources.get(key) else "",
        )
    services.indicator_add(
        actor=officer,
        template=template,
        code="satisfaction",
        label="Tỷ lệ người dân hài lòng",
        unit_label="%",
        aggregation="avg",
        integer_only=False,
    )
    return template


def populate(ctx) -> None:
    officer = ctx.users.get("bdv.quangtri")
    if officer is None:
        return
    province = ctx.province
    template = _template(officer, province)
    year = timezone.localdate().year
    title = f"Báo cáo công tác dân vận chính quyền năm {year}"
    report_round = ReportRound.objects.filter(unit=province, title=title).first()
    if report_round is None:
        defaults = services.round_defaults(ReportKind.ANNUAL, year)
        report_round = services.round_open(
            actor=officer,
            unit=province,
            recipient=_agency(province, "home_affairs"),
            template=template,
            kind=ReportKind.ANNUAL,
            title=title,
            year=year,
            selection_mode=SelectionMode.TYPES,
            selection_root=province,
            selection_types=["people_committee@commune"],
            opens_on=min(defaults["due_date"] - dt.timedelta(days=30), timezone.localdate()),
        )
        _fill(ctx, report_round, template)
    ctx.lines.append(
        f"Báo cáo định kỳ: “{report_round.title}” — {report_round.submissions.count()} đơn vị "
        "phải báo cáo; UBND xã Trường Sơn đã gửi, chờ Sở Nội vụ xem xét (bdv.quangtri)."
    )


def _fill(ctx, report_round, template) -> None:
    from danvan.reports.selectors import known_figures_for

    indicators = list(template.indicators.all())
    typed = {"dialogues": 2, "satisfaction": "92.5"}
    for commune, user, submit in (
        (ctx.commune_a, "lanhdao.truongson", True),
        (ctx.commune_b, "canbo.kimphu", False),
    ):
        actor = ctx.users.get(user)
        submission = report_round.submissions.filter(unit__parent=commune).first()
        if actor is None or submission is None:
            continue
        known = known_figures_for(submission, indicators)
        values = {i.pk: known.get(i.pk, typed.get(i.code, 0)) for i in indicators}
        narrative = NARRATIVE_A if submit else {"results": "Đang tổng hợp số liệu."}
        service = services.submission_submit if submit else services.submission_save
        service(actor=actor, submission=submission, narrative=narrative, values=values)
