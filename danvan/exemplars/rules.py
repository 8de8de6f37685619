"""Who may see and do what with “Dân vận khéo” models and exemplars.

- ``exemplars.view`` (every role): the models and exemplars of units in one's subtree;
- ``exemplars.manage`` (officials, leaders, Ban Dân vận officers): register the unit's models,
  add evidence, assess them;
- ``exemplars.organise`` (leaders, Ban Dân vận officers) on a round's organising unit: set up
  the round (deadline, quota, rubric, council), close the review, recognise or reject,
  commend, publish.

Relation: a council member sees the round they sit on and the exemplars under review in it,
nothing else (another round of the same year, and a unit's drafts, stay hidden).
"""

from django.db.models import Q

from danvan.accounts import access
from danvan.accounts.models import Role

VIEW, MANAGE, ORGANISE = "exemplars.view", "exemplars.manage", "exemplars.organise"


def _register_permissions() -> None:
    access.register(VIEW, access.ALL_ROLES)
    access.register(MANAGE, {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})
    access.register(ORGANISE, {Role.LEADER, Role.BDV_OFFICER})


def member_rounds(actor):
    from danvan.exemplars.models import CouncilMember

    return CouncilMember.objects.filter(user_id=actor.pk).values("round_id")


def _round_rule(actor) -> Q:
    return Q(pk__in=member_rounds(actor))


def _exemplar_rule(actor) -> Q:
    return Q(round_id__in=member_rounds(actor)) & ~Q(status="draft")


def _child_rule(actor) -> Q:
    return Q(exemplar__round_id__in=member_rounds(actor)) & ~Q(exemplar__status="draft")


def _register_relations() -> None:
    from danvan.exemplars import models

    access.register_relation(models.Round, _round_rule)
    access.register_relation(models.Exemplar, _exemplar_rule)
    access.register_relation(models.Evidence, _child_rule)
    access.register_relation(models.Score, _child_rule)
    access.register_relation(models.Commendation, _child_rule)


def register() -> None:
    """Declare the permissions and relations (called from hooks.register)."""
    _register_permissions()
    _register_relations()
