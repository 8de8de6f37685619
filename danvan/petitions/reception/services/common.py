"""What the writes of reception, voter petitions and dialogue conferences share: limits of the
input, date checks, the unit a record belongs to."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.core import validation
from danvan.core.errors import ValidationFailed
from danvan.petitions.reception.rules import MANAGE
from danvan.units.models import OrgUnit

TEXT_MAX = 5000
LINE_MAX = 200
PLACE_MAX = 300
MAX_COUNT = 100_000


def clean_count(value, *, field: str, label: str, minimum: int = 0) -> int:
    return validation.clean_count(
        value, field=field, label=label, minimum=minimum, maximum=MAX_COUNT
    )


def show_date(day: dt.date) -> str:
    return formats.date_format(day, "d/m/Y")


def clean_past_date(value, *, field: str, label: str) -> dt.date:
    """A date that has happened: not after today."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ValidationFailed(_("Enter the %(label)s.") % {"label": label}, field=field)
    if value > timezone.localdate():
        raise ValidationFailed(
            _("The %(label)s cannot be later than today.") % {"label": label},
            field=field,
            code="date_in_future",
        )
    if value.year < 1945:
        raise ValidationFailed(
            _("The %(label)s is not a valid date.") % {"label": label}, field=field
        )
    return value


def require_unit(actor: User, unit: OrgUnit | None, *, field: str = "unit") -> OrgUnit:
    if unit is None:
        raise ValidationFailed(_("Choose a unit."), field=field)
    access.require(actor, MANAGE, unit)
    if not unit.is_active:
        raise ValidationFailed(
            _("%(unit)s is no longer active.") % {"unit": unit.name}, field=field
        )
    return unit
