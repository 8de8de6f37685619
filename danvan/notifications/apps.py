from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The reminder scan, every hour by the clock (at :05): a datetime deadline (an invitation
# link) is reported overdue within the hour; a date deadline's notices go out early on their
# day. The outbox sweep, every minute: e-mails whose after-commit job could not be queued, or
# whose sending failed and is due again.
SCAN_SCHEDULE_NAME = "notifications.scan-reminders"
SCAN_MINUTE = 5
SWEEP_SCHEDULE_NAME = "notifications.sweep-outbox"


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from celery.schedules import crontab
        from django.conf import settings
        from django.utils.module_loading import autodiscover_modules

        from danvan.celery import app as celery_app
        from danvan.notifications import invitations  # noqa: F401 — registers its source

        # Each app declares its deadlines in its own ``reminders.py``.
        autodiscover_modules("reminders")

        entries = {
            SCAN_SCHEDULE_NAME: {
                "task": "danvan.notifications.tasks.scan_reminders",
                "schedule": crontab(minute=SCAN_MINUTE),
            },
            SWEEP_SCHEDULE_NAME: {
                "task": "danvan.notifications.tasks.sweep_outbox",
                "schedule": crontab(minute="*"),
                # A sweep nobody ran in time is replaced by the next one.
                "options": {"expires": 50},
            },
        }
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        for name, entry in entries.items():
            if isinstance(schedule, dict):
                schedule.setdefault(name, entry)
            beat = celery_app.conf.beat_schedule
            if name not in beat:  # reassign only if it is not the settings' dict itself
                celery_app.conf.beat_schedule = {**beat, name: entry}
