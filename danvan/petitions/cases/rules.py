"""Who may see and do what with cases: permissions, relations, reminders, report figures.

- ``petitions.view`` (every role): the cases of units in one's subtree (never a denouncer's
  identity: that needs ``can_read_identity``);
- ``petitions.handle`` (officials, leaders, Ban Dân vận officers): receive cases and process
  them (accept, refuse, forward, advise, file, resolve, extend, publish the answer);
- ``petitions.lead`` (leaders, Ban Dân vận officers): assign handlers, grant access to a
  denouncer's identity, hide abusive content;
- ``petitions.limits`` (administrators only): edit the time limits and the list of fields.

Relations: a case's handlers, the people granted its identity and the units that forwarded it
(the sending side keeps sight of what it sent) see the case.
"""

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
_NOTHING = Q(pk__in=[])


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
