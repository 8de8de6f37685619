"""The reminder engine: notices before, on and after any deadline, each sent once.

A module declares where its deadlines live in one statement, in its own ``reminders.py``
(imported when the notifications app starts)::

    reminders.register(DeadlineSource(
        key="plans.task",
        label=_("Tasks of a plan"),
        queryset=lambda: Task.objects.filter(done_at__isnull=True).select_related("plan"),
        due="due_date",                      # a DateField or DateTimeField, with an index
        recipients=("assignee", "plan__owner"),
        title=lambda task, stage: task_reminder_title(task, stage),
        url=lambda task, stage: task.get_absolute_url(),
        before=(3, 1),                       # 3 and 1 working days before the day
    ))

A periodic job (``scan``) looks at each source's deadlines that fall in the window that
matters now, works out the stage each has reached and notifies its people:

- ``before`` N: from the N-th working day before the due day (``WorkCalendar``);
- ``due``: on the due day itself;
- ``overdue``: once the deadline has passed (a date: the day after; a datetime: that moment),
  if the scan sees it within ``overdue_within`` of it.

Only the most advanced stage reached is announced: after a pause of the scheduler nobody
receives "in 3 days", "in 1 day" and "today" at once. Each notice carries a key made of the
source, the object, the stage and the due value (a deadline moved later is announced again);
a unique constraint on (key, recipient) and an insert that skips conflicts make a scan safe to
repeat and to run twice at the same time.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from danvan.lib.workdays import WorkCalendar
from danvan.notifications import kinds, services
from danvan.notifications.models import Notification

logger = logging.getLogger(__name__)

__all__ = [
    "BEFORE",
    "DUE",
    "OVERDUE",
    "DeadlineSource",
    "ScanResult",
    "Stage",
    "current_stage",
    "register",
    "resolve",
    "scan",
    "sources",
    "unregister",
]

BEFORE, DUE, OVERDUE = "before", "due", "overdue"
CHUNK_SIZE = 1000
_KEY_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")

Recipients = str | Sequence[str] | Callable[[Any, "Stage"], Iterable[Any]]
Deadline = dt.date | dt.datetime


@dataclass(frozen=True)
class Stage:
    """How far a deadline has come: ``before`` (``days`` working days or fewer to go),
    ``due`` (today) or ``overdue``. ``due`` is the deadline itself (a date or a datetime)."""

    kind: str
    due: Deadline
    days: int = 0

    @property
    def code(self) -> str:
        return f"{BEFORE}{self.days}" if self.kind == BEFORE else self.kind

    @property
    def due_day(self) -> dt.date:
        return _day_of(self.due)


def _no_url(obj, stage: Stage) -> str:
    return ""


@dataclass(frozen=True)
class DeadlineSource:
    """Where one kind of deadline lives and who is told about it.

    - ``key``: "app.thing", also the notification kind people choose e-mail for;
    - ``queryset``: the open deadlines (a QuerySet or a function returning one), done ones
      left out; add ``select_related`` for what ``title``/``url`` read;
    - ``due``: the field holding the deadline, a DateField or DateTimeField (index it);
      ``due_shift`` is added to it when the deadline is a fixed time after the stored value
      (an invitation expires PASSWORD_RESET_TIMEOUT after ``invited_at``): a timedelta or a
      function returning one;
    - ``recipients``: field paths to users ("assignee", "plan__owner", "handlers" or "pk"
      for a deadline of the user itself), or a function ``(obj, stage) -> users or ids``;
      ``overdue_recipients`` for the overdue notice if others (the one who must act);
    - ``title``, ``body``, ``url``: functions ``(obj, stage) -> str``;
    - ``before``: working days before the due day to send a reminder; ``on_the_day`` and
      ``overdue`` switch those notices.
    """

    key: str
    label: str | Promise
    queryset: QuerySet | Callable[[], QuerySet]
    due: str
    recipients: Recipients
    title: Callable[[Any, Stage], str]
    url: Callable[[Any, Stage], str] = _no_url
    body: Callable[[Any, Stage], str] | None = None
    before: tuple[int, ...] = (1,)
    on_the_day: bool = True
    overdue: bool = True
    overdue_recipients: Recipients | None = None
    overdue_within: dt.timedelta = dt.timedelta(days=7)
    due_shift: dt.timedelta | Callable[[], dt.timedelta] = dt.timedelta(0)
    email_default: bool = True
    help_text: str | Promise = ""

    def __post_init__(self):
        if not _KEY_RE.match(self.key) or len(self.key) > 80:
            raise ValueError(f"a deadline source key looks like 'app.thing': {self.key!r}")
        before = tuple(sorted(set(self.before), reverse=True))
        if any(not isinstance(n, int) or n < 1 for n in before):
            raise ValueError(f"'before' holds working-day counts of 1 or more: {self.before!r}")
        object.__setattr__(self, "before", before)
        if self.overdue_within <= dt.timedelta(0):
            raise ValueError("'overdue_within' must be positive")

    def get_queryset(self) -> QuerySet:
        qs = self.queryset() if callable(self.queryset) else self.queryset
        return qs.all()

    def shift(self) -> dt.timedelta:
        return self.due_shift() if callable(self.due_shift) else self.due_shift

    def recipients_for(self, stage: Stage) -> Recipients:
        if stage.kind == OVERDUE and self.overdue_recipients is not None:
            return self.overdue_recipients
        return self.recipients


_SOURCES: dict[str, DeadlineSource] = {}


def register(source: DeadlineSource) -> DeadlineSource:
    """Declare a deadline source (registering the same key again replaces it)."""
    _SOURCES[source.key] = source
    kinds.register(
        source.key, source.label, email_default=source.email_default, help_text=source.help_text
    )
    return source


def unregister(key: str) -> None:
    if _SOURCES.pop(key, None) is not None:
        kinds.unregister(key)


def sources() -> list[DeadlineSource]:
    return list(_SOURCES.values())


# --- Stages ----------------------------------------------------------------------------


def _day_of(value: Deadline) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def current_stage(
    due: Deadline,
    *,
    now: dt.datetime,
    calendar: WorkCalendar,
    before: Sequence[int] = (1,),
    on_the_day: bool = True,
    overdue: bool = True,
) -> Stage | None:
    """The most advanced stage ``due`` has reached at ``now`` among those switched on.

    A date is overdue from the next day; a datetime from that moment. Once overdue, only the
    overdue notice remains: a reminder that the deadline approaches would come too late.
    """
    return _Stager(now, calendar, before=before, on_the_day=on_the_day, overdue=overdue)(due)


class _Stager:
    """``current_stage`` at one moment, with the calendar work memoised per due day."""

    def __init__(
        self,
        now: dt.datetime,
        calendar: WorkCalendar,
        *,
        before: Sequence[int],
        on_the_day: bool,
        overdue: bool,
    ):
        self.now, self.today = now, timezone.localdate(now)
        self.calendar = calendar
        self.before = sorted(before)  # nearest first: the most advanced reminder wins
        self.on_the_day, self.overdue = on_the_day, overdue
        self._triggers: dict[dt.date, list[tuple[int, dt.date]]] = {}

    def __call__(self, due: Deadline) -> Stage | None:
        due_day = _day_of(due)
        passed = self.now >= due if isinstance(due, dt.datetime) else self.today > due
        if passed:
            return Stage(OVERDUE, due) if self.overdue else None
        if self.today >= due_day and self.on_the_day:
            return Stage(DUE, due)
        triggers = self._triggers.get(due_day)
        if triggers is None:
            triggers = [(n, self.calendar.add_working_days(due_day, -n)) for n in self.before]
            self._triggers[due_day] = triggers
        for days, trigger in triggers:
            if self.today >= trigger:
                return Stage(BEFORE, due, days)
        return None


def dedup_key(source_key: str, pk, stage: Stage) -> str:
    due = stage.due
    token = str(int(due.timestamp())) if isinstance(due, dt.datetime) else due.isoformat()
    return f"{source_key}:{pk}:{stage.code}:{token}"


def resolve(source_key: str, pk, *, now=None) -> int:
    """Mark read the unread notices about one deadline: it was met, moved or withdrawn."""
    return services.notices_resolve(dedup_prefix=f"{source_key}:{pk}:", now=now)


# --- Scanning --------------------------------------------------------------------------


@dataclass
class ScanResult:
    examined: int = 0  # deadlines in the window
    created: int = 0  # notices created
    by_source: dict[str, int] = field(default_factory=dict)


def _due_field(source: DeadlineSource) -> models.Field:
    model = source.get_queryset().model
    parts = source.due.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    found = model._meta.get_field(parts[-1])
    if not isinstance(found, models.DateField):  # DateTimeField is a DateField too
        raise TypeError(f"{source.key}: {source.due} is not a date or datetime field")
    return found


def _window(
    source: DeadlineSource, now: dt.datetime, calendar: WorkCalendar, is_datetime: bool
) -> tuple[Deadline, Deadline]:
    """[low, high) of the deadlines that may have reached a stage not yet announced.

    High: a deadline on or after the (max(before)+1)-th working day from today has no
    reminder due yet. Low: overdue ones are looked at for ``overdue_within`` only.
    """
    today = timezone.localdate(now)
    ahead = max(source.before, default=0) + 1
    high_day = calendar.add_working_days(today, ahead) if source.before else today
    high_day = max(high_day, today + dt.timedelta(days=1))
    if is_datetime:
        low = now - source.overdue_within if source.overdue else now
        return low, _start_of(high_day)
    low_day = today - dt.timedelta(days=source.overdue_within.days) if source.overdue else today
    return low_day, high_day


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _recipient_ids(
    source: DeadlineSource, spec: Recipients, objects: dict, pks: set, stage_of: dict
) -> dict[Any, set[int]]:
    """User ids to notify for each object pk: field paths in one query each, or a function."""
    found: dict[Any, set[int]] = defaultdict(set)
    if callable(spec):
        for pk in pks:
            for user in spec(objects[pk], stage_of[pk]) or ():
                found[pk].add(user if isinstance(user, int) else user.pk)
        return found
    paths = (spec,) if isinstance(spec, str) else tuple(spec)
    qs = source.get_queryset().filter(pk__in=pks).order_by()
    for path in paths:
        for pk, user_id in qs.values_list("pk", path):
            if user_id is not None:
                found[pk].add(user_id)
    return found


def _announce(source: DeadlineSource, fresh: list[tuple[Any, Stage, str]], now: dt.datetime) -> int:
    """Create the notices of ``fresh`` (pk, stage, key) not yet announced; how many were new."""
    objects = source.get_queryset().in_bulk({pk for pk, _, _ in fresh})
    fresh = [item for item in fresh if item[0] in objects]  # closed since the window query
    stage_of = {pk: stage for pk, stage, _ in fresh}
    by_spec: dict[int, tuple[Recipients, set]] = {}
    for pk, stage, _ in fresh:
        spec = source.recipients_for(stage)
        by_spec.setdefault(id(spec), (spec, set()))[1].add(pk)
    people: dict[Any, set[int]] = {}
    for spec, pks in by_spec.values():
        people.update(_recipient_ids(source, spec, objects, pks, stage_of))
    notices = []
    for pk, stage, key in fresh:
        recipients = people.get(pk)
        if not recipients:
            continue
        obj = objects[pk]
        title = str(source.title(obj, stage))[:300]
        body = str(source.body(obj, stage)) if source.body else ""
        url = str(source.url(obj, stage) or "")[:500]
        unit_path = _unit_path(obj)
        notices += [
            Notification(
                recipient_id=user_id,
                kind=source.key,
                title=title,
                body=body,
                url=url,
                unit_path=unit_path,
                created_at=now,
                dedup_key=key,
            )
            for user_id in sorted(recipients)
        ]
    return len(services.deliver(notices))


def _unit_path(obj) -> str:
    from danvan.lib.paths import unit_path_of

    try:
        return (unit_path_of(obj) or "")[:255]
    except (TypeError, AttributeError):
        return ""


def _announced(keys: list[str]) -> set[str]:
    """Which of these notice keys were announced already (to anyone)."""
    return set(
        Notification.objects.filter(dedup_key__in=keys)
        .order_by()
        .values_list("dedup_key", flat=True)
    )


def _scan_source(
    source: DeadlineSource, now: dt.datetime, calendar: WorkCalendar, chunk_size: int
) -> tuple[int, int]:
    due_field = _due_field(source)
    is_datetime = isinstance(due_field, models.DateTimeField)
    shift = source.shift()
    if not is_datetime and shift % dt.timedelta(days=1):
        raise ValueError(f"{source.key}: a date deadline can only be shifted by whole days")
    low, high = _window(source, now, calendar, is_datetime)
    rows = (
        source.get_queryset()
        .filter(**{f"{source.due}__gte": low - shift, f"{source.due}__lt": high - shift})
        .order_by()
        .values_list("pk", source.due)
    )
    stage_for = _Stager(
        now,
        calendar,
        before=source.before,
        on_the_day=source.on_the_day,
        overdue=source.overdue,
    )
    examined = created = 0
    for chunk in _chunks(rows.iterator(chunk_size=chunk_size), chunk_size):
        examined += len(chunk)
        pending = []
        for pk, value in chunk:
            stage = stage_for(value + shift)
            if stage is not None:
                pending.append((pk, stage, dedup_key(source.key, pk, stage)))
        if not pending:
            continue
        announced = _announced([key for _, _, key in pending])
        fresh = [item for item in pending if item[2] not in announced]
        if fresh:
            created += _announce(source, fresh, now)
    return examined, created


def default_calendar() -> WorkCalendar:
    """The working-day calendar deadlines are counted in: weekends, public holidays, and the
    days off and make-up working days administrators enter (danvan.core.calendar)."""
    from danvan.core.calendar import work_calendar

    return work_calendar()


def scan(
    *,
    now: dt.datetime | None = None,
    keys: Iterable[str] | None = None,
    calendar: WorkCalendar | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> ScanResult:
    """Announce every deadline stage reached at ``now`` (default: the current time) that was
    not announced yet. Safe to run as often as wanted, and twice at once."""
    now = now or timezone.now()
    calendar = calendar or default_calendar()
    wanted = set(keys) if keys is not None else None
    result = ScanResult()
    failures: list[Exception] = []
    for source in sources():
        if wanted is not None and source.key not in wanted:
            continue
        try:
            examined, created = _scan_source(source, now, calendar, chunk_size)
        except Exception as exc:  # one broken source must not silence the others
            logger.exception("reminders: the scan of %s failed", source.key)
            failures.append(exc)
            continue
        result.examined += examined
        result.created += created
        result.by_source[source.key] = created
        if created:
            logger.info("reminders: %s new notices for %s", created, source.key)
    if failures:
        raise failures[0]
    return result
