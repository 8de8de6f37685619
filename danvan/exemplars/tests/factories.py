"""Test helpers: a round and models of the shared cast's units."""

import datetime as dt

from django.utils import timezone

from danvan.exemplars import services
from danvan.exemplars.models import Field, Kind

YEAR = timezone.localdate().year


def open_round(cast, *, unit=None, year=YEAR, quota_min=1, quota_target=2, deadline=None):
    return services.round_create(
        actor=cast.province_officer,
        unit=unit or cast.tree.province,
        year=year,
        registration_deadline=deadline or dt.date(year, 12, 15),
        quota_min=quota_min,
        quota_target=quota_target,
    )


def make_model(
    actor,
    unit,
    *,
    title="Dân vận khéo trong xây dựng nông thôn mới",
    register=True,
    replicates=None,
    year=YEAR,
    kind=Kind.INITIATIVE,
    field=Field.ECONOMY,
    **extra,
):
    exemplar = services.exemplar_create(
        actor=actor,
        unit=unit,
        year=year,
        kind=kind,
        field=field,
        title=title,
        replicates=replicates,
        goals="Vận động Nhân dân hiến đất làm đường",
        targets="5 km đường bê tông",
        **extra,
    )
    if register:
        exemplar = services.exemplar_register(actor=actor, exemplar=exemplar)
    return exemplar


def scores_for(round_, value=15):
    return {str(c.pk): value for c in round_.criteria.all()}
