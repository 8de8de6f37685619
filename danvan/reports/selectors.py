"""Reads of periodic reports, scoped by the actor: a round or report out of reach is "not found".

Completeness follows DHIS2's reporting rate summary: for each round (and per unit type, per
area) the expected reports, those received (submitted or accepted), on time and late among
them, returned for correction, and missing (not started or draft); the reporting rate is
received / expected and the on-time rate received on time / expected.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet, Sum

from danvan.accounts import access
from danvan.reports import sources
from danvan.reports.models import (
    IN_HAND_STATUSES,
    OPEN_STATUSES,
    Aggregation,
    Indicator,
    ReportRound,
    ReportTemplate,
    Submission,
    SubmissionStatus,
    SubmissionValue,
    SubmissionVersion,
)
from danvan.reports.rules import MANAGE, OPEN, REVIEW, VIEW
from danvan.units.models import OrgUnit, UnitType

# --- Templates ------------------------------------------------------------------------------


def template_queryset(actor) -> QuerySet[ReportTemplate]:
    return access.scope(actor, ReportTemplate.objects.all()).select_related("unit")


def get_template_for(actor, template_id) -> ReportTemplate:
    return access.get_for(actor, template_queryset(actor), template_id)


def template_indicators(template: ReportTemplate) -> list[Indicator]:
    return list(template.indicators.select_related("at_most"))


def get_indicator_for(actor, indicator_id) -> Indicator:
    return access.get_for(
        actor, access.scope(actor, Indicator.objects.select_related("template")), indicator_id
    )


def units_managed(actor, permission: str = MANAGE) -> QuerySet[OrgUnit]:
    """Units where ``actor`` holds ``permission`` (their own grants' units and below)."""
    prefixes = access.reach(actor, permission)
    if not prefixes:
        return OrgUnit.objects.none()
    if prefixes == ["/"]:
        return OrgUnit.objects.all()
    q = Q()
    for prefix in prefixes:
        q |= Q(path__startswith=prefix)
    return OrgUnit.objects.filter(q)


def home_units(actor, permission: str) -> list[OrgUnit]:
    """The top units of the actor's reach for ``permission`` and their home unit if inside:
    the likely choices for "opened by", "owner" or "recipient"."""
    prefixes = access.reach(actor, permission)
    if not prefixes:
        return []
    if prefixes == ["/"]:
        roots = list(OrgUnit.objects.filter(parent__isnull=True)[:5])
    else:
        roots = list(OrgUnit.objects.filter(path__in=prefixes).order_by("path")[:50])
    home = getattr(actor, "home_unit", None)
    if home is not None and home not in roots and any(home.path.startswith(p) for p in prefixes):
        roots.insert(0, home)
    return roots


# --- Rounds ---------------------------------------------------------------------------------


def round_queryset(actor) -> QuerySet[ReportRound]:
    return access.scope(actor, ReportRound.objects.all()).select_related(
        "unit", "recipient", "template"
    )


def get_round_for(actor, round_id) -> ReportRound:
    return access.get_for(actor, round_queryset(actor), round_id)


def rounds_received(actor) -> QuerySet[ReportRound]:
    """Rounds whose recipient (or opener) is within the actor's reach: those to follow up."""
    prefixes = access.reach(actor, VIEW)
    if not prefixes:
        return ReportRound.objects.none()
    qs = round_queryset(actor)
    if prefixes == ["/"]:
        return qs
    q = Q()
    for prefix in prefixes:
        q |= Q(recipient__path__startswith=prefix) | Q(unit__path__startswith=prefix)
    return qs.filter(q)


def is_recipient(actor, report_round: ReportRound) -> bool:
    return access.can(actor, REVIEW, report_round.recipient)


def can_open(actor) -> bool:
    return bool(access.reach(actor, OPEN))


# --- Submissions ----------------------------------------------------------------------------


def submission_queryset(actor) -> QuerySet[Submission]:
    return access.scope(actor, Submission.objects.all()).select_related(
        "unit", "round", "round__template", "round__recipient", "round__unit"
    )


def get_submission_for(actor, submission_id) -> Submission:
    return access.get_for(actor, submission_queryset(actor), submission_id)


def my_submissions(actor) -> QuerySet[Submission]:
    """Reports the actor's units write: those of the units of their grants and of the agencies
    directly under them (a commune's official writes UBND xã's report); not every report of a
    whole province, which its officer follows from the rounds."""
    prefixes = access.reach(actor, MANAGE) or access.reach(actor, VIEW)
    if not prefixes:
        return Submission.objects.none()
    qs = Submission.objects.select_related("unit", "round", "round__recipient")
    q = Q()
    for prefix in prefixes:
        depth = max(len([p for p in prefix.strip("/").split("/") if p]) - 1, 0)
        q |= Q(unit__path=prefix) | Q(
            unit__path__startswith=prefix,
            unit__depth=depth + 1,
            unit__unit_type__is_territory=False,
        )
    return qs.filter(q)


def submission_values(submission: Submission) -> dict[int, SubmissionValue]:
    return {v.indicator_id: v for v in submission.values.all()}


def submission_versions(submission: Submission) -> list[SubmissionVersion]:
    return list(submission.versions.select_related("submitted_by", "reviewed_by"))


def figure_scope(unit: OrgUnit) -> OrgUnit:
    """Whose figures a unit's report counts: its own subtree, except that the People's Committee
    of a territory reports for the whole territory (UBND xã for the commune)."""
    if (
        not unit.unit_type.is_territory
        and unit.unit_type.code == "people_committee"
        and unit.parent is not None
    ):
        return unit.parent
    return unit


def known_figures_for(submission: Submission, indicators: list[Indicator]) -> dict[int, int]:
    """The figures the system knows for the reporting unit's subtree over the round's period."""
    scope = figure_scope(submission.unit)
    report_round = submission.round
    found = {}
    for indicator in indicators:
        if not indicator.source_key:
            continue
        value = sources.compute(
            indicator.source_key, scope.path, report_round.data_from, report_round.data_to
        )
        if value is not None:
            found[indicator.pk] = value
    return found


def can_feed(actor, source_round: ReportRound, submission: Submission) -> bool:
    """Whether ``source_round`` (consolidated by the submission's unit, or by an agency of
    the same territory) may fill ``submission``: the actor must be on its recipient side."""
    unit = submission.unit
    territory = unit if unit.unit_type.is_territory or unit.parent is None else unit.parent
    return source_round.recipient.path.startswith(territory.path) and is_recipient(
        actor, source_round
    )


def rounds_to_feed(actor, submission: Submission) -> list[ReportRound]:
    unit = submission.unit
    territory = unit if unit.unit_type.is_territory or unit.parent is None else unit.parent
    return [
        r
        for r in rounds_received(actor)
        .filter(recipient__path__startswith=territory.path)
        .exclude(pk=submission.round_id)
        .order_by("-id")[:20]
        if is_recipient(actor, r)
    ]


# --- Completeness ---------------------------------------------------------------------------


@dataclass
class Rates:
    label: str = ""
    key: int | str | None = None
    expected: int = 0
    submitted: int = 0
    accepted: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    missing: int = 0

    @property
    def reporting_rate(self) -> float:
        return round(100 * self.submitted / self.expected, 1) if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return round(100 * self.on_time / self.expected, 1) if self.expected else 0.0

    def as_dict(self) -> dict:
        return {
            "expected": self.expected,
            "submitted": self.submitted,
            "accepted": self.accepted,
            "on_time": self.on_time,
            "late": self.late,
            "returned": self.returned,
            "missing": self.missing,
            "reporting_rate": self.reporting_rate,
            "on_time_rate": self.on_time_rate,
        }


_IN_HAND = Q(status__in=IN_HAND_STATUSES)
COUNTS = {
    "expected": Count("id"),
    "submitted": Count("id", filter=_IN_HAND),
    "accepted": Count("id", filter=Q(status=SubmissionStatus.ACCEPTED)),
    "on_time": Count("id", filter=_IN_HAND & Q(is_late=False)),
    "late": Count("id", filter=_IN_HAND & Q(is_late=True)),
    "returned": Count("id", filter=Q(status=SubmissionStatus.RETURNED)),
    "missing": Count("id", filter=Q(status__in=(SubmissionStatus.PENDING, SubmissionStatus.DRAFT))),
}


@dataclass
class Completeness:
    total: Rates
    by_type: list[Rates] = field(default_factory=list)
    by_area: list[Rates] = field(default_factory=list)


def _rates(row: dict, label: str = "", key=None) -> Rates:
    return Rates(label=label, key=key, **{name: row[name] or 0 for name in COUNTS})


def completeness(report_round: ReportRound, *, area_id: int | None = None) -> Completeness:
    """The round's dashboard in four queries whatever its size (three groupings, the names)."""
    qs = Submission.objects.filter(round=report_round)
    if area_id is not None:
        qs = qs.filter(area_id=area_id)
    total = _rates(qs.aggregate(**COUNTS))
    type_rows = list(qs.values("unit__unit_type_id").annotate(**COUNTS).order_by())
    area_rows = list(qs.values("area_id").annotate(**COUNTS).order_by())
    types = {t.pk: t.name for t in UnitType.objects.all()}
    areas = dict(
        OrgUnit.objects.filter(pk__in=[r["area_id"] for r in area_rows]).values_list("pk", "name")
    )
    by_type = sorted(
        (
            _rates(r, types.get(r["unit__unit_type_id"], "?"), r["unit__unit_type_id"])
            for r in type_rows
        ),
        key=lambda r: r.label,
    )
    by_area = sorted(
        (_rates(r, areas.get(r["area_id"], "?"), r["area_id"]) for r in area_rows),
        key=lambda r: r.label,
    )
    return Completeness(total=total, by_type=by_type, by_area=by_area)


def round_submissions(
    report_round: ReportRound, *, status: str = "", area_id: int | None = None
) -> QuerySet[Submission]:
    qs = Submission.objects.filter(round=report_round).select_related("unit", "unit__unit_type")
    if status == "missing":
        qs = qs.filter(status__in=(SubmissionStatus.PENDING, SubmissionStatus.DRAFT))
    elif status == "late":
        qs = qs.filter(status__in=IN_HAND_STATUSES, is_late=True)
    elif status in SubmissionStatus.values:
        qs = qs.filter(status=status)
    if area_id is not None:
        qs = qs.filter(area_id=area_id)
    return qs


def open_submissions(report_round: ReportRound) -> QuerySet[Submission]:
    return Submission.objects.filter(round=report_round, status__in=OPEN_STATUSES)


# --- Consolidation --------------------------------------------------------------------------


@dataclass
class FigureRow:
    indicator: Indicator
    total: Decimal | None
    count: int


def consolidated_figures(report_round: ReportRound) -> list[FigureRow]:
    """Each indicator summed or averaged over the accepted reports (two queries)."""
    indicators = list(report_round.template.indicators.all())
    rows = {
        row["indicator_id"]: row
        for row in SubmissionValue.objects.filter(
            submission__round=report_round,
            submission__status=SubmissionStatus.ACCEPTED,
            value__isnull=False,
        )
        .values("indicator_id")
        .annotate(total=Sum("value"), average=Avg("value"), count=Count("id"))
        .order_by()
    }
    result = []
    for indicator in indicators:
        row = rows.get(indicator.pk)
        if row is None:
            result.append(FigureRow(indicator, None, 0))
            continue
        value = row["average"] if indicator.aggregation == Aggregation.AVERAGE else row["total"]
        value = Decimal(str(value)).quantize(Decimal("0.01")) if value is not None else None
        result.append(FigureRow(indicator, value, row["count"]))
    return result


def indicator_breakdown(report_round: ReportRound, indicator: Indicator) -> QuerySet:
    """Each accepted report's figure for one indicator: the drill-down behind a total."""
    return (
        SubmissionValue.objects.filter(
            submission__round=report_round,
            submission__status=SubmissionStatus.ACCEPTED,
            indicator=indicator,
        )
        .select_related("submission__unit", "submission__area")
        .order_by("submission_id")
    )


def accepted_submissions(report_round: ReportRound) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(round=report_round, status=SubmissionStatus.ACCEPTED)
        .select_related("unit")
        .order_by("area__name", "unit__name", "id")
    )


def compiled_narrative(report_round: ReportRound, *, limit: int | None = None) -> list[dict]:
    """Each narrative section with the accepted reports' texts, unit by unit (the first
    ``limit`` reports when given)."""
    sections = report_round.template.section_list()
    rows = accepted_submissions(report_round).only("id", "unit__name", "narrative")
    if limit is not None:
        rows = rows[:limit]
    entries: dict[str, list[tuple[str, str]]] = {key: [] for key, _title in sections}
    for submission in rows.iterator(chunk_size=2000):
        for key, _title in sections:
            text = (submission.narrative or {}).get(key, "").strip()
            if text:
                entries[key].append((submission.unit.name, text))
    return [{"key": key, "title": title, "entries": entries[key]} for key, title in sections]


def narrative_counts(report_round: ReportRound) -> dict[str, int]:
    """How many accepted reports wrote something in each section (one count per section)."""
    accepted = Submission.objects.filter(round=report_round, status=SubmissionStatus.ACCEPTED)
    counts = {}
    for key, _title in report_round.template.section_list():
        counts[key] = (
            accepted.filter(**{f"narrative__{key}__isnull": False})
            .exclude(**{f"narrative__{key}": ""})
            .count()
        )
    return counts


def compiled_narrative_text(report_round: ReportRound) -> dict[str, str]:
    return {
        section["key"]: "\n".join(f"{name}: {text}" for name, text in section["entries"])
        for section in compiled_narrative(report_round)
    }


def figure_matrix(report_round: ReportRound):
    """(indicators, rows) with one row per accepted report: unit, area, then each figure."""
    indicators = list(report_round.template.indicators.all())
    position = {ind.pk: i for i, ind in enumerate(indicators)}
    current: dict[int, list] = {}
    names: dict[int, tuple[str, str]] = {}
    for submission_id, unit_name, area_name in accepted_submissions(report_round).values_list(
        "id", "unit__name", "area__name"
    ):
        names[submission_id] = (unit_name, area_name)
        current[submission_id] = [None] * len(indicators)
    values = SubmissionValue.objects.filter(
        submission__round=report_round, submission__status=SubmissionStatus.ACCEPTED
    ).values_list("submission_id", "indicator_id", "value")
    for submission_id, indicator_id, value in values.iterator(chunk_size=10000):
        if submission_id in current and indicator_id in position:
            current[submission_id][position[indicator_id]] = value
    rows = [[*names[pk], *figures] for pk, figures in current.items()]
    return indicators, rows
