"""Demo plans (``manage.py demo``): two of the real seed plans, imported as the importer would.

- seed 002, a commune plan, issued by UBND of commune A (45/KH-UBND this year), public, with a
  couple of tasks already in progress or done;
- seed 001, a provincial plan, as a draft of the province's People's Committee to review.

Idempotent: a plan already there is left alone. Without the seeds folder it says so and skips.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from danvan.plans import importer, services
from danvan.plans.models import AssignmentStatus, Plan, TaskAssignment
from danvan.units.models import OrgUnit

ISSUED_NUMBER, ISSUED_SYMBOL = "45", "KH-UBND"


def seeds_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "seeds"


def _seed_text(folder: Path, prefix: str) -> str | None:
    found = sorted(folder.glob(f"{prefix}_*.txt"))
    return found[0].read_text(encoding="utf-8") if found else None


def _people_committee(territory: OrgUnit) -> OrgUnit:
    return (
        OrgUnit.objects.active()
        .filter(parent=territory, unit_type__code="people_committee")
        .order_by("pk")
        .first()
        or territory
    )


def populate(ctx, folder: Path | None = None) -> None:
    folder = folder or seeds_dir()
    if not folder.is_dir():
        ctx.lines.append(f"Kế hoạch demo: bỏ qua (không thấy thư mục mẫu {folder}).")
        return
    _commune_plan(ctx, folder)
    _province_draft(ctx, folder)


def _commune_plan(ctx, folder: Path) -> None:
    unit = _people_committee(ctx.commune_a)
    if Plan.objects.filter(unit=unit, number=ISSUED_NUMBER, symbol=ISSUED_SYMBOL).exists():
        return
    text = _seed_text(folder, "002")
    leader = ctx.users.get("lanhdao.truongson")
    if text is None or leader is None:
        ctx.lines.append("Kế hoạch demo của xã: bỏ qua (thiếu văn bản mẫu 002).")
        return
    today = timezone.localdate()
    draft, _data = importer.propose(text, within=unit)
    draft.header.title = re.sub(r"(?<!\d)20\d\d(?!\d)", str(today.year), draft.header.title)
    matches = importer.match_ids(importer.match_units(draft.unit_names(), unit))
    for task in draft.tasks:  # what the text does not name, or the tree lacks: the committee
        for name in task.responsible:
            matches.setdefault(name, unit.pk)
        if not task.responsible:
            task.responsible, task.roles = [unit.name], ["lead"]
            matches[unit.name] = unit.pk
        if task.deadline.kind == "date":
            task.deadline.kind, task.deadline.date = "none", None
    plan = services.plan_create_from_draft(
        actor=leader,
        unit=unit,
        draft=draft,
        unit_matches=matches,
        period_start=today.year,
        period_end=today.year,
    )
    plan = services.plan_issue(
        actor=leader,
        plan=plan,
        number=ISSUED_NUMBER,
        symbol=ISSUED_SYMBOL,
        issued_on=today,
    )
    services.plan_set_public(actor=leader, plan=plan, is_public=True)
    assignments = list(
        TaskAssignment.objects.filter(task__plan=plan, role="lead").order_by(
            "task__position", "pk"
        )[:3]
    )
    reports = [
        (AssignmentStatus.DONE, 100, "Đã tổ chức hội nghị quán triệt cho cán bộ, công chức."),
        (AssignmentStatus.IN_PROGRESS, 40, "Đang tuyên truyền trên loa truyền thanh các thôn."),
        (AssignmentStatus.IN_PROGRESS, 20, "Đã xây dựng kế hoạch chi tiết."),
    ]
    for assignment, (status, progress, note) in zip(assignments, reports, strict=False):
        services.assignment_update_status(
            actor=leader, assignment=assignment, status=status, progress=progress, note=note
        )
    ctx.lines.append(
        f"Kế hoạch demo: {plan.code} của {unit.name} (đã ban hành, công khai, "
        f"{plan.tasks.count()} nhiệm vụ)."
    )


def _province_draft(ctx, folder: Path) -> None:
    unit = _people_committee(ctx.province)
    officer = ctx.users.get("bdv.quangtri")
    text = _seed_text(folder, "001")
    if text is None or officer is None:
        ctx.lines.append("Kế hoạch demo của tỉnh: bỏ qua (thiếu văn bản mẫu 001).")
        return
    draft, _data = importer.propose(text, within=unit)
    if Plan.objects.filter(unit=unit, title=draft.header.title[:500] or "—").exists():
        return
    matches = importer.match_ids(importer.match_units(draft.unit_names(), unit))
    plan = services.plan_create_from_draft(
        actor=officer, unit=unit, draft=draft, unit_matches=matches
    )
    ctx.lines.append(
        f"Kế hoạch demo: dự thảo của {unit.name} ({plan.tasks.count()} nhiệm vụ), để xem lại."
    )
