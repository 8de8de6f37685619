"""What ``manage.py demo`` hands to each app's ``demo.populate(ctx)``: the demo province and its
two communes, the demo accounts by user name, and lines to print at the end."""

from dataclasses import dataclass, field


@dataclass
class DemoContext:
    province: object  # OrgUnit: Tỉnh Quảng Trị
    commune_a: object  # OrgUnit: Xã Trường Sơn
    commune_b: object  # OrgUnit: Xã Kim Phú
    users: dict = field(default_factory=dict)  # user name → User
    lines: list[str] = field(default_factory=list)
