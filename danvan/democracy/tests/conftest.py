"""Shared pieces of the democracy tests: villages of commune A and B, a village head (an
official granted over the village), a matter for each form, and a clock helper."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from danvan.accounts.models import Role, User
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.democracy.models import DecisionForm, DisclosureItem, Matter, MatterKind
from danvan.democracy.services import decisions
from danvan.units.models import Level, OrgUnit
from danvan.units.tests.factories import OrgUnitFactory, unit_type


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@dataclass
class Places:
    village_a: OrgUnit
    village_a2: OrgUnit
    village_b: OrgUnit
    village_head: User
    leader_b: User


@pytest.fixture
def places(cast) -> Places:
    tree = cast.tree
    village_a2 = OrgUnitFactory(
        name="Thôn Tây", unit_type=unit_type("village"), level=Level.VILLAGE, parent=tree.commune_a
    )
    village_b = OrgUnitFactory(
        name="Thôn Bắc", unit_type=unit_type("village"), level=Level.VILLAGE, parent=tree.commune_b
    )
    head = UserFactory(
        username="village_head", full_name="Nguyễn Văn Trưởng", home_unit=tree.village_a
    )
    grant(head, Role.OFFICIAL, tree.village_a)
    leader_b = UserFactory(username="leader_b", full_name="Lê Thị Bê", home_unit=tree.commune_b)
    grant(leader_b, Role.LEADER, tree.commune_b)
    return Places(tree.village_a, village_a2, village_b, head, leader_b)


def in_hours(hours: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=hours)


def make_matter(
    actor,
    village,
    *,
    form=DecisionForm.MEETING,
    households=100,
    kind=MatterKind.CONTRIBUTION,
    **extra,
) -> Matter:
    if form == DecisionForm.ONLINE:
        extra.setdefault("opens_at", in_hours(-1))
        extra.setdefault("closes_at", in_hours(24))
    return decisions.matter_create(
        actor=actor,
        village=village,
        kind=kind,
        title=extra.pop("title", "Đóng góp làm đường bê tông thôn"),
        proposed_text=extra.pop("proposed_text", "Mỗi hộ đóng góp 500.000 đồng."),
        households=households,
        form=form,
        **extra,
    )


def open_vote(actor, village, *, households=5, **extra):
    """An online vote that is open now, with its printed codes."""
    matter = make_matter(actor, village, form=DecisionForm.ONLINE, households=households, **extra)
    codes = decisions.codes_issue(actor=actor, matter=matter)
    matter = decisions.vote_open(actor=actor, matter=matter)
    return matter, codes


@pytest.fixture
def item(db) -> DisclosureItem:
    return DisclosureItem.objects.get(code="xa-11-7")
