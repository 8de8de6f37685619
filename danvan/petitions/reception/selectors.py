"""Reads of citizen reception, voter petitions and dialogue conferences, scoped by the actor."""

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from danvan.accounts import access
from danvan.core.calendar import work_calendar
from danvan.lib.text import search_terms
from danvan.petitions.models import (
    DialogueConference,
    DialogueIssue,
    ReceptionFrequency,
    ReceptionMatter,
    ReceptionRule,
    ReceptionSchedule,
    ReceptionSession,
    RecurrenceKind,
    VoterMeeting,
    VoterPetition,
)
from danvan.petitions.reception.rules import MANAGE, VIEW, seed_rules
from danvan.units.models import Level, OrgUnit

STATUS_NEW, STATUS_FORWARDED, STATUS_ANSWERED, STATUS_OVERDUE = (
    "new",
    "forwarded",
    "answered",
    "overdue",
)
PETITION_STATUSES = (STATUS_NEW, STATUS_FORWARDED, STATUS_OVERDUE, STATUS_ANSWERED)


def _year_bounds(year: int | None) -> tuple[dt.date, dt.date] | None:
    if not year:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- Units ----------------------------------------------------------------------------------


def managed_units(actor) -> QuerySet[OrgUnit]:
    """Active units (villages left out) where the actor records sessions, meetings and
    conferences."""
    prefixes = access.reach(actor, MANAGE)
    if not prefixes:
        return OrgUnit.objects.none()
    qs = OrgUnit.objects.active().exclude(level=Level.VILLAGE).select_related("unit_type")
    if prefixes == ["/"]:
        return qs.order_by("path")
    condition = Q()
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix)
    return qs.filter(condition).order_by("path")


def _province_path(path: str) -> str:
    parts = [p for p in path.split("/") if p]
    return "/" + "/".join(parts[:2]) + "/" if len(parts) >= 2 else path


def agency_units(actor) -> QuerySet[OrgUnit]:
    """The units of the provinces where ``actor`` records meetings (villages left out): what a
    voter petition may be forwarded to (each petition: its meeting's province)."""
    prefixes = access.reach(actor, MANAGE)
    if not prefixes:
        return OrgUnit.objects.none()
    qs = OrgUnit.objects.active().exclude(level=Level.VILLAGE)
    if prefixes == ["/"]:
        return qs
    provinces = {_province_path(p) for p in prefixes}
    condition = Q()
    for prefix in provinces:
        condition |= Q(path__startswith=prefix)
    return qs.filter(condition)


def commitment_units(actor) -> QuerySet[OrgUnit]:
    """The active units under the units where ``actor`` records conferences: who may be in
    charge of a commitment (each conference: its territory's units)."""
    prefixes = access.reach(actor, MANAGE)
    if not prefixes:
        return OrgUnit.objects.none()
    qs = OrgUnit.objects.active()
    if prefixes == ["/"]:
        return qs
    condition = Q()
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix)
    return qs.filter(condition)


# --- Reception ------------------------------------------------------------------------------


@dataclass
class SessionFilters:
    year: int | None = None
    kind: str = ""
    unit_id: int | None = None


def session_list(actor, filters: SessionFilters | None = None) -> QuerySet[ReceptionSession]:
    filters = filters or SessionFilters()
    qs = access.scope(actor, ReceptionSession.objects.all(), VIEW).select_related("unit")
    bounds = _year_bounds(filters.year)
    if bounds:
        qs = qs.filter(held_on__range=bounds)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit_id:
        unit = OrgUnit.objects.filter(pk=filters.unit_id).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    return qs.annotate(matter_count=Count("matters"))


def get_session_for(actor, session_id) -> ReceptionSession:
    return access.get_for(
        actor,
        ReceptionSession.objects.select_related("unit", "schedule", "recorded_by"),
        session_id,
    )


def session_matters(session: ReceptionSession) -> list[ReceptionMatter]:
    return list(session.matters.select_related("case"))


def get_matter_for(actor, matter_id) -> ReceptionMatter:
    return access.get_for(
        actor, ReceptionMatter.objects.select_related("session__unit", "case"), matter_id
    )


def get_schedule_for(actor, schedule_id) -> ReceptionSchedule:
    return access.get_for(actor, ReceptionSchedule.objects.select_related("unit"), schedule_id)


def rules() -> list[ReceptionRule]:
    found = list(ReceptionRule.objects.all())
    if not found:  # a flushed database: the defaults again
        seed_rules()
        found = list(ReceptionRule.objects.all())
    return found


def rule_for(unit: OrgUnit, all_rules: list[ReceptionRule] | None = None) -> ReceptionRule | None:
    """The frequency rule of the unit's head: matching level and type; a rule naming the type
    wins over one for any type."""
    best = None
    for rule in all_rules if all_rules is not None else rules():
        if rule.level != unit.level:
            continue
        codes = rule.type_codes()
        if codes and unit.unit_type.code not in codes:
            continue
        if best is None or (codes and not best.type_codes()):
            best = rule
    return best


@dataclass
class Compliance:
    unit: OrgUnit
    schedules: list
    rule: ReceptionRule | None
    per_week: int  # regular days a week
    per_month: int  # regular days a month (weekly days count about 4 each)
    held_last_30: int = 0

    @property
    def meets(self) -> bool | None:
        if self.rule is None:
            return None
        if self.rule.per == ReceptionFrequency.WEEK:
            return self.per_week >= self.rule.min_days
        return self.per_month >= self.rule.min_days


def _regular_days(schedule: ReceptionSchedule, start: dt.date):
    """The schedule's days from ``start`` on (a day 31 in a short month falls on the month's
    last day), as written, before any move off a day off."""
    if schedule.kind == RecurrenceKind.WEEKLY:
        day = start + dt.timedelta(days=(schedule.weekday - start.weekday()) % 7)
        while True:
            yield day
            day += dt.timedelta(days=7)
    year, month = start.year, start.month
    while True:
        last = pycalendar.monthrange(year, month)[1]
        day = dt.date(year, month, min(schedule.day_of_month, last))
        if day >= start:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def next_day(schedule: ReceptionSchedule, today: dt.date, calendar=None) -> dt.date:
    """The next reception day of a schedule, today included. A regular day that falls on a day
    off (Tết: Tuesday 17/2/2026) moves to the next working day, as a period's end does (Bộ luật
    Dân sự 2015, Điều 148): the head receives then."""
    calendar = calendar or work_calendar()
    earliest = today - dt.timedelta(days=31)  # a day before today may have moved to today
    for day in _regular_days(schedule, earliest):
        moved = calendar.next_working_day(day)
        if moved >= today:
            return moved
    return today  # pragma: no cover — the generator never ends


def compliance(actor, units: list[OrgUnit] | None = None) -> list[Compliance]:
    """For each unit with regular reception days in the actor's reach (and each unit asked for),
    its days, the law's minimum, whether the days meet it and the sessions of the last 30 days."""
    today = timezone.localdate()
    schedules = list(
        access.scope(actor, ReceptionSchedule.objects.filter(is_active=True), VIEW)
        .select_related("unit__unit_type")
        .order_by("unit__path", "kind", "weekday", "day_of_month")[:500]
    )
    by_unit: dict[int, Compliance] = {}
    all_rules = rules()
    for unit in units or []:
        by_unit[unit.pk] = Compliance(unit, [], rule_for(unit, all_rules), 0, 0)
    for schedule in schedules:
        item = by_unit.get(schedule.unit_id)
        if item is None:
            item = by_unit[schedule.unit_id] = Compliance(
                schedule.unit, [], rule_for(schedule.unit, all_rules), 0, 0
            )
        schedule.next_on = next_day(schedule, today)
        item.schedules.append(schedule)
        if schedule.kind == RecurrenceKind.WEEKLY:
            item.per_week += 1
            item.per_month += 4
        else:
            item.per_month += 1
    held = dict(
        ReceptionSession.objects.filter(
            unit_id__in=list(by_unit), held_on__gt=today - dt.timedelta(days=30)
        )
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    for unit_id, item in by_unit.items():
        item.held_last_30 = held.get(unit_id, 0)
    return list(by_unit.values())


# --- Voter petitions ------------------------------------------------------------------------


@dataclass
class PetitionFilters:
    status: str = ""
    year: int | None = None
    query: str = ""
    to_my_unit: bool = False


def with_status(qs: QuerySet[VoterPetition], status: str, today: dt.date) -> QuerySet:
    if status == STATUS_NEW:
        return qs.filter(forwarded_on__isnull=True)
    if status == STATUS_FORWARDED:
        return qs.filter(forwarded_on__isnull=False, answered_on__isnull=True)
    if status == STATUS_OVERDUE:
        return qs.filter(answered_on__isnull=True, answer_due__lt=today)
    if status == STATUS_ANSWERED:
        return qs.filter(answered_on__isnull=False)
    return qs


def petition_list(actor, filters: PetitionFilters | None = None) -> QuerySet[VoterPetition]:
    filters = filters or PetitionFilters()
    qs = access.scope(actor, VoterPetition.objects.all(), VIEW).select_related(
        "meeting__unit", "agency"
    )
    qs = with_status(qs, filters.status, timezone.localdate())
    bounds = _year_bounds(filters.year)
    if bounds:
        qs = qs.filter(meeting__held_on__range=bounds)
    for term in search_terms(filters.query):
        qs = qs.filter(content_folded__contains=term)
    if filters.to_my_unit:
        prefixes = access.reach(actor, VIEW)
        condition = Q(pk__in=[])
        for prefix in prefixes:
            condition |= Q(agency__path__startswith=prefix)
        qs = qs.filter(condition)
    return qs


def get_petition_for(actor, petition_id) -> VoterPetition:
    return access.get_for(
        actor,
        VoterPetition.objects.select_related("meeting__unit", "agency", "answered_by"),
        petition_id,
    )


def meeting_list(actor, year: int | None = None) -> QuerySet[VoterMeeting]:
    qs = access.scope(actor, VoterMeeting.objects.all(), VIEW).select_related("unit")
    bounds = _year_bounds(year)
    if bounds:
        qs = qs.filter(held_on__range=bounds)
    return qs.annotate(petition_count=Count("petitions"))


def get_meeting_for(actor, meeting_id) -> VoterMeeting:
    return access.get_for(actor, VoterMeeting.objects.select_related("unit"), meeting_id)


def meeting_petitions(meeting: VoterMeeting) -> list[VoterPetition]:
    return list(meeting.petitions.select_related("agency").order_by("id"))


def published_answers(
    *, unit_query: str = "", year: int | None = None, query: str = ""
) -> QuerySet[VoterPetition]:
    """Answers published on the public site (no account), newest first."""
    qs = VoterPetition.objects.filter(is_published=True, answered_on__isnull=False).select_related(
        "meeting__unit", "agency"
    )
    for term in search_terms(unit_query):
        qs = qs.filter(
            Q(meeting__unit__name_folded__contains=term) | Q(agency__name_folded__contains=term)
        )
    for term in search_terms(query):
        qs = qs.filter(content_folded__contains=term)
    bounds = _year_bounds(year)
    if bounds:
        qs = qs.filter(meeting__held_on__range=bounds)
    return qs


def get_published(petition_id) -> VoterPetition | None:
    try:
        pk = int(petition_id)
    except (TypeError, ValueError):
        return None
    return published_answers().filter(pk=pk).first()


# --- Dialogue conferences -------------------------------------------------------------------


def dialogue_list(actor, year: int | None = None) -> QuerySet[DialogueConference]:
    qs = access.scope(actor, DialogueConference.objects.all(), VIEW).select_related("unit")
    bounds = _year_bounds(year)
    if bounds:
        qs = qs.filter(held_on__range=bounds)
    return qs.annotate(
        issue_count=Count("issues", distinct=True),
        commitment_count=Count("issues", filter=~Q(issues__commitment=""), distinct=True),
    )


def get_dialogue_for(actor, conference_id) -> DialogueConference:
    return access.get_for(
        actor, DialogueConference.objects.select_related("unit", "plan"), conference_id
    )


def dialogue_issues(conference: DialogueConference) -> list[DialogueIssue]:
    return list(
        conference.issues.select_related("committed_unit", "task").prefetch_related(
            Prefetch("task__assignments")
        )
    )


def get_issue_for(actor, issue_id) -> DialogueIssue:
    return access.get_for(
        actor, DialogueIssue.objects.select_related("conference__unit", "committed_unit"), issue_id
    )
