"""Reads of grassroots democracy, scoped by the actor (``get_<obj>_for`` answers 404 for
missing and forbidden alike). The public pages read through ``selectors.public``."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.accounts import access
from danvan.core.errors import ConflictError
from danvan.democracy.models import (
    Activity,
    Board,
    BoardMember,
    Comment,
    CommentGroup,
    Consultation,
    Disclosure,
    DisclosureItem,
    Finding,
    Household,
    Matter,
    Posting,
    PublicWork,
)
from danvan.democracy.rules import MANAGE, VIEW
from danvan.lib.text import search_terms


def _search(qs: QuerySet, query: str, field: str) -> QuerySet:
    for term in search_terms(query or "")[:5]:
        qs = qs.filter(**{f"{field}__contains": term})
    return qs


# --- Disclosures ------------------------------------------------------------------------------


def items(audience: str | None = None) -> QuerySet[DisclosureItem]:
    qs = DisclosureItem.objects.filter(is_active=True).prefetch_related("rules")
    return qs.filter(audience=audience) if audience else qs


def disclosure_queryset(actor) -> QuerySet[Disclosure]:
    return access.scope(actor, Disclosure.objects.all()).select_related("unit", "item")


def disclosure_list(
    actor, *, within=None, year=None, item=None, flag: str = "", query: str = ""
) -> QuerySet[Disclosure]:
    qs = disclosure_queryset(actor)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if year:
        qs = qs.filter(year=year)
    if item is not None:
        qs = qs.filter(item=item)
    if flag == "late":
        qs = qs.filter(is_late=True)
    elif flag == "short":
        qs = qs.filter(is_short=True)
    elif flag == "public":
        qs = qs.filter(is_public=True)
    return _search(qs, query, "title_folded")


def get_disclosure_for(actor, pk) -> Disclosure:
    return access.get_for(actor, disclosure_queryset(actor), pk)


def get_posting_for(actor, pk) -> Posting:
    return access.get_for(
        actor, Posting.objects.select_related("disclosure__unit", "disclosure__item"), pk
    )


# --- Village matters ----------------------------------------------------------------------------


def matter_queryset(actor) -> QuerySet[Matter]:
    return access.scope(actor, Matter.objects.all()).select_related("village", "commune")


def matter_list(
    actor, *, within=None, status: str = "", form: str = "", year=None, query: str = ""
) -> QuerySet[Matter]:
    qs = matter_queryset(actor)
    if within is not None:
        qs = qs.filter(village__path__startswith=within.path)
    if status:
        qs = qs.filter(status=status)
    if form:
        qs = qs.filter(form=form)
    if year:
        qs = qs.filter(created_at__year=year)
    return _search(qs, query, "title_folded")


def get_matter_for(actor, pk) -> Matter:
    return access.get_for(actor, matter_queryset(actor), pk)


def recognition_inbox(actor) -> QuerySet[Matter]:
    """Results sent by the villages of the communes where ``actor`` decides."""
    from danvan.democracy.models import RECOGNISED_KINDS, MatterStatus
    from danvan.democracy.rules import DECIDE

    prefixes = access.reach(actor, DECIDE)
    if not prefixes:
        return Matter.objects.none()
    qs = matter_queryset(actor).filter(status=MatterStatus.SENT, kind__in=RECOGNISED_KINDS)
    if prefixes != ["/"]:
        from functools import reduce
        from operator import or_

        from django.db.models import Q

        qs = qs.filter(reduce(or_, [Q(commune__path__startswith=p) for p in prefixes]))
    return qs


def vote_result(matter: Matter, now=None) -> dict:
    """The online tally, only once the vote has closed: before that nobody — staff, API or
    public — sees how the households voted (a ConflictError says when it closes)."""
    from django.utils import timezone

    from danvan.democracy.services import voting
    from danvan.lib.grassroots import decide

    if not matter.is_closed(now):
        raise ConflictError(
            _result_hidden(matter),
            code="result_hidden",
        )
    if matter.taking_part is not None:
        counts = {
            "taking_part": matter.taking_part,
            "agreeing": matter.agreeing,
            "disagreeing": matter.disagreeing,
        }
    else:
        counts = voting.tally(matter)
    outcome = decide(households=matter.households, meeting=False, **counts)
    return {**counts, "outcome": outcome, "closed_at": timezone.localtime(matter.closes_at)}


def _result_hidden(matter: Matter) -> str:
    from django.utils import timezone
    from django.utils.translation import gettext as _

    if matter.closes_at is None:
        return _("This matter has no online vote.")
    return _("The result is hidden until the vote closes at %(time)s.") % {
        "time": timezone.localtime(matter.closes_at).strftime("%H:%M %d/%m/%Y")
    }


def household_list(actor, village) -> QuerySet[Household]:
    """The household list of a village: personal data, for those who manage the village."""
    access.require(actor, MANAGE, village)
    return Household.objects.filter(village=village)


def get_household_for(actor, pk) -> Household:
    household = access.get_for(actor, Household.objects.select_related("village"), pk)
    access.require(actor, MANAGE, household)
    return household


# --- Consultations ------------------------------------------------------------------------------


def consultation_queryset(actor) -> QuerySet[Consultation]:
    return access.scope(actor, Consultation.objects.all()).select_related("unit")


def consultation_list(
    actor, *, within=None, status: str = "", query: str = ""
) -> QuerySet[Consultation]:
    qs = consultation_queryset(actor)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if status:
        qs = qs.filter(status=status)
    return _search(qs, query, "title_folded")


def get_consultation_for(actor, pk) -> Consultation:
    return access.get_for(actor, consultation_queryset(actor), pk)


def get_comment_for(actor, pk) -> Comment:
    return access.get_for(actor, Comment.objects.select_related("consultation__unit"), pk)


def get_group_for(actor, pk) -> CommentGroup:
    return access.get_for(actor, CommentGroup.objects.select_related("consultation__unit"), pk)


# --- Boards and works -------------------------------------------------------------------------------


def board_queryset(actor) -> QuerySet[Board]:
    return access.scope(actor, Board.objects.all()).select_related("unit")


def get_board_for(actor, pk) -> Board:
    return access.get_for(actor, board_queryset(actor), pk)


def get_member_for(actor, pk) -> BoardMember:
    return access.get_for(actor, BoardMember.objects.select_related("board__unit"), pk)


def activity_queryset(actor) -> QuerySet[Activity]:
    return access.scope(actor, Activity.objects.all()).select_related("board__unit", "work")


def get_activity_for(actor, pk) -> Activity:
    return access.get_for(actor, activity_queryset(actor), pk)


def finding_queryset(actor) -> QuerySet[Finding]:
    return access.scope(actor, Finding.objects.all()).select_related(
        "activity__board__unit", "addressee"
    )


def get_finding_for(actor, pk) -> Finding:
    return access.get_for(actor, finding_queryset(actor), pk)


def work_queryset(actor) -> QuerySet[PublicWork]:
    return access.scope(actor, PublicWork.objects.all()).select_related("unit", "village", "board")


def get_work_for(actor, pk) -> PublicWork:
    return access.get_for(actor, work_queryset(actor), pk)


def can_view_any(actor) -> bool:
    return bool(access.reach(actor, VIEW))
