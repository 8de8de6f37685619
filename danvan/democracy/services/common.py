"""Checks the democracy services share: which unit may carry what, dates in range, counts."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.core.errors import ValidationFailed
from danvan.units.models import Level, OrgUnit

EARLIEST_YEAR = 2000
YEARS_AHEAD = 5
TEXT_MAX = 20_000
TITLE_MAX = 300
COUNT_MAX = 1_000_000  # households of one village: a far ceiling, never a real village


def show_date(day: dt.date) -> str:
    return formats.date_format(day, "d/m/Y")


def check_day(value, *, field: str, label: str, required: bool = True, future: bool = True):
    """A date between 2000 and five years ahead (not in the future when ``future`` is False)."""
    if value in (None, ""):
        if required:
            raise ValidationFailed(_("Enter the %(label)s.") % {"label": label}, field=field)
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ValidationFailed(
            _("Enter the %(label)s as day/month/year.") % {"label": label}, field=field
        )
    today = timezone.localdate()
    if value.year < EARLIEST_YEAR or value.year > today.year + YEARS_AHEAD:
        raise ValidationFailed(
            _("The %(label)s must be between %(start)d and %(end)d.")
            % {"label": label, "start": EARLIEST_YEAR, "end": today.year + YEARS_AHEAD},
            field=field,
        )
    if not future and value > today:
        raise ValidationFailed(
            _("The %(label)s cannot be in the future.") % {"label": label}, field=field
        )
    return value


def check_count(value, *, field: str, label: str, minimum: int = 0, maximum: int = COUNT_MAX):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("Enter the %(label)s as a whole number.") % {"label": label}, field=field
        ) from None
    if number < minimum or number > maximum:
        raise ValidationFailed(
            _("The %(label)s must be between %(min)s and %(max)s.")
            % {
                "label": label,
                "min": formats.number_format(minimum, force_grouping=True),
                "max": formats.number_format(maximum, force_grouping=True),
            },
            field=field,
        )
    return number


def is_commune(unit: OrgUnit | None) -> bool:
    return unit is not None and unit.level == Level.COMMUNE and unit.unit_type.is_territory


def is_village(unit: OrgUnit | None) -> bool:
    return unit is not None and unit.level == Level.VILLAGE and unit.unit_type.is_territory


def require_commune(unit: OrgUnit | None, *, field: str = "unit") -> OrgUnit:
    if not is_commune(unit):
        raise ValidationFailed(
            _("Choose a commune, ward or special zone."), field=field, code="not_a_commune"
        )
    return unit


def require_village(unit: OrgUnit | None, *, field: str = "village") -> OrgUnit:
    if not is_village(unit):
        raise ValidationFailed(
            _("Choose a village or residential group (thôn, tổ dân phố)."),
            field=field,
            code="not_a_village",
        )
    return unit


def commune_of(unit: OrgUnit) -> OrgUnit | None:
    """The commune a village (or an agency of a commune) belongs to; the unit if a commune."""
    if is_commune(unit):
        return unit
    return (
        OrgUnit.objects.select_related("unit_type")
        .filter(pk__in=unit.ancestor_ids, level=Level.COMMUNE, unit_type__is_territory=True)
        .order_by("-depth")
        .first()
    )
