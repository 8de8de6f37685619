import datetime as dt

import pytest
from django.utils import timezone

from danvan.exemplars.reminders import KEY
from danvan.exemplars.tests.factories import YEAR, make_model, open_round
from danvan.notifications import reminders
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_units_below_quota_are_reminded_before_the_deadline(cast):
    deadline = dt.date(YEAR, 12, 15)
    open_round(cast, deadline=deadline)
    make_model(cast.official_a, cast.tree.commune_a)
    now = timezone.make_aware(dt.datetime.combine(deadline - dt.timedelta(days=1), dt.time(8)))
    reminders.scan(now=now, keys=[KEY])
    told = set(Notification.objects.filter(kind=KEY).values_list("recipient__username", flat=True))
    assert "official_b" in told
    assert "official_a" not in told and "leader_a" not in told
    assert "other_officer" not in told
    reminders.scan(now=now, keys=[KEY])
    assert Notification.objects.filter(kind=KEY, recipient=cast.official_b).count() == 1


def test_nobody_is_reminded_long_before_the_deadline(cast):
    deadline = dt.date(YEAR, 12, 15)
    open_round(cast, deadline=deadline)
    now = timezone.make_aware(dt.datetime.combine(deadline - dt.timedelta(days=30), dt.time(8)))
    reminders.scan(now=now, keys=[KEY])
    assert not Notification.objects.filter(kind=KEY).exists()
