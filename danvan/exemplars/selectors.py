"""Reads of the “Dân vận khéo” app, scoped by the actor (``access.scope``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.exemplars.models import (
    RECOGNISED_STATUSES,
    Commendation,
    CouncilMember,
    Criterion,
    Exemplar,
    Field,
    Kind,
    Round,
    Status,
    UnitYearStat,
)
from danvan.exemplars.rules import MANAGE, ORGANISE
from danvan.exemplars.stats import FIELD_COLUMNS, KIND_COLUMNS
from danvan.lib.text import search_terms
from danvan.units.models import Level, OrgUnit

TREE_LIMIT = 500
BELOW_QUOTA_LIMIT = 200


@dataclass
class ExemplarFilters:
    year: int | None = None
    field: str = ""
    kind: str = ""
    status: str = ""
    origin: str = ""
    query: str = ""
    unit: OrgUnit | None = None


def exemplar_list(actor, filters: ExemplarFilters) -> QuerySet[Exemplar]:
    qs = access.scope(actor, Exemplar.objects.all()).select_related("unit", "replicates")
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.origin:
        qs = qs.filter(origin=filters.origin)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    for term in search_terms(filters.query):
        qs = qs.filter(search_folded__contains=term)
    return qs


def get_exemplar_for(actor, exemplar_id, *, permission: str | None = None) -> Exemplar:
    qs = Exemplar.objects.select_related("unit", "replicates__unit", "round__unit", "province")
    return access.get_for(actor, qs, exemplar_id, permission)


def visible_ids(actor, model, ids) -> set[int]:
    """Which of ``ids`` the actor may open (one query): other units' models in a replication
    tree, or a round organised above, are shown as text rather than as a link to a 404."""
    ids = {pk for pk in ids if pk}
    if not ids:
        return set()
    return set(access.scope(actor, model.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def get_round_for(actor, round_id, *, permission: str | None = None) -> Round:
    return access.get_for(actor, Round.objects.select_related("unit"), round_id, permission)


def get_criterion_for(actor, criterion_id) -> Criterion:
    try:
        criterion = Criterion.objects.select_related("round__unit").get(pk=int(criterion_id))
    except (Criterion.DoesNotExist, TypeError, ValueError):
        raise NotFoundError() from None
    if not access.can(actor, ORGANISE, criterion.round):
        raise NotFoundError()
    return criterion


def get_member_for(actor, member_id) -> CouncilMember:
    try:
        member = CouncilMember.objects.select_related("round__unit", "user").get(pk=int(member_id))
    except (CouncilMember.DoesNotExist, TypeError, ValueError):
        raise NotFoundError() from None
    if not access.can(actor, ORGANISE, member.round):
        raise NotFoundError()
    return member


def round_list(actor) -> QuerySet[Round]:
    return (
        access.scope(actor, Round.objects.all())
        .select_related("unit")
        .annotate(exemplar_count=Count("exemplars"))
        .order_by("-year", "unit__path")
    )


def units_to_manage(actor) -> QuerySet[OrgUnit]:
    prefixes = access.reach(actor, MANAGE)
    if not prefixes:
        return OrgUnit.objects.none()
    qs = OrgUnit.objects.active()
    if prefixes != ["/"]:
        q = Q()
        for prefix in prefixes:
            q |= Q(path__startswith=prefix)
        qs = qs.filter(q)
    return qs


def units_to_organise(actor) -> QuerySet[OrgUnit]:
    prefixes = access.reach(actor, ORGANISE)
    if not prefixes:
        return OrgUnit.objects.none()
    qs = OrgUnit.objects.active().exclude(level=Level.VILLAGE)
    if prefixes != ["/"]:
        q = Q()
        for prefix in prefixes:
            q |= Q(path__startswith=prefix)
        qs = qs.filter(q)
    return qs


def can_manage(actor, exemplar: Exemplar) -> bool:
    return access.can(actor, MANAGE, exemplar)


def can_organise(actor, exemplar: Exemplar) -> bool:
    round_ = exemplar.round
    return round_ is not None and access.can(actor, ORGANISE, round_)


def is_member(actor, exemplar: Exemplar) -> bool:
    return (
        exemplar.round_id is not None
        and CouncilMember.objects.filter(round_id=exemplar.round_id, user_id=actor.pk).exists()
    )


def scores_visible(actor, exemplar: Exemplar) -> bool:
    """The council's scores and votes: to the round's participants (its members, its
    organisers) and, once the review is closed, to the unit that registered the model."""
    if exemplar.round_id is None:
        return False
    if is_member(actor, exemplar) or can_organise(actor, exemplar):
        return True
    return exemplar.reviewed_at is not None and access.can(actor, MANAGE, exemplar)


# --- Replication --------------------------------------------------------------------------


@dataclass
class TreeNode:
    exemplar: Exemplar
    depth: int


@dataclass
class Reach:
    units: int = 0
    communes: int = 0
    provinces: int = 0
    replications: int = 0


def replication_tree(exemplar: Exemplar, *, limit: int = TREE_LIMIT) -> list[TreeNode]:
    """The registered replications below ``exemplar`` (all generations), in tree order:
    which units copied it, where, when and with what status. One query."""
    base = exemplar.lineage.count("/")
    rows = (
        Exemplar.objects.filter(lineage__startswith=exemplar.lineage)
        .exclude(pk=exemplar.pk)
        .exclude(status=Status.DRAFT)
        .select_related("unit", "province")
        .only(
            "pk",
            "title",
            "lineage",
            "status",
            "year",
            "registered_at",
            "unit__name",
            "province__name",
            "is_public",
            "replica_count",
        )
        .order_by("lineage")[:limit]
    )
    return [TreeNode(row, row.lineage.count("/") - base) for row in rows]


def reach(exemplar: Exemplar) -> Reach:
    """Units, communes and provinces where the model runs (itself and its registered
    replications)."""
    qs = Exemplar.objects.filter(lineage__startswith=exemplar.lineage).exclude(
        Q(status=Status.DRAFT) & ~Q(pk=exemplar.pk)
    )
    found = qs.aggregate(
        units=Count("unit_id", distinct=True),
        communes=Count("commune_id", distinct=True),
        provinces=Count("province_id", distinct=True),
        rows=Count("id"),
    )
    return Reach(
        units=found["units"],
        communes=found["communes"],
        provinces=found["provinces"],
        replications=max(found["rows"] - 1, 0),
    )


def most_replicated(actor, *, year: int | None = None) -> QuerySet[Exemplar]:
    qs = access.scope(actor, Exemplar.objects.filter(replica_count__gt=0)).select_related(
        "unit", "province"
    )
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-replica_count", "-id")


# --- Quotas and the dashboard ---------------------------------------------------------------


def quota_of(unit: OrgUnit, year: int) -> tuple[int, int, Round | None]:
    from danvan.exemplars.models import DEFAULT_QUOTA_MIN, DEFAULT_QUOTA_TARGET
    from danvan.exemplars.services import round_for

    round_ = round_for(unit, year)
    if round_ is None:
        return DEFAULT_QUOTA_MIN, DEFAULT_QUOTA_TARGET, None
    return round_.quota_min, round_.quota_target, round_


def quota_units(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The units that owe models: every active unit of the subtree except villages and
    residential groups (seed 004: “mỗi cơ quan, đơn vị, tổ chức từ tỉnh đến cơ sở”)."""
    return OrgUnit.objects.active().filter(path__startswith=unit.path).exclude(level=Level.VILLAGE)


def _stats(unit: OrgUnit):
    return UnitYearStat.objects.filter(unit_path__startswith=unit.path)


@dataclass
class Dashboard:
    unit: OrgUnit
    year: int
    quota_min: int
    quota_target: int
    round: Round | None
    units_total: int = 0
    units_meeting: int = 0
    registered: int = 0
    new: int = 0
    replicated: int = 0
    recognised: int = 0
    commended: int = 0
    by_field: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    by_level: list = field(default_factory=list)
    by_year: list = field(default_factory=list)
    below: list = field(default_factory=list)

    @property
    def units_below(self) -> int:
        return max(self.units_total - self.units_meeting, 0)


def dashboard(unit: OrgUnit, year: int, *, below_limit: int = BELOW_QUOTA_LIMIT) -> Dashboard:
    """Registrations of ``unit``'s subtree in ``year``: totals, by field, kind, level and the
    five years up to it; the units below the minimum quota. Reads the summary table
    (``UnitYearStat``, one row per unit and year): a fixed number of queries whatever the
    size of the subtree."""
    quota_min, quota_target, round_ = quota_of(unit, year)
    board = Dashboard(unit, year, quota_min, quota_target, round_)
    stats = _stats(unit).filter(year=year)
    columns = ["registered", "new", "replicated", "recognised", "commended"]
    sums = stats.aggregate(
        **{name: Coalesce(Sum(name), 0) for name in columns + FIELD_COLUMNS + KIND_COLUMNS}
    )
    for name in columns:
        setattr(board, name, sums[name])
    board.by_field = [(v, label, sums[f"f_{v}"]) for v, label in Field.choices]
    board.by_kind = [(v, label, sums[f"k_{v}"]) for v, label in Kind.choices]
    levels = dict(Level.choices)
    board.by_level = [
        (level, levels.get(level, level), n)
        for level, n in stats.order_by("level").values_list("level").annotate(n=Sum("registered"))
        if n
    ]
    board.by_year = list(
        _stats(unit)
        .filter(year__gte=year - 4, year__lte=year)
        .order_by("year")
        .values_list("year")
        .annotate(n=Sum("registered"), r=Sum("recognised"), c=Sum("commended"))
    )
    meeting = stats.filter(registered__gte=quota_min).values("unit_id")
    units = quota_units(unit)
    board.units_total = units.count()
    if not quota_min:
        board.units_meeting = board.units_total
        return board
    # Units that met the quota, counted on the summary rows themselves (a join of every unit
    # of the country with them made PostgreSQL walk the whole unit table).
    board.units_meeting = (
        stats.filter(registered__gte=quota_min).exclude(level=Level.VILLAGE).count()
    )
    below = list(units.exclude(pk__in=meeting).order_by("path")[:below_limit])
    counts = dict(
        UnitYearStat.objects.filter(year=year, unit_id__in=[u.pk for u in below]).values_list(
            "unit_id", "registered"
        )
    )
    for u in below:
        u.registered = counts.get(u.pk, 0)
    board.below = below
    return board


SUMMARY_COLUMNS = ("registered", "new", "replicated", "recognised", "commended")


def unit_summary(unit: OrgUnit, year: int):
    """The yearly summary table per unit of the subtree: registered, new, replicated,
    recognised, commended; units with no registration included, with zeros. A generator of
    units (in tree order) carrying those counts; two queries."""
    found = {
        row[0]: row[1:]
        for row in _stats(unit).filter(year=year).values_list("unit_id", *SUMMARY_COLUMNS)
    }
    zeros = (0,) * len(SUMMARY_COLUMNS)
    for u in quota_units(unit).order_by("path").iterator(chunk_size=2000):
        for name, value in zip(SUMMARY_COLUMNS, found.get(u.pk, zeros), strict=True):
            setattr(u, name, value)
        yield u


# --- Public showcase -------------------------------------------------------------------------


@dataclass
class PublicFilters:
    field: str = ""
    province: int | None = None
    year: int | None = None
    query: str = ""


def public_list(filters: PublicFilters) -> QuerySet[Exemplar]:
    qs = Exemplar.objects.filter(is_public=True, status__in=RECOGNISED_STATUSES).select_related(
        "unit", "province"
    )
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.province:
        qs = qs.filter(province_id=filters.province)
    if filters.year:
        qs = qs.filter(year=filters.year)
    for term in search_terms(filters.query):
        qs = qs.filter(search_folded__contains=term)
    return qs


def get_public_exemplar(exemplar_id) -> Exemplar:
    try:
        pk = int(exemplar_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    found = (
        Exemplar.objects.filter(pk=pk, is_public=True, status__in=RECOGNISED_STATUSES)
        .select_related("unit", "province", "replicates")
        .first()
    )
    if found is None:
        raise NotFoundError()
    return found


def public_provinces() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(level=Level.PROVINCE, depth__lte=1).order_by("name")


# --- Report figures (danvan/reports/sources.py) --------------------------------------------


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return low, high


def count_registered(unit_path: str, start: dt.date, end: dt.date) -> int:
    low, high = _day_bounds(start, end)
    return Exemplar.objects.filter(
        unit__path__startswith=unit_path, registered_at__gte=low, registered_at__lt=high
    ).count()


def count_recognised(unit_path: str, start: dt.date, end: dt.date) -> int:
    return Exemplar.objects.filter(
        unit__path__startswith=unit_path,
        status__in=RECOGNISED_STATUSES,
        recognised_on__gte=start,
        recognised_on__lte=end,
    ).count()


def count_commended(unit_path: str, start: dt.date, end: dt.date) -> int:
    return (
        Commendation.objects.filter(
            exemplar__unit__path__startswith=unit_path,
            decision_date__gte=start,
            decision_date__lte=end,
        )
        .values("exemplar_id")
        .distinct()
        .count()
    )
