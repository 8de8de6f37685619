"""Oversight for the shared cast: the Fatherland Front of commune A and its officer, the
province's Department of Home Affairs (which inspects) and its officer, an invited officer of
the province's Ban Tuyên giáo và Dân vận, and a helper issuing recommendations."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.oversight import kinds
from danvan.oversight.models import Topic
from danvan.oversight.recommendations import services
from danvan.units.models import Level
from danvan.units.tests.factories import OrgUnitFactory, unit_type

TODAY = timezone.localdate()

from danvan.oversight.tests.inspection_fixtures import (  # noqa: E402, F401 — shared fixtures
    concluded,
    director,
    inspection,
    inspection_plan,
    notified,
    province_task,
)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@dataclass
class Oversight:
    front_a: object  # UB MTTQ xã Trường Sơn
    front_officer: object  # official of the commune's Front only
    home_affairs: object  # Sở Nội vụ tỉnh Quảng Trị
    organiser: object  # official of the Department of Home Affairs only
    mass_mobilisation: object  # Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị
    invited: object  # official of the Ban only: sees an inspection only as a team member
    council_b: object  # HĐND xã Kim Phú
    topic: Topic


def _person(username, full_name, home, role, over):
    user = UserFactory(username=username, full_name=full_name, home_unit=home)
    grant(user, role, over)
    return user


@pytest.fixture
def ov(cast):
    tree = cast.tree
    front_a = OrgUnitFactory(
        name="UB MTTQ Việt Nam xã Trường Sơn",
        unit_type=unit_type("fatherland_front"),
        parent=tree.commune_a,
    )
    home_affairs = OrgUnitFactory(
        name="Sở Nội vụ tỉnh Quảng Trị",
        unit_type=unit_type("home_affairs"),
        level=Level.PROVINCE,
        parent=tree.province,
    )
    mass_mobilisation = OrgUnitFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị",
        unit_type=unit_type("mass_mobilisation"),
        level=Level.PROVINCE,
        parent=tree.province,
    )
    council_b = OrgUnitFactory(
        name="HĐND xã Kim Phú", unit_type=unit_type("people_council"), parent=tree.commune_b
    )
    return Oversight(
        front_a=front_a,
        front_officer=_person("front_a", "Võ Thị Mặt Trận", front_a, Role.OFFICIAL, front_a),
        home_affairs=home_affairs,
        organiser=_person("organiser", "Ngô Văn Kiểm", home_affairs, Role.OFFICIAL, home_affairs),
        mass_mobilisation=mass_mobilisation,
        invited=_person(
            "invited", "Đinh Thị Mời", mass_mobilisation, Role.OFFICIAL, mass_mobilisation
        ),
        council_b=council_b,
        topic=Topic.objects.get_or_create(
            code="dan-van-chinh-quyen", defaults={"name": "Công tác dân vận chính quyền"}
        )[0],
    )


@pytest.fixture
def recommend(cast, ov):
    """Issue a recommendation of commune A's Front to its People's Committee (by default)."""

    def make(**kwargs):
        kwargs.setdefault("actor", ov.front_officer)
        kwargs.setdefault("issuer", ov.front_a)
        kwargs.setdefault("addressee", cast.tree.ubnd_a)
        kwargs.setdefault("source_kind", kinds.FRONT_SUPERVISION)
        kwargs.setdefault("source_label", "Thông báo kết quả giám sát số 05/TB-MTTQ")
        kwargs.setdefault("text", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa")
        kwargs.setdefault("issued_on", TODAY - dt.timedelta(days=10))
        kwargs.setdefault("due_date", TODAY + dt.timedelta(days=20))
        kwargs.setdefault("topic", ov.topic)
        return services.recommendation_create(**kwargs)

    return make
