import datetime as dt
import zoneinfo

import pytest
from django.utils import translation

from danvan.notifications import reminders
from danvan.notifications.reminders import DeadlineSource
from danvan.units.models import OrgUnit

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
UNIT_SOURCE = "units.review"


def at(year, month, day, hour=8, minute=0) -> dt.datetime:
    """A moment in Vietnam's time zone."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=HANOI)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings (the interface defaults to Vietnamese): in
    requests and in the services and jobs the tests call directly."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _unit_title(unit, stage):
    return f"{unit.name}: {stage.code} {stage.due.isoformat()}"


@pytest.fixture
def unit_source():
    """A date deadline (OrgUnit.valid_to, standing in for a task's due date) whose notices go
    to the unit's members ("members" is a multi-valued path)."""
    source = reminders.register(
        DeadlineSource(
            key=UNIT_SOURCE,
            label="Unit review",
            queryset=OrgUnit.objects.all,
            due="valid_to",
            recipients="members",
            title=_unit_title,
            url=lambda unit, stage: f"/don-vi/{unit.pk}/",
            before=(2, 1),
        )
    )
    yield source
    reminders.unregister(UNIT_SOURCE)


def set_due(unit, day):
    OrgUnit.objects.filter(pk=unit.pk).update(valid_to=day)
