"""Reads of recommendations, scoped by the actor: lists with filters, an addressee's inbox, one
recommendation with its answers, and the follow-up dashboard of a subtree (by issuer kind, by
area and addressee, by topic: open, overdue, closure rate, oldest open).

Status words: *awaiting* = open or overdue (the addressee must act); *unclosed* = awaiting or
answered (the issuer must still verify); *closed* = done or not accepted. *Overdue* counts the
stored status and the open ones whose deadline passed since the nightly job last ran.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.lib.text import search_terms
from danvan.oversight import rules
from danvan.oversight.models import (
    AWAITING,
    CLOSED,
    UNCLOSED,
    Recommendation,
    RecommendationAnswer,
    RecommendationStatus,
    Topic,
    overdue_q,
)
from danvan.oversight.recommendations import sources
from danvan.units.models import OrgUnit

SIDE_ISSUED, SIDE_RECEIVED = "issued", "received"
SIDES = (SIDE_ISSUED, SIDE_RECEIVED)
#: the status filter of lists: a stored status, or a group
STATUS_FILTERS = (
    "awaiting",
    "overdue",
    "answered",
    "unclosed",
    "closed",
    RecommendationStatus.DONE,
    RecommendationStatus.NOT_ACCEPTED,
)
TOP_ADDRESSEES = 20


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def status_q(status: str, today: dt.date) -> Q:
    """The rows a status filter keeps ("" keeps every row)."""
    if status == "awaiting":
        return Q(status__in=AWAITING)
    if status == "overdue":
        return overdue_q(today)
    if status == "answered":
        return Q(status=RecommendationStatus.ANSWERED)
    if status == "unclosed":
        return Q(status__in=UNCLOSED)
    if status == "closed":
        return Q(status__in=CLOSED)
    if status in (RecommendationStatus.DONE, RecommendationStatus.NOT_ACCEPTED):
        return Q(status=status)
    return Q()


# --- Lists ------------------------------------------------------------------------------------


@dataclass
class RecommendationFilters:
    side: str = ""  # "" (everything visible), "issued" (by my units), "received" (to my units)
    status: str = ""  # one of STATUS_FILTERS
    source_kind: str = ""
    topic: Topic | None = None
    addressee: OrgUnit | None = None  # addressed to this unit or a unit below it
    issuer: OrgUnit | None = None  # issued by this unit or a unit below it
    year: int | None = None  # year of issue
    query: str = ""
    source: object | None = None  # only the recommendations of this source object


def recommendation_queryset(actor) -> QuerySet[Recommendation]:
    return access.scope(actor, Recommendation.objects.all())


def _with_units(qs: QuerySet) -> QuerySet:
    return qs.select_related("issuer", "addressee", "topic")


def recommendation_list(
    actor, filters: RecommendationFilters, today: dt.date | None = None
) -> QuerySet[Recommendation]:
    today = _today(today)
    qs = recommendation_queryset(actor)
    if filters.side == SIDE_ISSUED:
        qs = qs.filter(rules.within("issuer__path", access.reach(actor, rules.VIEW)))
    elif filters.side == SIDE_RECEIVED:
        qs = qs.filter(rules.within("addressee__path", access.reach(actor, rules.VIEW)))
    if filters.status:
        qs = qs.filter(status_q(filters.status, today))
    if filters.source_kind:
        qs = qs.filter(source_kind=filters.source_kind)
    if filters.topic is not None:
        qs = qs.filter(topic=filters.topic)
    if filters.addressee is not None:
        qs = qs.filter(addressee__path__startswith=filters.addressee.path)
    if filters.issuer is not None:
        qs = qs.filter(issuer__path__startswith=filters.issuer.path)
    if filters.year:
        qs = qs.filter(issued_on__year=filters.year)
    for term in search_terms(filters.query):
        qs = qs.filter(text_folded__contains=term)
    if filters.source is not None:
        qs = of_source(qs, filters.source)
    return _with_units(qs)


def of_source(qs: QuerySet, source) -> QuerySet:
    from django.contrib.contenttypes.models import ContentType

    return qs.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)


def source_recommendations(actor, source) -> list[Recommendation]:
    """The recommendations of one source object the actor may see, in their order."""
    qs = of_source(recommendation_queryset(actor), source)
    return list(_with_units(qs).order_by("number", "id"))


def get_recommendation_for(actor, recommendation_id) -> Recommendation:
    """The recommendation if ``actor`` may see it; 404 for missing and forbidden alike."""
    return access.get_for(
        actor,
        Recommendation.objects.select_related(
            "issuer", "addressee", "topic", "created_by", "verified_by"
        ),
        recommendation_id,
    )


def answers_of(recommendation: Recommendation) -> list[RecommendationAnswer]:
    return list(
        recommendation.answers.select_related("answered_by", "reviewed_by")
        .prefetch_related("evidence")
        .order_by("-id")
    )


def get_evidence_for(actor, evidence_id):
    from danvan.oversight.models import AnswerEvidence

    return access.get_for(
        actor, AnswerEvidence.objects.select_related("answer__recommendation"), evidence_id
    )


# --- The addressee's inbox --------------------------------------------------------------------


@dataclass
class InboxPage:
    items: list = field(default_factory=list)
    next_cursor: str | None = None


def inbox_queryset(actor, *, include_answered: bool = False) -> QuerySet[Recommendation]:
    """What the units the actor answers for must do: awaiting recommendations (and, if asked,
    those answered and waiting for the issuer), nearest deadline first — overdue ones first."""
    statuses = UNCLOSED if include_answered else AWAITING
    qs = Recommendation.objects.filter(
        rules.within("addressee__path", access.reach(actor, rules.ANSWER)), status__in=statuses
    )
    return _with_units(qs)


def _cursor(cursor: str | None) -> tuple[dt.date, int] | None:
    try:
        day, pk = str(cursor).split(".")
        return dt.date.fromisoformat(day), int(pk)
    except (ValueError, AttributeError):
        return None


def deadline_page(qs: QuerySet[Recommendation], cursor: str | None, size: int) -> InboxPage:
    """Keyset pages by (deadline, id): the index (addressee, status, due_date) serves it, and a
    page deep in the list costs what the first one does."""
    qs = qs.order_by("due_date", "id")
    after = _cursor(cursor) if cursor else None
    if after is not None:
        day, pk = after
        qs = qs.filter(Q(due_date__gt=day) | Q(due_date=day, id__gt=pk))
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = f"{rows[-1].due_date.isoformat()}.{rows[-1].pk}" if more and rows else None
    return InboxPage(items=rows, next_cursor=next_cursor)


def inbox(actor, cursor: str | None = None, size: int = 30, **kwargs) -> InboxPage:
    return deadline_page(inbox_queryset(actor, **kwargs), cursor, size)


# --- The dashboard ----------------------------------------------------------------------------


@dataclass
class Counts:
    total: int = 0
    awaiting: int = 0  # open or overdue: the addressee must act
    overdue: int = 0
    answered: int = 0  # the issuer must verify
    done: int = 0
    not_accepted: int = 0
    oldest_open: dt.date | None = None  # date of issue of the oldest unclosed one

    @property
    def closed(self) -> int:
        return self.done + self.not_accepted

    @property
    def unclosed(self) -> int:
        return self.awaiting + self.answered

    @property
    def closure_rate(self) -> Decimal | None:
        """Closed as a percentage of all issued, one decimal (None when none was issued)."""
        if not self.total:
            return None
        rate = Decimal(self.closed * 100) / Decimal(self.total)
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def add(self, other: Counts) -> None:
        for name in ("total", "awaiting", "overdue", "answered", "done", "not_accepted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.oldest_open and (self.oldest_open is None or other.oldest_open < self.oldest_open):
            self.oldest_open = other.oldest_open


@dataclass
class Row:
    key: object
    label: str
    counts: Counts
    unit: OrgUnit | None = None


@dataclass
class DashboardFilters:
    side: str = SIDE_RECEIVED  # received: addressed to units of the subtree; issued: by them
    year: int | None = None
    source_kind: str = ""
    topic: Topic | None = None


@dataclass
class Dashboard:
    root: OrgUnit
    filters: DashboardFilters
    today: dt.date
    totals: Counts
    by_kind: list[Row]
    by_area: list[Row]
    by_topic: list[Row]
    top_addressees: list[Row]
    oldest: Recommendation | None


def _aggregates(today: dt.date) -> dict:
    return {
        "total": Count("id"),
        "awaiting": Count("id", filter=Q(status__in=AWAITING)),
        "overdue": Count("id", filter=overdue_q(today)),
        "answered": Count("id", filter=Q(status=RecommendationStatus.ANSWERED)),
        "done": Count("id", filter=Q(status=RecommendationStatus.DONE)),
        "not_accepted": Count("id", filter=Q(status=RecommendationStatus.NOT_ACCEPTED)),
        "oldest_open": Min("issued_on", filter=Q(status__in=UNCLOSED)),
    }


_COUNT_FIELDS = ("total", "awaiting", "overdue", "answered", "done", "not_accepted", "oldest_open")


def _counts(row: dict) -> Counts:
    return Counts(**{name: row[name] for name in _COUNT_FIELDS})


def dashboard_queryset(root: OrgUnit, filters: DashboardFilters) -> QuerySet[Recommendation]:
    """Every recommendation addressed to (or issued by) a unit of ``root``'s subtree."""
    unit_field = "issuer" if filters.side == SIDE_ISSUED else "addressee"
    qs = Recommendation.objects.filter(**{f"{unit_field}__path__startswith": root.path})
    if filters.year:
        start = dt.date(filters.year, 1, 1)
        qs = qs.filter(issued_on__gte=start, issued_on__lt=dt.date(filters.year + 1, 1, 1))
    if filters.source_kind:
        qs = qs.filter(source_kind=filters.source_kind)
    if filters.topic is not None:
        qs = qs.filter(topic=filters.topic)
    return qs


def _ids_of(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def recommendation_dashboard(
    actor, root: OrgUnit, filters: DashboardFilters | None = None, today: dt.date | None = None
) -> Dashboard:
    """The follow-up of recommendations for ``root``'s subtree, in a fixed number of queries.

    The actor must hold ``oversight.view`` on ``root`` (404 otherwise): everything addressed to
    or issued by a unit below it is then within their sight.
    """
    filters = filters or DashboardFilters()
    today = _today(today)
    if not access.can(actor, rules.VIEW, root):
        raise NotFoundError()
    qs = dashboard_queryset(root, filters).order_by()
    aggregates = _aggregates(today)
    unit_field = "issuer" if filters.side == SIDE_ISSUED else "addressee"

    # One scan for kinds and topics: grouped by both, then summed each way in Python (at most
    # kinds × topics rows), instead of one scan each (bench/oversight.py: a third less time).
    totals = Counts()
    kinds: dict[str, Counts] = {}
    by_topic_id: dict[int | None, Counts] = {}
    for row in qs.values("source_kind", "topic_id").annotate(**aggregates):
        counts = _counts(row)
        totals.add(counts)
        kinds.setdefault(row["source_kind"], Counts()).add(counts)
        by_topic_id.setdefault(row["topic_id"], Counts()).add(counts)
    labels = {kind.key: str(kind.label) for kind in sources.kinds()}
    order = list(labels)
    by_kind = [Row(key=key, label=labels.get(key, key), counts=c) for key, c in kinds.items()]
    by_kind.sort(key=lambda r: (order.index(r.key) if r.key in order else len(order), r.label))
    topics = {topic.pk: topic for topic in Topic.objects.all()}
    by_topic = [
        Row(key=pk, label=topics[pk].name if pk in topics else "", counts=c)
        for pk, c in by_topic_id.items()
    ]
    by_topic.sort(key=lambda r: (-r.counts.overdue, -r.counts.awaiting, r.label))

    per_unit = list(qs.values(f"{unit_field}_id", f"{unit_field}__path").annotate(**aggregates))
    depth = len(_ids_of(root.path))
    areas: dict[int, Counts] = {}
    for row in per_unit:
        ids = _ids_of(row[f"{unit_field}__path"])
        area = ids[depth] if len(ids) > depth else root.pk
        areas.setdefault(area, Counts()).add(_counts(row))
    top = sorted(per_unit, key=lambda r: (-r["overdue"], -r["awaiting"], r[f"{unit_field}_id"]))[
        :TOP_ADDRESSEES
    ]
    wanted = set(areas) | {row[f"{unit_field}_id"] for row in top}
    units = OrgUnit.objects.in_bulk(wanted)
    by_area = [
        Row(key=pk, label=units[pk].name, counts=counts, unit=units[pk])
        for pk, counts in areas.items()
        if pk in units
    ]
    by_area.sort(key=lambda r: (-r.counts.overdue, -r.counts.awaiting, r.label))
    top_addressees = [
        Row(
            key=row[f"{unit_field}_id"],
            label=units[row[f"{unit_field}_id"]].name,
            counts=_counts(row),
            unit=units[row[f"{unit_field}_id"]],
        )
        for row in top
        if row[f"{unit_field}_id"] in units and (row["awaiting"] or row["answered"])
    ]
    oldest = (
        _with_units(qs.filter(status__in=UNCLOSED)).order_by("issued_on", "id").first()
        if totals.unclosed
        else None
    )
    return Dashboard(
        root=root,
        filters=filters,
        today=today,
        totals=totals,
        by_kind=by_kind,
        by_area=by_area,
        by_topic=by_topic,
        top_addressees=top_addressees,
        oldest=oldest,
    )


def dashboard_roots(actor) -> list[OrgUnit]:
    """The top units of the actor's reach: where a dashboard starts."""
    prefixes = access.reach(actor, rules.VIEW)
    if prefixes == ["/"]:
        return list(OrgUnit.objects.filter(parent__isnull=True).order_by("name"))
    return list(OrgUnit.objects.filter(path__in=prefixes).order_by("depth", "name"))
