"""Checks shared by the plan services: who may change a plan now, the units a plan may assign
work to, the plan's period and deadlines, and the amendment record of an issued plan."""

import datetime as dt
from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.plans import deadlines
from danvan.plans.models import DeadlineKind, Plan, PlanAmendment, PlanStatus
from danvan.plans.rules import ISSUE, MANAGE
from danvan.units.models import OrgUnit

REASON_MAX = 2000
SUMMARY_MAX = 300
FIRST_YEAR, LAST_YEAR = 1945, 2100
MAX_PERIOD_YEARS = 30
MAX_UNITS_PER_TASK = 300


def show_date(day: dt.date) -> str:
    return formats.date_format(day, "d/m/Y")


# --- Who may change a plan -----------------------------------------------------------------


def require_editable(actor, plan: Plan, reason: str = "") -> str:
    """A draft: anyone managing its unit edits it. An issued plan is locked: a change is an
    amendment, made by someone who may issue plans there, with a reason. Returns the reason."""
    if plan.status == PlanStatus.DRAFT:
        access.require(actor, MANAGE, plan)
        return ""
    access.require(actor, ISSUE, plan)
    reason = clean_text(reason, field="reason", label=_("reason"), max_length=REASON_MAX)
    if not reason:
        raise ValidationFailed(
            _("This plan has been issued, so a change to it is an amendment: give its reason."),
            field="reason",
            code="reason_required",
        )
    return reason


def record_amendment(actor, plan: Plan, reason: str, summary: str) -> PlanAmendment | None:
    """Keep the amendment of an issued plan (the audit entry holds before and after)."""
    if plan.status != PlanStatus.ISSUED:
        return None
    return PlanAmendment.objects.create(
        plan=plan, reason=reason, summary=summary[:SUMMARY_MAX], author=actor
    )


def record_change(
    actor,
    plan: Plan,
    reason: str,
    summary: str,
    action: str,
    obj,
    *,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """Audit a change to a plan's content, and keep it as an amendment once the plan is issued
    (the audit entry then names the amendment)."""
    amendment = record_amendment(actor, plan, reason, summary)
    if amendment is not None:
        after = {**(after or {}), "amendment": amendment.pk}
    elif after is not None:
        after = {**after, "amendment": None}
    audit.record(actor, action, obj, before=before, after=after)


def require_issued(plan: Plan, message: str) -> None:
    if plan.status != PlanStatus.ISSUED:
        raise ConflictError(message, code="plan_not_issued")


# --- The units a plan may assign work to ---------------------------------------------------


def territory_of(unit: OrgUnit) -> OrgUnit:
    """The unit itself if it is a territory, else its nearest territory above it (the commune
    of a commune's People's Committee); the unit itself if there is none."""
    if unit.unit_type.is_territory:
        return unit
    ancestors = (
        OrgUnit.objects.filter(pk__in=unit.ancestor_ids, unit_type__is_territory=True)
        .order_by("-depth")
        .first()
    )
    return ancestors or unit


def assignable_units(plan_unit: OrgUnit):
    """The active units a plan of ``plan_unit`` may assign tasks to, ask for implementing
    plans, or cascade to: the subtree of its nearest territory (a province's plan reaches the
    province's departments and communes; a commune's plan its agencies and villages)."""
    return OrgUnit.objects.active().filter(path__startswith=territory_of(plan_unit).path)


def check_units(plan: Plan, units: Iterable[OrgUnit], *, field: str) -> list[OrgUnit]:
    """The units, without repeats, if each is active and within the plan's reach."""
    territory = territory_of(plan.unit)
    seen: dict[int, OrgUnit] = {}
    for unit in units:
        if unit is None or unit.pk in seen:
            continue
        if not unit.path.startswith(territory.path):
            raise ValidationFailed(
                _("%(unit)s is outside the reach of %(issuer)s: choose units of %(territory)s.")
                % {"unit": unit.name, "issuer": plan.unit.name, "territory": territory.name},
                field=field,
                code="unit_out_of_reach",
            )
        if not unit.is_active:
            raise ValidationFailed(
                _("%(unit)s is no longer active and cannot be given work.") % {"unit": unit.name},
                field=field,
                code="unit_inactive",
            )
        seen[unit.pk] = unit
    if len(seen) > MAX_UNITS_PER_TASK:
        raise ValidationFailed(
            _("Choose at most %(max)d units.") % {"max": MAX_UNITS_PER_TASK}, field=field
        )
    return list(seen.values())


# --- Period and deadlines ------------------------------------------------------------------


def clean_period(period_start, period_end) -> tuple[int, int]:
    try:
        start, end = int(period_start), int(period_end)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("Enter the plan's period as years, for example 2026 or 2021–2025."),
            field="period_start",
        ) from None
    for year, field in ((start, "period_start"), (end, "period_end")):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationFailed(
                _("A year of the period must be between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                field=field,
            )
    if end < start:
        raise ValidationFailed(
            _("The period ends before it starts: the last year must not be before the first."),
            field="period_end",
            code="period_reversed",
        )
    if end - start >= MAX_PERIOD_YEARS:
        raise ValidationFailed(
            _("A plan's period is at most %(max)d years.") % {"max": MAX_PERIOD_YEARS},
            field="period_end",
        )
    return start, end


def check_due_date(
    due: dt.date,
    *,
    period_start: int,
    period_end: int,
    issued_on: dt.date | None,
    field: str = "due_date",
    task_label: str = "",
) -> None:
    """A date deadline lies within the plan's period and not before its issue date.

    ``task_label`` ("task 3") names the task when the check runs over a whole plan."""
    values = {"date": show_date(due), "task": task_label}
    if not period_start <= due.year <= period_end:
        values["period"] = (
            str(period_start) if period_start == period_end else f"{period_start}–{period_end}"
        )
        message = (
            _("The deadline of %(task)s, %(date)s, is outside the plan's period (%(period)s).")
            if task_label
            else _("The deadline %(date)s is outside the plan's period (%(period)s).")
        )
        raise ValidationFailed(message % values, field=field, code="deadline_out_of_period")
    if issued_on is not None and due < issued_on:
        values["issued"] = show_date(issued_on)
        message = (
            _("The deadline of %(task)s, %(date)s, is before the plan's issue date (%(issued)s).")
            if task_label
            else _("The deadline %(date)s is before the plan's issue date (%(issued)s).")
        )
        raise ValidationFailed(message % values, field=field, code="deadline_before_issue")


def next_due_for(plan: Plan, kind: str, due_date, recurrence, *, today=None):
    """The deadline reminders and lists read (``Task.next_due``)."""
    if kind == DeadlineKind.DATE:
        return due_date
    if kind == DeadlineKind.RECURRING:
        today = today or timezone.localdate()
        start = max(today, plan.issued_on) if plan.issued_on else today
        return deadlines.next_occurrence(
            recurrence, on_or_after=start, first_year=plan.period_start, last_year=plan.period_end
        )
    return None


def clean_deadline(plan: Plan, kind, due_date, recurrence) -> tuple[str, dt.date | None, list]:
    """(kind, due date, recurrence) checked against the plan's period and issue date."""
    if kind not in DeadlineKind.values:
        raise ValidationFailed(
            _("Choose no deadline, a date, or dates that recur every year."),
            field="deadline_kind",
        )
    if kind == DeadlineKind.NONE:
        return kind, None, []
    if kind == DeadlineKind.DATE:
        if not isinstance(due_date, dt.date):
            raise ValidationFailed(_("Enter the due date."), field="due_date")
        if isinstance(due_date, dt.datetime):
            due_date = due_date.date()
        check_due_date(
            due_date,
            period_start=plan.period_start,
            period_end=plan.period_end,
            issued_on=plan.issued_on,
        )
        return kind, due_date, []
    if isinstance(recurrence, str):
        pairs = deadlines.parse_recurrence(recurrence)
    else:
        pairs = deadlines.validate_recurrence(recurrence or [])
    return kind, None, pairs
