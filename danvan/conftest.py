"""The shared cast of STYLE.md: two communes of one province, their people, and a stranger
province, so every view can be asked "does commune B see commune A's things?"."""

import uuid
from dataclasses import dataclass

import pytest
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.core.tests.browser import browser_page  # noqa: F401  (a fixture for every app)
from danvan.units.models import Level, OrgUnit
from danvan.units.tests.factories import OrgUnitFactory, unit_type


@dataclass
class Tree:
    nation: OrgUnit
    province: OrgUnit
    ubnd_province: OrgUnit
    commune_a: OrgUnit
    commune_b: OrgUnit
    ubnd_a: OrgUnit
    village_a: OrgUnit
    other_province: OrgUnit
    other_commune: OrgUnit


@dataclass
class Cast:
    tree: Tree
    official_a: User
    leader_a: User
    official_b: User
    province_officer: User
    other_province_officer: User
    admin: User


@pytest.fixture
def tree(db) -> Tree:
    nation = OrgUnitFactory(
        name="Việt Nam", unit_type=unit_type("nation"), level=Level.CENTRAL, official_code="VN"
    )
    province = OrgUnitFactory(
        name="Tỉnh Quảng Trị",
        short_name="Quảng Trị",
        unit_type=unit_type("province"),
        level=Level.PROVINCE,
        parent=nation,
        official_code="44",
    )
    ubnd_province = OrgUnitFactory(
        name="UBND tỉnh Quảng Trị",
        unit_type=unit_type("people_committee"),
        level=Level.PROVINCE,
        parent=province,
    )
    commune_a = OrgUnitFactory(
        name="Xã Trường Sơn",
        short_name="Trường Sơn",
        unit_type=unit_type("commune"),
        parent=province,
        official_code="19204",
    )
    commune_b = OrgUnitFactory(
        name="Xã Kim Phú",
        short_name="Kim Phú",
        unit_type=unit_type("commune"),
        parent=province,
        official_code="18943",
    )
    ubnd_a = OrgUnitFactory(
        name="UBND xã Trường Sơn", unit_type=unit_type("people_committee"), parent=commune_a
    )
    village_a = OrgUnitFactory(
        name="Thôn Đông", unit_type=unit_type("village"), level=Level.VILLAGE, parent=commune_a
    )
    other_province = OrgUnitFactory(
        name="Tỉnh Bắc Ninh",
        short_name="Bắc Ninh",
        unit_type=unit_type("province"),
        level=Level.PROVINCE,
        parent=nation,
        official_code="24",
    )
    other_commune = OrgUnitFactory(
        name="Xã Trường Sơn",
        short_name="Trường Sơn",
        unit_type=unit_type("commune"),
        parent=other_province,
        official_code="07489",
    )
    return Tree(
        nation,
        province,
        ubnd_province,
        commune_a,
        commune_b,
        ubnd_a,
        village_a,
        other_province,
        other_commune,
    )


def _person(username: str, full_name: str, home, role: str, over) -> User:
    user = UserFactory(username=username, full_name=full_name, home_unit=home)
    grant(user, role, over)
    return user


@pytest.fixture
def cast(tree) -> Cast:
    return Cast(
        tree=tree,
        official_a=_person(
            "official_a", "Trần Thị An", tree.commune_a, Role.OFFICIAL, tree.commune_a
        ),
        leader_a=_person("leader_a", "Lê Văn Lãnh", tree.commune_a, Role.LEADER, tree.commune_a),
        official_b=_person(
            "official_b", "Phạm Văn Bình", tree.commune_b, Role.OFFICIAL, tree.commune_b
        ),
        province_officer=_person(
            "province_officer", "Hoàng Thị Tỉnh", tree.province, Role.BDV_OFFICER, tree.province
        ),
        other_province_officer=_person(
            "other_officer",
            "Đỗ Văn Khác",
            tree.other_province,
            Role.BDV_OFFICER,
            tree.other_province,
        ),
        admin=_person("admin", "Quản Trị Viên", tree.nation, Role.ADMIN, tree.nation),
    )


def login(user: User) -> Client:
    """A browser session for ``user``; an administrator is also past the two-factor step."""
    client = Client()
    client.force_login(user)
    if user.is_system_admin:
        from django_otp.plugins.otp_static.models import StaticDevice

        device, _ = StaticDevice.objects.get_or_create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for():
    return login


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_inline():
    """Background jobs run inline in tests; tests of real workers start their own processes."""
    from danvan.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _language_per_test():
    """Each test starts in the default language (Vietnamese): a request of an earlier test
    must not leave its language active in this thread."""
    from django.utils import translation

    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    """Each test keeps its cache entries (throttle and lockout counters, cached pages) under a
    prefix of its own: nothing leaks from an earlier test, a parallel worker, or an earlier run
    against the same Redis (make test runs SQLite then PostgreSQL with one Redis)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"},
    }


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests do not run collectstatic: serve assets from the source folders."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Real hashing costs ~0.3 s a password; tests that check hashing itself can override this.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
