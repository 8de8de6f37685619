"""The working-day calendar in use: the ``holidays`` package plus the days administrators enter.

``work_calendar()`` is what every module calls to count working days (deadlines, reminders)::

    from danvan.core.calendar import work_calendar
    due = work_calendar().add_working_days(received_on, 5)

It returns a :class:`~danvan.lib.workdays.WorkCalendar` holding the administrator-entered
:class:`~danvan.core.models.CalendarDay` rows. The rows are cached (``CACHE_SECONDS``) and the
cache is dropped when ``calendar_day_set`` or ``calendar_day_delete`` commits. With Redis as
the cache every process sees a change at once; with the per-process memory cache of a
single PC the other processes see it within ``CACHE_SECONDS``.

Only superusers change the calendar: it is national and belongs to no unit's subtree, so the
unit-scoped rights of the access module do not apply to it.
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import lru_cache

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.audit import services as audit
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.core.models import CalendarDay, CalendarDayKind
from danvan.lib.workdays import WorkCalendar

__all__ = [
    "calendar_day_delete",
    "calendar_day_set",
    "calendar_years",
    "forget_cached_days",
    "validate_calendar_day",
    "work_calendar",
]

CACHE_KEY = "core:calendar-days:v1"
CACHE_SECONDS = 300
NAME_MAX_LENGTH = CalendarDay._meta.get_field("name").max_length
SOURCE_MAX_LENGTH = CalendarDay._meta.get_field("source").max_length

# (days off, make-up working days), each a sorted tuple of dates: hashable and picklable.
Days = tuple[tuple[dt.date, ...], tuple[dt.date, ...]]

_build_lock = threading.Lock()


# -- reading -----------------------------------------------------------------------------


def _load_days() -> Days:
    off: list[dt.date] = []
    work: list[dt.date] = []
    for date, kind in CalendarDay.objects.order_by("date").values_list("date", "kind"):
        (work if kind == CalendarDayKind.WORKING_DAY else off).append(date)
    return tuple(off), tuple(work)


@lru_cache(maxsize=4)
def _calendar_for(days: Days) -> WorkCalendar:
    """One calendar per set of entered days, shared by the threads of a process.

    A calendar loads the package's holidays a year at a time on first use; loading the years
    around today here, under a lock, keeps threads from reading a year half loaded.
    """
    with _build_lock:
        calendar = WorkCalendar(extra_days_off=days[0], extra_workdays=days[1])
        this_year = timezone.localdate().year
        for year in range(this_year - 2, this_year + 4, 2):  # each load covers year ± 1
            calendar.is_working_day(dt.date(year, 1, 1))
        return calendar


def work_calendar() -> WorkCalendar:
    """The calendar in use: weekends, public holidays and the days administrators entered.

    At most one query (when the cache is cold); do not keep the result for longer than a
    request or a job, so that a change reaches you.
    """
    days = cache.get(CACHE_KEY)
    if days is None:
        days = _load_days()
        cache.set(CACHE_KEY, days, CACHE_SECONDS)
    return _calendar_for(days)


def calendar_years(years) -> list[dict]:
    """For each year: whether its days off follow the announced official schedule or are an
    estimate (the package and the law only), with the source. A year nobody recorded is an
    estimate."""
    from danvan.core.models import CalendarYear, ScheduleStatus

    known = {y.year: y for y in CalendarYear.objects.filter(year__in=list(years))}
    rows = []
    for year in years:
        row = known.get(year)
        confirmed = row is not None and row.status == ScheduleStatus.CONFIRMED
        rows.append(
            {
                "year": year,
                "confirmed": confirmed,
                "status": row.get_status_display() if row else ScheduleStatus.ESTIMATE.label,
                "source": row.source if row else "",
                "note": row.note if row else "",
            }
        )
    return rows


def forget_cached_days() -> None:
    """Drop the cached days: the next ``work_calendar()`` reads them from the database."""
    cache.delete(CACHE_KEY)


def _base_calendar() -> WorkCalendar:
    """Weekends and the package's holidays only, to tell whether an entry changes anything."""
    return _calendar_for(((), ()))


# -- writing -----------------------------------------------------------------------------


def _require_calendar_admin(actor) -> None:
    if not (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.is_superuser
    ):
        raise PermissionDeniedError(
            _("Only a system administrator can change the working-day calendar.")
        )


def validate_calendar_day(*, date, kind: str, name: str | None) -> str:
    """Check an entry; return its cleaned reason. Raises ValidationFailed naming the field.

    An entry must change the calendar: a make-up working day on a day people already work,
    or a day off on a day they already rest, is refused with the reason.
    """
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ValidationFailed(_("Enter a valid date."), field="date")
    if kind not in CalendarDayKind.values:
        raise ValidationFailed(
            _("Choose whether the date is a day off or a make-up working day."), field="kind"
        )
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed(
            _("Enter the reason, as people will read it (for example “Nghỉ bù Tết”)."),
            field="name",
        )
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationFailed(
            _("The reason is too long: at most %(max)d characters.") % {"max": NAME_MAX_LENGTH},
            field="name",
        )
    base = _base_calendar()
    shown = date_format(date, "l d/m/Y")
    if kind == CalendarDayKind.WORKING_DAY and base.is_working_day(date):
        raise ValidationFailed(
            _(
                "%(date)s is already a working day. A make-up working day can only be a "
                "weekend day or a public holiday."
            )
            % {"date": shown},
            field="kind",
        )
    if kind == CalendarDayKind.DAY_OFF and not base.is_working_day(date):
        holiday = base.holiday_name(date)
        message = (
            _("%(date)s is already a day off (%(holiday)s).") % {"date": shown, "holiday": holiday}
            if holiday
            else _("%(date)s is already a day off (weekend).") % {"date": shown}
        )
        raise ValidationFailed(message, field="kind")
    return name


def clean_source(source: str | None) -> str:
    source = " ".join((source or "").split())
    if len(source) > SOURCE_MAX_LENGTH:
        raise ValidationFailed(
            _("The source is too long: at most %(max)d characters.") % {"max": SOURCE_MAX_LENGTH},
            field="source",
        )
    return source


@transaction.atomic
def calendar_day_set(
    *, actor, date: dt.date, kind: str, name: str, source: str = ""
) -> CalendarDay:
    """Make ``date`` a day off or a working day (adding or changing its entry); ``source``
    names the official document that sets it."""
    _require_calendar_admin(actor)
    name = validate_calendar_day(date=date, kind=kind, name=name)
    source = clean_source(source)
    day = CalendarDay.objects.select_for_update().filter(date=date).first()
    if day is None:
        try:
            with transaction.atomic():
                day = CalendarDay.objects.create(
                    date=date, kind=kind, name=name, source=source, created_by=actor
                )
        except IntegrityError:
            raise ConflictError(
                _("Someone entered this date at the same moment. Reload the page and check it.")
            ) from None
        audit.record(actor, "calendar_day.created", day, after=audit.snapshot(day), unit_path="")
    elif (day.kind, day.name, day.source) != (kind, name, source):
        before = audit.snapshot(day)
        day.kind, day.name, day.source = kind, name, source
        day.save(update_fields=["kind", "name", "source"])
        audit.record(
            actor,
            "calendar_day.changed",
            day,
            before=before,
            after=audit.snapshot(day),
            unit_path="",
        )
    else:
        return day  # nothing changed
    transaction.on_commit(forget_cached_days)
    return day


@transaction.atomic
def calendar_day_delete(*, actor, day: CalendarDay) -> None:
    """Remove an entry: the date follows weekends and public holidays again."""
    _require_calendar_admin(actor)
    day = CalendarDay.objects.select_for_update().filter(pk=day.pk).first()
    if day is None:
        return  # already removed (a second click, another administrator)
    audit.record(actor, "calendar_day.deleted", day, before=audit.snapshot(day), unit_path="")
    day.delete()
    transaction.on_commit(forget_cached_days)
