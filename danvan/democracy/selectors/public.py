"""What the public (no account) reads on a commune's page: what is published, nothing else.

- disclosures marked public, newest first (the notice board of the commune, online);
- online votes being held or held (their result only after the close);
- results of meetings and ballots the village published;
- consultations open for comments, and published answer tables;
- public works with their budget, contributions and progress.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.errors import NotFoundError
from danvan.democracy.models import (
    Consultation,
    ConsultationStatus,
    DecisionForm,
    Disclosure,
    Matter,
    MatterStatus,
    PublicWork,
)
from danvan.democracy.services.common import is_commune
from danvan.lib.text import search_terms
from danvan.units.models import Level, OrgUnit

LIST_SIZE = 20
SEARCH_SIZE = 20
RESULT_STATUSES = (
    MatterStatus.DECIDED,
    MatterStatus.SENT,
    MatterStatus.RECOGNISED,
    MatterStatus.NOT_RECOGNISED,
)


def commune(pk) -> OrgUnit:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    unit = OrgUnit.objects.select_related("unit_type", "parent").filter(pk=pk).first()
    if not is_commune(unit):
        raise NotFoundError()
    return unit


def commune_search(query: str) -> list[OrgUnit]:
    terms = search_terms(query or "")[:5]
    if not terms:
        return []
    qs = OrgUnit.objects.active().filter(level=Level.COMMUNE, unit_type__is_territory=True)
    for term in terms:
        qs = qs.filter(name_folded__contains=term)
    return list(qs.select_related("parent").order_by("name_folded", "id")[:SEARCH_SIZE])


def disclosures(unit: OrgUnit) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(unit=unit, is_public=True)
        .select_related("item")
        .prefetch_related("postings")
        .order_by("-decided_on", "-id")
    )


def get_disclosure(pk) -> Disclosure:
    disclosure = (
        Disclosure.objects.select_related("unit", "item")
        .filter(pk=_int(pk), is_public=True)
        .first()
    )
    if disclosure is None:
        raise NotFoundError()
    return disclosure


def votes(unit: OrgUnit) -> QuerySet[Matter]:
    """Online votes of the commune's villages that opened or are scheduled."""
    return (
        Matter.objects.filter(commune=unit, form=DecisionForm.ONLINE, status=MatterStatus.VOTING)
        .select_related("village")
        .order_by("closes_at", "id")
    )


def results(unit: OrgUnit) -> QuerySet[Matter]:
    return (
        Matter.objects.filter(commune=unit, status__in=RESULT_STATUSES, is_public=True)
        .select_related("village")
        .order_by("-held_on", "-id")
    )


def get_result(pk) -> Matter:
    matter = (
        Matter.objects.select_related("village", "commune")
        .filter(pk=_int(pk), status__in=RESULT_STATUSES, is_public=True)
        .first()
    )
    if matter is None:
        raise NotFoundError()
    return matter


def consultations(unit: OrgUnit) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(unit=unit)
        .exclude(status=ConsultationStatus.DRAFT)
        .order_by("-opens_on", "-id")
    )


def get_consultation(pk) -> Consultation:
    consultation = (
        Consultation.objects.select_related("unit")
        .filter(pk=_int(pk))
        .exclude(status=ConsultationStatus.DRAFT)
        .first()
    )
    if consultation is None:
        raise NotFoundError()
    return consultation


def answer_table(consultation: Consultation):
    """The groups with their answers and how many comments each gathers (published only)."""
    from django.db.models import Count, Q

    if not consultation.answers_published:
        return []
    return list(
        consultation.groups.annotate(
            n=Count("comments", filter=Q(comments__is_hidden=False))
        ).order_by("number")
    )


def works(unit: OrgUnit) -> QuerySet[PublicWork]:
    return (
        PublicWork.objects.filter(unit=unit, is_public=True)
        .select_related("village")
        .order_by("-id")
    )


def open_now(unit: OrgUnit) -> dict:
    today = timezone.localdate()
    return {
        "votes": list(votes(unit)[:LIST_SIZE]),
        "consultations": [c for c in consultations(unit)[:LIST_SIZE] if c.accepts_comments(today)],
    }


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFoundError() from None
