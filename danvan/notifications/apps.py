from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The reminder scan, hourly: a datetime deadline (an invitation link) is reported overdue
# within the hour; a date deadline's notices go out early on their day.
SCAN_SCHEDULE_NAME = "notifications.scan-reminders"
SCAN_EVERY_SECONDS = 3600


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.conf import settings
        from django.utils.module_loading import autodiscover_modules

        from danvan.celery import app as celery_app
        from danvan.notifications import invitations  # noqa: F401 — registers its source

        # Each app declares its deadlines in its own ``reminders.py``.
        autodiscover_modules("reminders")

        entry = {
            "task": "danvan.notifications.tasks.scan_reminders",
            "schedule": SCAN_EVERY_SECONDS,
        }
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            schedule.setdefault(SCAN_SCHEDULE_NAME, entry)
        beat = celery_app.conf.beat_schedule
        if SCAN_SCHEDULE_NAME not in beat:
            celery_app.conf.beat_schedule = {**beat, SCAN_SCHEDULE_NAME: entry}
