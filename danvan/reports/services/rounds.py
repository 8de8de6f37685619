"""Opening a report round: its period and cut-off (defaults from the reporting regime), its due
date, the units that must report (one pending report each) and the recipient."""

import datetime as dt
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.calendar import work_calendar
from danvan.core.errors import ValidationFailed
from danvan.core.validation import clean_text
from danvan.reports import notices
from danvan.reports.models import (
    OPEN_STATUSES,
    ReportKind,
    ReportRound,
    ReportTemplate,
    SelectionMode,
    Submission,
)
from danvan.reports.rules import OPEN, REVIEW, VIEW
from danvan.units.models import Level, OrgUnit, UnitType

TITLE_MAX = 300
MAX_EXPECTED_UNITS = 200_000
MAX_LISTED_UNITS = 2_000
AD_HOC_WORKING_DAYS = 10


def round_defaults(kind: str, year: int, today: dt.date | None = None) -> dict:
    """Period, data cut-off and due date of a round of ``kind`` for ``year`` (Nghị định 09/2019
    as the provinces apply it; seed 001 for the due dates): a 6-month report counts 15/12 of the
    year before to 14/6 and is due on 10/6; an annual one 15/12 to 14/12, due on 01/11. A due
    date falling on a day off moves to the next working day."""
    calendar = work_calendar()
    today = today or timezone.localdate()
    if kind == ReportKind.SIX_MONTH:
        start, end, due = dt.date(year - 1, 12, 15), dt.date(year, 6, 14), dt.date(year, 6, 10)
    elif kind == ReportKind.ANNUAL:
        start, end, due = dt.date(year - 1, 12, 15), dt.date(year, 12, 14), dt.date(year, 11, 1)
    else:
        start, end = dt.date(year, 1, 1), min(today, dt.date(year, 12, 31))
        due = calendar.add_working_days(today, AD_HOC_WORKING_DAYS)
        return {"data_from": start, "data_to": max(end, start), "due_date": due}
    return {"data_from": start, "data_to": end, "due_date": calendar.next_working_day(due)}


def type_choices() -> list[tuple[str, str]]:
    """("code@level", label) for the unit types a round may ask: each territory type once, each
    agency type at province and at commune level ("UBND at commune level" = all UBND xã)."""
    choices = []
    for unit_type in UnitType.objects.all():
        if unit_type.is_territory:
            choices.append((f"{unit_type.code}@", unit_type.name))
            continue
        for level, label in (
            (Level.PROVINCE, _("province level")),
            (Level.COMMUNE, _("commune level")),
        ):
            choices.append((f"{unit_type.code}@{level}", f"{unit_type.name} ({label})"))
    return choices


def _parse_types(values: Iterable[str]) -> list[list[str]]:
    known = {code for code, _label in type_choices()}
    parsed = []
    for value in values or ():
        if value not in known:
            raise ValidationFailed(_("Choose unit types from the list."), field="selection_types")
        code, _sep, level = value.partition("@")
        parsed.append([code, level])
    if not parsed:
        raise ValidationFailed(
            _("Choose at least one type of unit that must report."), field="selection_types"
        )
    return parsed


def _common_root(units: list[OrgUnit]) -> OrgUnit | None:
    chains = [[int(p) for p in u.path.strip("/").split("/")] for u in units]
    common = []
    for ids in zip(*chains, strict=False):
        if len(set(ids)) != 1:
            break
        common.append(ids[0])
    return OrgUnit.objects.filter(pk=common[-1]).first() if common else None


def expected_units(mode: str, root: OrgUnit | None, types, units) -> Q | None:
    """A filter of OrgUnit for the units that must report."""
    if mode == SelectionMode.SUBTREE:
        return Q(path__startswith=root.path) & ~Q(pk=root.pk)
    if mode == SelectionMode.TYPES:
        parts = []
        for code, level in types:
            part = Q(unit_type__code=code)
            if level:
                part &= Q(level=level)
            parts.append(part)
        return Q(path__startswith=root.path) & reduce(or_, parts)
    return Q(pk__in=[u.pk for u in units])


def _area_id(path: str, root_depth: int) -> int:
    ids = [int(p) for p in path.strip("/").split("/")]
    return ids[root_depth + 1] if len(ids) > root_depth + 1 else ids[-1]


@transaction.atomic
def round_open(
    *,
    actor,
    unit: OrgUnit,
    recipient: OrgUnit,
    template: ReportTemplate,
    kind: str,
    title: str,
    year: int,
    selection_mode: str,
    selection_root: OrgUnit | None = None,
    selection_types: Iterable[str] = (),
    units: Iterable[OrgUnit] = (),
    data_from: dt.date | None = None,
    data_to: dt.date | None = None,
    due_date: dt.date | None = None,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> ReportRound:
    access.require(actor, OPEN, unit)
    if not access.can(actor, VIEW, recipient):
        raise ValidationFailed(_("Choose a recipient unit you can see."), field="recipient")
    if not access.can(actor, "reports.view", template):
        raise ValidationFailed(_("Choose a template you can see."), field="template")
    if not template.indicators.exists() and not template.sections:
        raise ValidationFailed(_("This template has nothing to fill in."), field="template")
    if kind not in ReportKind.values:
        raise ValidationFailed(_("Choose the kind of report."), field="kind")
    title = clean_text(title, field="title", label=_("title"), max_length=TITLE_MAX, required=True)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationFailed(_("Enter a year between 2000 and 2100."), field="year")
    defaults = round_defaults(kind, year)
    data_from = data_from or defaults["data_from"]
    data_to = data_to or defaults["data_to"]
    due_date = due_date or defaults["due_date"]
    opens_on = opens_on or timezone.localdate()
    if data_to < data_from:
        raise ValidationFailed(
            _("The data cut-off cannot be before the start of the period."), field="data_to"
        )
    if due_date < opens_on:
        raise ValidationFailed(
            _("The due date cannot be before the round opens."), field="due_date"
        )
    if closes_on and closes_on < due_date:
        raise ValidationFailed(_("The round cannot close before its due date."), field="closes_on")

    types: list[list[str]] = []
    units = list(units or ())
    if selection_mode == SelectionMode.LIST:
        if not units:
            raise ValidationFailed(_("Choose the units that must report."), field="units")
        if len(units) > MAX_LISTED_UNITS:
            raise ValidationFailed(
                _("List at most %(max)d units; choose unit types for more.")
                % {"max": MAX_LISTED_UNITS},
                field="units",
            )
        if any(not access.can(actor, VIEW, u) for u in units):
            raise ValidationFailed(_("Choose units within your reach."), field="units")
        root = _common_root(units)
    elif selection_mode in (SelectionMode.SUBTREE, SelectionMode.TYPES):
        if selection_root is None or not access.can(actor, VIEW, selection_root):
            raise ValidationFailed(
                _("Choose the unit whose subtree must report."), field="selection_root"
            )
        root = selection_root
        if selection_mode == SelectionMode.TYPES:
            types = _parse_types(selection_types)
    else:
        raise ValidationFailed(_("Choose which units must report."), field="selection_mode")

    wanted = expected_units(selection_mode, root, types, units)
    rows = list(
        OrgUnit.objects.active()
        .filter(wanted)
        .values_list("pk", "path")
        .order_by("path")[: MAX_EXPECTED_UNITS + 1]
    )
    if not rows:
        raise ValidationFailed(
            _("No active unit matches this choice: nobody would report."),
            field="selection_types" if selection_mode == SelectionMode.TYPES else "selection_root",
        )
    if len(rows) > MAX_EXPECTED_UNITS:
        raise ValidationFailed(
            _("At most %(max)d units can report in one round.") % {"max": MAX_EXPECTED_UNITS},
            field="selection_mode",
        )
    report_round = ReportRound.objects.create(
        unit=unit,
        recipient=recipient,
        template=template,
        kind=kind,
        title=title,
        year=year,
        data_from=data_from,
        data_to=data_to,
        opens_on=opens_on,
        due_date=due_date,
        closes_on=closes_on,
        selection_mode=selection_mode,
        selection_root=selection_root if selection_mode != SelectionMode.LIST else root,
        selection_types=types,
        created_by=actor,
    )
    root_depth = root.depth if root is not None else 0
    Submission.objects.bulk_create(
        [
            Submission(round=report_round, unit_id=pk, area_id=_area_id(path, root_depth))
            for pk, path in rows
        ],
        batch_size=2000,
    )
    audit.record(
        actor,
        "report_round.opened",
        report_round,
        after={**audit.snapshot(report_round), "expected": len(rows)},
    )
    if len(rows) <= 5000:  # a national round announces itself through the due-date reminders
        notices.round_opened(report_round, report_round.submissions.select_related("unit"))
    return report_round


@transaction.atomic
def round_update_dates(
    *, actor, report_round: ReportRound, due_date: dt.date, closes_on: dt.date | None
) -> ReportRound:
    """The recipient may move the due date or the closing date (lateness follows the new date
    for reports sent afterwards)."""
    access.require(actor, OPEN, report_round)
    if closes_on and closes_on < due_date:
        raise ValidationFailed(_("The round cannot close before its due date."), field="closes_on")
    before = audit.snapshot(report_round, ["due_date", "closes_on"])
    report_round.due_date, report_round.closes_on = due_date, closes_on
    report_round.save(update_fields=["due_date", "closes_on"])
    audit.record(
        actor,
        "report_round.dates_changed",
        report_round,
        before=before,
        after=audit.snapshot(report_round, ["due_date", "closes_on"]),
    )
    return report_round


def round_remind(*, actor, report_round: ReportRound, submission_ids=None) -> int:
    """Remind the units whose report is missing (all, or those given); returns how many units
    were told. One reminder per unit and day."""
    if not access.can(actor, REVIEW, report_round.recipient):
        access.require(actor, OPEN, report_round)
    qs = report_round.submissions.filter(status__in=OPEN_STATUSES).select_related("unit")
    if submission_ids is not None:
        qs = qs.filter(pk__in=list(submission_ids))
    with transaction.atomic():
        count = notices.remind(report_round, qs)
        audit.record(actor, "report_round.reminded", report_round, after={"units": count})
    return count
