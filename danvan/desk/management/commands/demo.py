"""Demo accounts and data for trying danvan. Idempotent: a second run creates no duplicates.

Each app may ship ``danvan/<app>/demo.py`` with ``populate(ctx: DemoContext)``; they run in the
order of INSTALLED_APPS after the accounts below exist.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.accounts.models import Role, RoleGrant, User
from danvan.core.demo import DemoContext
from danvan.units.models import OrgUnit

DEMO_PASSWORD = "danvan-demo-2026"
PROVINCE_CODE = "44"  # Tỉnh Quảng Trị
COMMUNE_A_CODE = "19204"  # Xã Trường Sơn (Quảng Trị)
COMMUNE_B_CODE = "18943"  # Xã Kim Phú (Quảng Trị)


def _unit(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(official_code=code).first()
    if unit is None:
        raise CommandError("Run `python manage.py load_units` first (official units are missing).")
    return unit


def _agency(territory: OrgUnit, type_code: str) -> OrgUnit:
    return OrgUnit.objects.filter(parent=territory, unit_type__code=type_code).first() or territory


def _user(username: str, full_name: str, home: OrgUnit, role: str, over: OrgUnit, **extra) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "home_unit": home,
            "email": f"{username}@demo.invalid",
            **extra,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    RoleGrant.objects.get_or_create(user=user, role=role, unit=over)
    return user


def _backup_codes(user: User) -> list[str]:
    """The demo administrator's second factor: printed one-time backup codes."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Mã dự phòng (demo)", defaults={"confirmed": True}
    )
    if device.token_set.count() < 3:
        device.token_set.all().delete()
        for _i in range(10):
            device.token_set.create(token=StaticToken.random_token())
    return list(device.token_set.values_list("token", flat=True))


class Command(BaseCommand):
    help = "Create demo accounts and data (printed with their passwords). Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        province = _unit(PROVINCE_CODE)
        ctx = DemoContext(province, _unit(COMMUNE_A_CODE), _unit(COMMUNE_B_CODE))
        nation = province.parent
        ctx.users = {
            "quantri": _user("quantri", "Quản trị hệ thống", nation, Role.ADMIN, nation),
            "bdv.quangtri": _user(
                "bdv.quangtri",
                "Nguyễn Thị Hương",
                _agency(province, "mass_mobilisation"),
                Role.BDV_OFFICER,
                province,
                position="Chuyên viên Ban Dân vận Tỉnh ủy",
            ),
            "canbo.truongson": _user(
                "canbo.truongson",
                "Trần Văn An",
                _agency(ctx.commune_a, "people_committee"),
                Role.OFFICIAL,
                ctx.commune_a,
                position="Công chức phụ trách dân vận",
            ),
            "lanhdao.truongson": _user(
                "lanhdao.truongson",
                "Lê Thị Bình",
                _agency(ctx.commune_a, "people_committee"),
                Role.LEADER,
                ctx.commune_a,
                position="Chủ tịch UBND xã",
            ),
            "canbo.kimphu": _user(
                "canbo.kimphu",
                "Phạm Văn Cường",
                _agency(ctx.commune_b, "people_committee"),
                Role.OFFICIAL,
                ctx.commune_b,
                position="Công chức phụ trách dân vận",
            ),
        }
        for config in apps.get_app_configs():
            if not config.name.startswith("danvan."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            if hasattr(module, "populate"):  # core.demo holds DemoContext, no data
                module.populate(ctx)
        codes = _backup_codes(ctx.users["quantri"])
        self._print(ctx, codes)

    def _print(self, ctx: DemoContext, codes: list[str]) -> None:
        out = self.stdout.write
        out("")
        out(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD})")
        out("-" * 72)
        for username, user in ctx.users.items():
            grants = ", ".join(str(g) for g in user.grants.select_related("unit"))
            out(f"  {username:<20} {user.full_name:<22} {grants}")
        out("-" * 72)
        out("  quantri là quản trị hệ thống: bắt buộc xác thực hai lớp. Khi được hỏi mã,")
        out("  dùng một mã dự phòng (mỗi mã dùng một lần): " + " ".join(codes[:5]))
        for line in ctx.lines:
            out(line)
        out("")
