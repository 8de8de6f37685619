import factory

from danvan.units.models import Level, OrgUnit, UnitType
from danvan.units.services import _fill_paths


def unit_type(code: str, **defaults) -> UnitType:
    from danvan.units.services import ensure_defaults

    ensure_defaults()
    return UnitType.objects.get(code=code)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    """Creates a unit and gives it its path, like the services do."""

    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    unit_type = factory.LazyFunction(lambda: unit_type("agency"))
    level = Level.COMMUNE
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        unit = super()._create(model_class, *args, **kwargs)
        _fill_paths(OrgUnit.objects.filter(pk=unit.pk))
        unit.refresh_from_db(fields=["path", "depth"])
        return unit
