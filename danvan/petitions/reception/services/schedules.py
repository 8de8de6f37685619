"""Regular reception days of a unit's head: every given weekday, or a day of each month."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.errors import ValidationFailed
from danvan.core.validation import clean_text
from danvan.petitions.models import ReceptionSchedule, RecurrenceKind
from danvan.petitions.reception.rules import MANAGE
from danvan.petitions.reception.services.common import LINE_MAX, PLACE_MAX, require_unit
from danvan.units.models import OrgUnit


@transaction.atomic
def schedule_create(
    *,
    actor: User,
    unit: OrgUnit | None,
    kind: str,
    weekday: int | None = None,
    day_of_month: int | None = None,
    receiver: str,
    place: str,
    note: str = "",
) -> ReceptionSchedule:
    """A regular reception day of ``unit``'s head: every given weekday, or a day of each month
    (a day that falls on a day off moves to the next working day, see ``selectors.next_day``)."""
    unit = require_unit(actor, unit)
    if kind == RecurrenceKind.WEEKLY:
        if weekday is None or not 0 <= int(weekday) <= 6:
            raise ValidationFailed(_("Choose the day of the week."), field="weekday")
        weekday, day_of_month = int(weekday), None
    elif kind == RecurrenceKind.MONTHLY:
        if day_of_month is None or not 1 <= int(day_of_month) <= 31:
            raise ValidationFailed(
                _("Enter a day of the month between 1 and 31."), field="day_of_month"
            )
        weekday, day_of_month = None, int(day_of_month)
    else:
        raise ValidationFailed(_("Choose every week or every month."), field="kind")
    schedule = ReceptionSchedule.objects.create(
        unit=unit,
        kind=kind,
        weekday=weekday,
        day_of_month=day_of_month,
        receiver=clean_text(
            receiver, field="receiver", label=_("who receives"), max_length=LINE_MAX, required=True
        ),
        place=clean_text(
            place, field="place", label=_("place"), max_length=PLACE_MAX, required=True
        ),
        note=clean_text(note, field="note", label=_("note"), max_length=500),
        created_by=actor,
    )
    audit.record(actor, "reception.schedule_created", schedule, after=audit.snapshot(schedule))
    return schedule


@transaction.atomic
def schedule_set_active(
    *, actor: User, schedule: ReceptionSchedule, is_active: bool
) -> ReceptionSchedule:
    access.require(actor, MANAGE, schedule.unit)
    before = audit.snapshot(schedule, ["is_active"])
    schedule.is_active = bool(is_active)
    schedule.save(update_fields=["is_active"])
    audit.record(
        actor,
        "reception.schedule_changed",
        schedule,
        before=before,
        after=audit.snapshot(schedule, ["is_active"]),
    )
    return schedule
