"""Demo data of the units app: villages of the demo commune, created through the services."""

from danvan.units import services
from danvan.units.models import OrgUnit, UnitType


def populate(ctx) -> None:
    officer = ctx.users["bdv.quangtri"]
    village = UnitType.objects.get(code="village")
    existing = set(OrgUnit.objects.filter(parent=ctx.commune_a).values_list("name", flat=True))
    for name in ("Thôn Trung Sơn", "Thôn Hòa Sơn", "Thôn Cổ Liêm", "Thôn Xuân Lai"):
        if name not in existing:
            services.unit_create(actor=officer, parent=ctx.commune_a, name=name, unit_type=village)
