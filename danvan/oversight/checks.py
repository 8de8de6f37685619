"""Checks the oversight services share: dates, periods, permissions, the units within an
issuer's reach. Services validate their own input (a form is one caller; the API is another)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import PermissionDeniedError, ValidationFailed
from danvan.oversight.recommendations import services as recommendations
from danvan.units.models import OrgUnit

EARLIEST_YEAR = 2000


# --- Checks ---------------------------------------------------------------------------------------


def check_date(value, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ValidationFailed(
            _("Enter the %(label)s as day/month/year.") % {"label": label}, field=field
        )
    if not EARLIEST_YEAR <= value.year <= timezone.localdate().year + 5:
        raise ValidationFailed(
            _("The %(label)s is not a plausible date.") % {"label": label}, field=field
        )
    return value


def not_future(value: dt.date, *, field: str, label: str) -> dt.date:
    if value > timezone.localdate():
        raise ValidationFailed(
            _("The %(label)s cannot be later than today.") % {"label": label},
            field=field,
            code="date_in_future",
        )
    return value


def check_period(start, end, *, start_field: str, end_field: str, max_days: int) -> tuple:
    start = check_date(start, field=start_field, label=_("first day"))
    end = check_date(end, field=end_field, label=_("last day"))
    if end < start:
        raise ValidationFailed(
            _("The last day cannot be before the first day."), field=end_field, code="period_order"
        )
    if (end - start).days > max_days:
        raise ValidationFailed(_("This period is too long."), field=end_field)
    return start, end


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDeniedError(message)


def check_units_in_reach(organiser: OrgUnit, units, *, field: str) -> list[OrgUnit]:
    reachable = recommendations.addressable_units(organiser)
    chosen = {unit.pk: unit for unit in units if unit is not None}
    found = set(reachable.filter(pk__in=chosen).values_list("pk", flat=True))
    for pk, unit in chosen.items():
        if pk not in found:
            raise ValidationFailed(
                _("%(unit)s is outside the reach of %(issuer)s.")
                % {"unit": unit.name, "issuer": organiser.name},
                field=field,
                code="unit_out_of_reach",
            )
    return list(chosen.values())
