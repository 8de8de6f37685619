"""The periodic scan is declared in code and runs as a job."""

from django.conf import settings

from danvan.celery import app
from danvan.notifications import tasks
from danvan.notifications.hooks import SCAN_SCHEDULE_NAME
from danvan.notifications.models import Notification
from danvan.notifications.tests.conftest import UNIT_SOURCE, set_due


def test_the_scan_is_in_the_beat_schedule():
    entry = app.conf.beat_schedule[SCAN_SCHEDULE_NAME]
    assert entry["task"] == tasks.scan_reminders.name
    assert entry["schedule"].minute == {0}  # every hour, on the hour (by the clock)
    assert len(entry["schedule"].hour) == 24
    assert settings.CELERY_BEAT_SCHEDULE[SCAN_SCHEDULE_NAME] == entry
    assert tasks.scan_reminders.name in app.tasks


def test_the_scan_job_announces_what_is_due_now(cast, unit_source):
    from django.utils import timezone

    set_due(cast.tree.commune_a, timezone.localdate())
    assert tasks.scan_reminders.delay().get() == 2
    assert tasks.scan_reminders.delay().get() == 0
    assert set(Notification.objects.values_list("kind", flat=True)) == {UNIT_SOURCE}
