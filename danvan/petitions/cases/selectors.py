"""Reads of cases, scoped by the actor through the access module; public reads for citizens."""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.accounts import access
from danvan.core.errors import NotFoundError
from danvan.lib.text import fold, search_terms
from danvan.petitions.cases import crypto as case_crypto
from danvan.petitions.cases.rules import HANDLE, can_see_duplicates, identity_readable_q
from danvan.petitions.models import OPEN_STATUSES, Case, CaseHandler, CaseStatus
from danvan.units.models import Level, OrgUnit

SCOPE_ALL, SCOPE_MINE = "all", "mine"
DUPLICATE_CANDIDATES = 50
DUPLICATE_THRESHOLD = 0.25
HANDLER_CHOICES_MAX = 50
REFERENCE = re.compile(r"^(?:\d{4}\s*-\s*)?(\d{1,10})$")

# The bodies competent to receive a forwarded case: territories (their People's Committee's
# office receives), People's Committees and Councils, Party committees (denunciations against
# Party members), inspectorates, the departments and other state agencies, the police and the
# military. Not the mass organisations, the Fatherland Front or the Mass Mobilisation
# commission: they receive and pass on, they do not settle complaints or denunciations.
COMPETENT_TYPES = (
    "province",
    "central_city",
    "commune",
    "ward",
    "special_zone",
    "people_committee",
    "people_council",
    "party_committee",
    "inspectorate",
    "home_affairs",
    "justice",
    "department",
    "police",
    "military_command",
    "agency",
)


@dataclass
class CaseFilters:
    status: str = ""
    kind: str = ""
    field: int | None = None
    overdue: bool = False
    scope: str = SCOPE_ALL
    query: str = ""
    unit_path: str = ""


def case_queryset(actor) -> QuerySet[Case]:
    return access.scope(actor, Case.objects.all())


def overdue_q(today: dt.date | None = None) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__lt=today or timezone.localdate())


def case_list(actor, filters: CaseFilters) -> QuerySet[Case]:
    """The cases ``actor`` may see, filtered; list columns only (never a petitioner's contact)."""
    qs = Case.objects.all()
    if filters.scope == SCOPE_MINE:
        qs = qs.filter(pk__in=CaseHandler.objects.filter(user=actor).values("case_id"))
    qs = access.scope(actor, qs)
    if filters.status in CaseStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.field:
        qs = qs.filter(field_id=filters.field)
    if filters.overdue:
        qs = qs.filter(overdue_q())
    if filters.unit_path:
        qs = qs.filter(unit_path__startswith=filters.unit_path)
    if filters.query:
        query = filters.query.strip()
        reference = REFERENCE.match(query)
        if reference:  # a case's reference, 2026-11, or its number alone
            qs = qs.filter(pk=int(reference.group(1)))
        else:
            for term in search_terms(query):
                qs = qs.filter(content_folded__contains=term)
    return qs.select_related("unit", "field").only(
        "id",
        "kind",
        "level",
        "status",
        "received_on",
        "due_on",
        "content",
        "is_confidential",
        "is_hidden",
        "is_complex",
        "is_crowd",
        "is_prolonged",
        "skips_levels",
        "petitioner_kind",
        "petitioner_count",
        "unit__name",
        "field__name",
    )


def get_case_for(actor, pk) -> Case:
    return access.get_for(actor, Case.objects.select_related("unit", "field"), pk)


# -- the units a case may go to -------------------------------------------------------------------


def intake_units(actor) -> QuerySet[OrgUnit]:
    """The active units whose cases ``actor`` receives (villages left out)."""
    prefixes = access.reach(actor, HANDLE)
    if not prefixes:
        return OrgUnit.objects.none()
    qs = OrgUnit.objects.active().exclude(level=Level.VILLAGE)
    if prefixes == ["/"]:
        return qs
    return qs.filter(reduce(or_, [Q(path__startswith=p) for p in prefixes]))


def _province_path(path: str) -> str:
    """The path of the province a unit at ``path`` lies in (the country's children are the
    provinces); the path itself for the country."""
    parts = [p for p in path.split("/") if p]
    return "/" + "/".join(parts[:2]) + "/" if len(parts) >= 2 else path


def forward_targets(actor) -> QuerySet[OrgUnit]:
    """The competent bodies ``actor`` may forward a case to: the active units of the
    competent types (``COMPETENT_TYPES``) in the provinces where ``actor`` handles cases, and
    the People's Committee of any province (a case that belongs to another province goes to
    its People's Committee, never to a commune or an organisation there). Never a unit
    ``actor`` acts for: a case is not forwarded to its sender."""
    prefixes = access.reach(actor, HANDLE)
    if not prefixes:
        return OrgUnit.objects.none()
    qs = (
        OrgUnit.objects.active()
        .filter(unit_type__code__in=COMPETENT_TYPES)
        .exclude(level__in=(Level.VILLAGE, Level.DISTRICT))
    )
    if prefixes == ["/"]:
        return qs
    provinces = {_province_path(p) for p in prefixes}
    within = reduce(or_, [Q(path__startswith=p) for p in provinces])
    other_committees = Q(level=Level.PROVINCE, unit_type__code="people_committee")
    own = [grant.unit_id for grant in actor.active_grants()]
    return qs.filter(within | other_committees).exclude(pk__in=own)


def handler_candidates(actor, case: Case):
    """Active users who may handle cases of the case's unit (for the assign form): a grant
    carrying ``petitions.handle`` over the case's unit or a unit above it. One query."""
    from danvan.accounts.models import User

    roles = access.permissions().get(HANDLE, frozenset())
    users = User.objects.filter(
        Q(grants__role__in=roles) | Q(is_superuser=True),
        is_active=True,
        grants__unit__path__in=_ancestor_paths(case),
    )
    return list(users.distinct().order_by("full_name")[:HANDLER_CHOICES_MAX])


def _ancestor_paths(case: Case) -> list[str]:
    parts = [p for p in case.unit_path.split("/") if p]
    paths = []
    for i in range(1, len(parts) + 1):
        paths.append("/" + "/".join(parts[:i]) + "/")
    return paths


# -- duplicates ---------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) > 1}


def similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def likely_duplicates(
    actor,
    *,
    name: str = "",
    phone: str = "",
    email: str = "",
    content: str = "",
    exclude_pk: int | None = None,
    digests: tuple[str, str, str] | None = None,
    limit: int = 5,
) -> list[tuple[Case, float]]:
    """Earlier cases of the same petitioner (name, phone or e-mail) with similar content,
    among the cases ``actor`` may see, best first. A denunciation is matched only for those
    who may read its author's identity: a name or a phone number never tells anyone else who
    denounced (Luật Tố cáo 2018, Điều 47)."""
    nd, pd, ed = digests or (
        case_crypto.name_digest(name),
        case_crypto.phone_digest(phone),
        case_crypto.email_digest(email),
    )
    same = Q(pk__in=[])
    for field, value in (("name_digest", nd), ("phone_digest", pd), ("email_digest", ed)):
        if value:
            same |= Q(**{field: value})
    if same == Q(pk__in=[]):
        return []
    qs = case_queryset(actor).filter(same).filter(identity_readable_q(actor))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    candidates = (
        qs.select_related("unit")
        .only(
            "id",
            "kind",
            "status",
            "received_on",
            "content",
            "content_folded",
            "unit__name",
            "is_confidential",
            "unit_path",
        )
        .order_by("-id")[:DUPLICATE_CANDIDATES]
    )
    scored = []
    for case in candidates:
        score = similarity(content, case.content_folded) if content else 1.0
        if score >= DUPLICATE_THRESHOLD:
            scored.append((case, score))
    scored.sort(key=lambda item: (-item[1], -item[0].pk))
    return scored[:limit]


def duplicates_of(actor, case: Case) -> list[tuple[Case, float]]:
    """The likely duplicates shown on a case's page; none on a denunciation's page for those
    who may not read its author (the matches would tell who it is)."""
    if not can_see_duplicates(actor, case):
        return []
    return likely_duplicates(
        actor,
        content=case.content,
        exclude_pk=case.pk,
        digests=(case.name_digest, case.phone_digest, case.email_digest),
    )


# -- statistics ---------------------------------------------------------------------------


def case_stats(actor, *, start: dt.date, end: dt.date, by: str, unit_path: str = "") -> list[dict]:
    """Counts of the cases received from ``start`` to ``end`` grouped by kind, field, status or
    unit: received, resolved, resolved on time, open and overdue."""
    group = {"kind": "kind", "field": "field__name", "status": "status", "unit": "unit__name"}[by]
    qs = case_queryset(actor).filter(received_on__gte=start, received_on__lte=end)
    if unit_path:
        qs = qs.filter(unit_path__startswith=unit_path)
    rows = (
        qs.order_by()
        .values(group)
        .annotate(
            received=Count("pk"),
            resolved=Count("pk", filter=Q(status=CaseStatus.RESOLVED)),
            on_time=Count("pk", filter=Q(status=CaseStatus.RESOLVED, resolved_on_time=True)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=overdue_q()),
        )
        .order_by("-received")[:500]
    )
    labels = {}
    if by == "kind":
        from danvan.petitions.models import CaseKind

        labels = dict(CaseKind.choices)
    elif by == "status":
        labels = dict(CaseStatus.choices)
    return [{**row, "label": str(labels.get(row[group], row[group]))} for row in rows]


def public_stats(*, unit_path: str, start: dt.date, end: dt.date) -> list[dict]:
    """Public figures per field for a unit's subtree: received, resolved, on time."""
    return list(
        Case.objects.filter(
            unit_path__startswith=unit_path, received_on__gte=start, received_on__lte=end
        )
        .order_by()
        .values("field__name")
        .annotate(
            received=Count("pk"),
            resolved=Count("pk", filter=Q(status=CaseStatus.RESOLVED)),
            on_time=Count("pk", filter=Q(status=CaseStatus.RESOLVED, resolved_on_time=True)),
        )
        .order_by("field__name")
    )


# -- public lookup ------------------------------------------------------------------------

_DUMMY_DIGEST = "0" * 64
PUBLIC_COLUMNS = (
    "id",
    "unit__name",
    "kind",
    "status",
    "received_on",
    "content",
    "is_hidden",
    "decision_number",
    "decision_date",
    "decision_content",
    "answer_public",
    "outcome_note",
    "phone_digest",
    "email_digest",
    "tracking_code",
)


def public_lookup(code: str, contact: str) -> Case | None:
    """The case with this tracking code whose phone or e-mail matches ``contact``; None
    otherwise. One indexed query and the same comparisons whether the code exists or not."""
    from danvan.petitions.cases.services.intake import normal_tracking_code

    code = normal_tracking_code(code)
    contact = (contact or "").strip()
    case = None
    if len(code) == 14:
        found = list(
            Case.objects.filter(tracking_code=code)
            .select_related("unit")
            .only(*PUBLIC_COLUMNS)
            .order_by()[:1]
        )
        case = found[0] if found else None
    phone = case_crypto.phone_digest(contact) or _DUMMY_DIGEST
    email = case_crypto.email_digest(contact) or _DUMMY_DIGEST
    stored_phone = (case.phone_digest if case else "") or _DUMMY_DIGEST[:-1] + "1"
    stored_email = (case.email_digest if case else "") or _DUMMY_DIGEST[:-1] + "1"
    by_phone = hmac.compare_digest(phone, stored_phone)
    by_email = hmac.compare_digest(email, stored_email)
    if case is not None and (by_phone or by_email):
        return case
    return None


def require_case(case: Case | None) -> Case:
    if case is None:
        raise NotFoundError()
    return case
