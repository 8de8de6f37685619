"""Unit pickers of the democracy forms (``units.pickers.unit_source``):

- ``democracy.communes``: the communes (wards, special zones) the actor keeps records for;
- ``democracy.disclosers``: those communes and the agencies that disclose to their staff;
- ``democracy.villages``: the villages and residential groups the actor runs matters for (a
  village head: the village of the grant);
- ``democracy.areas``: the territories the actor may look at (the compliance view, filters).
"""

from django.db.models import Q, QuerySet

from danvan.accounts import access
from danvan.democracy.rules import MANAGE, VIEW
from danvan.units.models import Level, OrgUnit
from danvan.units.pickers import unit_source


def _managed(actor) -> QuerySet[OrgUnit]:
    return access.scope(actor, OrgUnit.objects.all(), MANAGE).active()


def communes(actor) -> QuerySet[OrgUnit]:
    return _managed(actor).filter(level=Level.COMMUNE, unit_type__is_territory=True)


def disclosers(actor) -> QuerySet[OrgUnit]:
    return _managed(actor).filter(
        Q(level=Level.COMMUNE, unit_type__is_territory=True) | Q(unit_type__is_territory=False)
    )


def villages(actor) -> QuerySet[OrgUnit]:
    return _managed(actor).filter(level=Level.VILLAGE, unit_type__is_territory=True)


def areas(actor) -> QuerySet[OrgUnit]:
    return (
        access.scope(actor, OrgUnit.objects.all(), VIEW)
        .active()
        .filter(unit_type__is_territory=True)
        .exclude(level=Level.VILLAGE)
    )


def register() -> None:
    unit_source("democracy.communes", communes)
    unit_source("democracy.disclosers", disclosers)
    unit_source("democracy.villages", villages)
    unit_source("democracy.areas", areas)
