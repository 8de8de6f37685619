"""Periodic jobs, declared in code by each app's ``hooks.register()``::

    periodic("exemplars.refresh-stats", "danvan.exemplars.tasks.refresh_stats", nightly(hour=2))
    periodic("notifications.scan-reminders", "danvan.notifications.tasks.scan_reminders", hourly())

Schedules follow the clock (Celery ``crontab`` in Asia/Ho_Chi_Minh): a nightly job runs at
night, not "every 24 hours from whenever the scheduler started".
"""

from __future__ import annotations

from celery.schedules import crontab
from django.conf import settings


def nightly(*, hour: int = 2, minute: int = 0) -> crontab:
    """Once a night at ``hour``:``minute`` local time."""
    return crontab(hour=hour, minute=minute)


def hourly(*, minute: int = 0) -> crontab:
    return crontab(minute=minute)


def every_minutes(minutes: int) -> crontab:
    return crontab(minute=f"*/{minutes}")


def periodic(name: str, task: str, schedule, **options) -> None:
    """Run ``task`` on ``schedule``; ``options`` go to ``apply_async`` (``expires``, …).

    Declaring the same name twice keeps the first declaration (``ready()`` may run twice in
    tests and management commands).
    """
    from danvan.celery import app as celery_app

    entry = {"task": task, "schedule": schedule}
    if options:
        entry["options"] = options
    settings.CELERY_BEAT_SCHEDULE.setdefault(name, entry)
    beat = celery_app.conf.beat_schedule or {}
    if name not in beat:
        celery_app.conf.beat_schedule = {**beat, name: entry}


def schedule() -> dict:
    """Every declared periodic job by name (for the operations page and tests)."""
    return dict(settings.CELERY_BEAT_SCHEDULE)
