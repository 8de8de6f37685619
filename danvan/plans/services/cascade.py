"""The cascade: an issued plan asks chosen subordinate units for their implementing plans
(kế hoạch thực hiện). A request is fulfilled when the unit issues a plan naming this one as
the plan it implements (``plan_issue``)."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ValidationFailed
from danvan.plans.models import CascadeRequest, Plan
from danvan.plans.rules import ISSUE
from danvan.plans.services import common
from danvan.units.models import OrgUnit

MAX_UNITS = 20_000


@transaction.atomic
def plan_cascade(
    *, actor, plan: Plan, units: Sequence[OrgUnit], due_date: dt.date | None = None
) -> list[CascadeRequest]:
    """Ask ``units`` to issue plans implementing ``plan`` by ``due_date`` (optional). Asking a
    unit again changes its due date; returns the requests of ``units``."""
    access.require(actor, ISSUE, plan)
    common.require_issued(plan, _("Issue the plan before asking units for implementing plans."))
    units = [unit for unit in units if unit is not None]
    if not units:
        raise ValidationFailed(
            _("Choose the units that must issue an implementing plan."), field="units"
        )
    if len(units) > MAX_UNITS:
        raise ValidationFailed(
            _("Choose at most %(max)d units at once.") % {"max": MAX_UNITS}, field="units"
        )
    territory = common.territory_of(plan.unit)
    seen: dict[int, OrgUnit] = {}
    for unit in units:
        if unit.pk == plan.unit_id:
            raise ValidationFailed(
                _("A plan cannot ask its own issuing unit for an implementing plan."),
                field="units",
            )
        if not unit.path.startswith(territory.path) or not unit.is_active:
            raise ValidationFailed(
                _("%(unit)s is outside the reach of %(issuer)s: choose units of %(territory)s.")
                % {"unit": unit.name, "issuer": plan.unit.name, "territory": territory.name},
                field="units",
                code="unit_out_of_reach",
            )
        seen[unit.pk] = unit
    if due_date is not None:
        if plan.issued_on and due_date < plan.issued_on:
            raise ValidationFailed(
                _("The date to issue by is before the plan's own issue date (%(issued)s).")
                % {"issued": common.show_date(plan.issued_on)},
                field="due_date",
                code="deadline_before_issue",
            )
        if due_date.year > plan.period_end:
            raise ValidationFailed(
                _("The date to issue by is after the plan's period (%(period)s).")
                % {"period": plan.period_label},
                field="due_date",
                code="deadline_out_of_period",
            )
    existing = {
        r.unit_id: r for r in CascadeRequest.objects.filter(plan=plan, unit_id__in=list(seen))
    }
    moved = [r for r in existing.values() if due_date is not None and r.due_date != due_date]
    for request in moved:
        request.due_date = due_date
    CascadeRequest.objects.bulk_update(moved, ["due_date"], batch_size=1000)
    fresh = CascadeRequest.objects.bulk_create(
        [
            CascadeRequest(plan=plan, unit_id=unit_id, due_date=due_date)
            for unit_id in seen
            if unit_id not in existing
        ],
        batch_size=1000,
    )
    new_ids = [r.unit_id for r in fresh]
    audit.record(
        actor,
        "plan.cascaded",
        plan,
        after={
            "units": sorted(seen),
            "new_units": sorted(new_ids),
            "due_date": due_date.isoformat() if due_date else None,
        },
    )
    from danvan.plans import notices

    notices.cascade_requested(plan, new_ids, due_date)
    return list(CascadeRequest.objects.filter(plan=plan, unit_id__in=list(seen)))
