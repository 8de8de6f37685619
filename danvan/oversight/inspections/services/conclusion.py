"""The conclusion, its recommendations, and the plan's task that follows them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.oversight import kinds, rules
from danvan.oversight.inspections import notices
from danvan.oversight.inspections.services.common import (
    TEXT_MAX,
    _date,
    _not_future,
    _require,
    _require_open,
)
from danvan.oversight.models import (
    OPEN_INSPECTION,
    Inspection,
    InspectionPlan,
    InspectionStatus,
)
from danvan.oversight.recommendations import services as recommendations
from danvan.oversight.recommendations.services import show_date
from danvan.units.models import OrgUnit

# --- The conclusion and its recommendations ---------------------------------------------------------


def _check_number_free(inspection: Inspection, number: str, symbol: str, day: dt.date) -> None:
    taken = (
        Inspection.objects.filter(
            plan__unit=inspection.plan.unit,
            conclusion_number=number,
            conclusion_symbol=symbol,
            conclusion_date__year=day.year,
        )
        .exclude(pk=inspection.pk)
        .exists()
    )
    if taken:
        raise ConflictError(
            _("%(unit)s has already used the number %(number)s in %(year)d.")
            % {"unit": inspection.plan.unit.name, "number": f"{number}/{symbol}", "year": day.year},
            code="duplicate_number",
            field="conclusion_number",
        )


@transaction.atomic
def inspection_conclude(
    *,
    actor,
    inspection: Inspection,
    conclusion_number: str,
    conclusion_symbol: str,
    conclusion_date: dt.date,
    conclusion_text: str,
    signer_name: str = "",
    signer_position: str = "",
    recipients: str = "",
    version: int | None = None,
) -> Inspection:
    """The conclusion (kết luận kiểm tra / thông báo kết luận) with its number and date, signed
    by a leader of the organising unit; the plan's task moves on."""
    _require(
        rules.organises(actor, inspection, rules.ISSUE),
        _("A leader of the organising unit signs the conclusion."),
    )
    inspection = lock(inspection)
    check_version(inspection, version)
    _require_open(inspection)
    if inspection.status not in OPEN_INSPECTION:
        raise ConflictError(_("Notify the unit first."), code="not_notified")
    number = clean_text(
        conclusion_number,
        field="conclusion_number",
        label=_("number"),
        max_length=20,
        required=True,
        one_line=True,
    )
    if not number.isdigit():
        raise ValidationFailed(
            _("The number is written in digits, for example 12."), field="conclusion_number"
        )
    number = number.zfill(2)  # "Số: 01/TB-SNV": numbers under 10 take a leading zero (NĐ 30/2020)
    symbol = clean_text(
        conclusion_symbol,
        field="conclusion_symbol",
        label=_("symbol"),
        max_length=60,
        required=True,
        one_line=True,
    )
    day = _not_future(
        _date(conclusion_date, field="conclusion_date", label=_("date of the conclusion")),
        field="conclusion_date",
        label=_("date of the conclusion"),
    )
    if day < inspection.starts_on:
        raise ValidationFailed(
            _("The conclusion cannot be dated before the inspection started (%(date)s).")
            % {"date": show_date(inspection.starts_on)},
            field="conclusion_date",
        )
    _check_number_free(inspection, number, symbol, day)
    before = audit.snapshot(inspection, ["status"])
    inspection.conclusion_number, inspection.conclusion_symbol, inspection.conclusion_date = (
        number,
        symbol,
        day,
    )
    inspection.conclusion_text = clean_text(
        conclusion_text,
        field="conclusion_text",
        label=_("conclusion"),
        max_length=TEXT_MAX,
        required=True,
    )
    inspection.signer_name = clean_text(
        signer_name, field="signer_name", label=_("signer"), max_length=150, one_line=True
    )
    inspection.signer_position = clean_text(
        signer_position,
        field="signer_position",
        label=_("signer's position"),
        max_length=150,
        one_line=True,
    )
    inspection.recipients = clean_text(
        recipients, field="recipients", label=_("recipients"), max_length=2000
    )
    inspection.status = InspectionStatus.CONCLUDED
    inspection.concluded_by = actor
    bump(inspection)
    inspection.save()
    audit.record(
        actor,
        "inspection.concluded",
        inspection,
        before=before,
        after=audit.snapshot(
            inspection, ["status", "conclusion_number", "conclusion_symbol", "conclusion_date"]
        ),
    )
    _follow_task(actor, inspection.plan)
    transaction.on_commit(lambda: notices.inspection_concluded(inspection))
    return inspection


def conclusion_label(inspection: Inspection) -> str:
    return f"Thông báo kết luận kiểm tra số {inspection.conclusion_code} ngày {show_date(inspection.conclusion_date)} của {inspection.plan.unit.name}"


@transaction.atomic
def inspection_recommend(
    *,
    actor,
    inspection: Inspection,
    text: str,
    due_date: dt.date,
    addressee: OrgUnit | None = None,
    required_action: str = "",
    topic=None,
):
    """A recommendation of the conclusion, to the inspected unit by default; its deadline may
    not be before the conclusion's date."""
    from django.urls import reverse

    if not inspection.is_concluded:
        raise ConflictError(
            _("Recommendations follow the conclusion: issue the conclusion first."),
            code="not_concluded",
        )
    return recommendations.recommendation_create(
        actor=actor,
        issuer=inspection.plan.unit,
        addressee=addressee or inspection.unit,
        source_kind=kinds.INSPECTION,
        source=inspection,
        source_label=conclusion_label(inspection),
        source_url=reverse("oversight:inspection-detail", args=[inspection.pk]),
        text=text,
        required_action=required_action,
        topic=topic,
        issued_on=inspection.conclusion_date,
        due_date=due_date,
        issued_on_label=_("the conclusion"),
    )


# --- The plan's task follows ---------------------------------------------------------------------


def _follow_task(actor, plan: InspectionPlan) -> None:
    """The task of an issued plan this inspection plan fulfils reports its progress: the share
    of inspections concluded; done when every one is."""
    assignment = plan.task_assignment
    if assignment is None:
        return
    from danvan.plans import services as plan_services
    from danvan.plans.models import AssignmentStatus
    from danvan.plans.rules import MANAGE as PLANS_MANAGE

    if not access.can(actor, PLANS_MANAGE, assignment):
        return  # the person acting does not report for that unit: its people will
    total = plan.inspections.count()
    concluded = plan.inspections.filter(status=InspectionStatus.CONCLUDED).count()
    if not total:
        return
    if concluded == total:
        status, progress = AssignmentStatus.DONE, 100
    else:
        status, progress = AssignmentStatus.IN_PROGRESS, min(99, concluded * 100 // total)
    assignment.refresh_from_db()
    if (assignment.status, assignment.progress) == (status, progress):
        return
    plan_services.assignment_update_status(
        actor=actor,
        assignment=assignment,
        status=status,
        progress=progress,
        note=_("Inspection plan “%(plan)s”: %(done)d of %(total)d inspections concluded.")
        % {"plan": plan.title, "done": concluded, "total": total},
    )
