"""Who may see and do what with cases: the permissions, the relations, and every "who may"
of the cases pages and services, each a predicate ``can_<action>(actor, case)``.

- ``petitions.view`` (every role): the cases of units in one's subtree (never a denouncer's
  identity: that needs ``can_read_identity``);
- ``petitions.handle`` (officials, leaders, Ban Dân vận officers): receive cases and process
  them (accept, refuse, forward, advise, file, resolve, extend, publish the answer);
- ``petitions.lead`` (leaders, Ban Dân vận officers): assign handlers, grant access to a
  denouncer's identity, hide abusive content;
- ``petitions.limits`` (administrators only): edit the time limits and the list of fields.

Relations: a case's handlers, the people granted its identity and the units that forwarded it
(the sending side keeps sight of what it sent) see the case.

A denouncer's identity (Luật Tố cáo 2018, Điều 47, 48) is read by the case's handlers, the
people a leader granted it to, and system administrators; nobody else learns it, not even by
matching a name or a phone number: duplicate detection leaves out the denunciations whose
identity the person may not read.

The predicates answer what a page offers; the services check the same things again (access
first, 404 out of sight and 403 in sight, then the case's status).
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW, HANDLE, LEAD, LIMITS = (
    "petitions.view",
    "petitions.handle",
    "petitions.lead",
    "petitions.limits",
)
RECEIVED, ACCEPTED, RESOLVED = "received", "accepted", "resolved"


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


# -- the permissions on a case ----------------------------------------------------------------


def can_view(actor, case) -> bool:
    return access.can(actor, VIEW, case)


def can_handle(actor, case) -> bool:
    return access.can(actor, HANDLE, case)


def can_lead(actor, case) -> bool:
    return access.can(actor, LEAD, case)


def can_receive(actor) -> bool:
    """Whether ``actor`` receives cases for some unit (the intake page)."""
    return bool(access.reach(actor, HANDLE))


def can_edit_limits(actor) -> bool:
    """The legal time limits and the list of fields are the whole country's: administrators."""
    return access.reach(actor, LIMITS) == ["/"]


# -- each action on a case: the permission and the case's state -------------------------------


def can_accept(actor, case) -> bool:
    return case.status == RECEIVED and can_handle(actor, case)


def can_close(actor, case) -> bool:
    """Refuse, advise the citizen, file as a duplicate, forward: before acceptance."""
    return case.status == RECEIVED and can_handle(actor, case)


can_refuse = can_advise = can_file_duplicate = can_forward = can_close


def can_extend_acceptance(actor, case) -> bool:
    """A denunciation needing verification: 10 working days to accept instead of 7, once."""
    return (
        case.kind == "denunciation"
        and case.status == RECEIVED
        and not case.accept_extended
        and can_handle(actor, case)
    )


def can_resolve(actor, case) -> bool:
    return case.status == ACCEPTED and can_handle(actor, case)


def can_extend(actor, case) -> bool:
    """A complex denunciation being resolved (the number allowed is checked by the service)."""
    return (
        case.kind == "denunciation"
        and case.status == ACCEPTED
        and case.is_complex
        and can_handle(actor, case)
    )


def can_publish(actor, case) -> bool:
    """The answer of a resolved case, never a denunciation's nor hidden content."""
    return (
        case.status == RESOLVED
        and not case.is_confidential
        and not case.is_hidden
        and can_handle(actor, case)
    )


def can_edit(actor, case) -> bool:
    """Correct the details (field, flags, source, a named petitioner's contact) while open."""
    return case.status in (RECEIVED, ACCEPTED) and can_handle(actor, case)


def can_assign(actor, case) -> bool:
    return can_lead(actor, case)


def can_hide(actor, case) -> bool:
    return can_lead(actor, case)


def can_grant_identity(actor, case) -> bool:
    return case.is_confidential and can_lead(actor, case)


def can_escalate(actor, case, today: dt.date | None = None) -> bool:
    """Record a second-level complaint: after a first-level decision, or when the first
    level's time limit lapsed without one (Luật Khiếu nại 2011, Điều 33)."""
    from danvan.petitions.cases.limits import first_level_lapsed

    if case.kind != "complaint" or case.level != 1 or not can_receive(actor):
        return False
    return case.status == RESOLVED or first_level_lapsed(case, today)


# -- a denouncer's identity -----------------------------------------------------------------------


def can_read_identity(actor, case) -> bool:
    """The case's handlers, the people granted it, system administrators."""
    from danvan.petitions.models import CaseHandler, CaseIdentityGrant

    if not _is_user(actor) or not case.is_confidential:
        return False
    if actor.is_superuser:
        return True
    return (
        CaseHandler.objects.filter(case=case, user=actor).exists()
        or CaseIdentityGrant.objects.filter(case=case, user=actor).exists()
    )


def identity_readable_q(actor) -> Q:
    """The cases whose petitioner ``actor`` may learn: every case that is not confidential,
    and the confidential ones whose identity ``actor`` may read. Matching by a petitioner's
    name, phone or e-mail is limited to these."""
    from danvan.petitions.models import CaseHandler, CaseIdentityGrant

    if _is_user(actor) and actor.is_superuser:
        return Q()
    if not _is_user(actor):
        return Q(is_confidential=False)
    return (
        Q(is_confidential=False)
        | Q(pk__in=CaseHandler.objects.filter(user=actor).values("case_id"))
        | Q(pk__in=CaseIdentityGrant.objects.filter(user=actor).values("case_id"))
    )


def can_see_duplicates(actor, case) -> bool:
    """A denunciation's likely duplicates are found through its author: only for those who
    may read the author's identity."""
    return not case.is_confidential or can_read_identity(actor, case)


# -- registration ---------------------------------------------------------------------------------


def _case_rule(actor) -> Q:
    from danvan.petitions.models import CaseHandler, CaseIdentityGrant, CaseTransfer

    rule = Q(pk__in=CaseHandler.objects.filter(user=actor).values("case_id")) | Q(
        pk__in=CaseIdentityGrant.objects.filter(user=actor).values("case_id")
    )
    prefixes = access.reach(actor, VIEW)
    if prefixes:
        sent = CaseTransfer.objects.filter(
            reduce(or_, [Q(from_path__startswith=p) for p in prefixes])
        ).values("case_id")
        rule |= Q(pk__in=sent)
    return rule


def _child_rule(actor) -> Q:
    from danvan.petitions.models import Case

    return Q(case__in=access.scope(actor, Case.objects.all()).values("pk"))


def _seed(sender, **kwargs) -> None:
    from danvan.petitions.cases import limits as case_limits
    from danvan.petitions.cases import services as case_services

    case_limits.seed_time_limits()
    case_services.seed_fields()


def register() -> None:
    from django.db.models.signals import post_migrate

    from danvan.petitions import models

    access.register(VIEW, access.ALL_ROLES)
    access.register(HANDLE, {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})
    access.register(LEAD, {Role.LEADER, Role.BDV_OFFICER})
    access.register(LIMITS, set())
    access.register_relation(models.Case, _case_rule)
    for child in (
        models.CaseHandler,
        models.CaseEvent,
        models.CaseExtension,
        models.CaseAttachment,
        models.CaseTransfer,
    ):
        access.register_relation(child, _child_rule)
    post_migrate.connect(_seed, dispatch_uid="petitions.cases.seed")
