from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Recurring deadlines move to their next occurrence once a day, early in the morning (the
# reminder scan runs hourly and reads the moved date).
ROLL_SCHEDULE_NAME = "plans.roll-recurring-deadlines"
ROLL_EVERY_SECONDS = 6 * 3600


class PlansConfig(AppConfig):
    name = "danvan.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from django.conf import settings

        from danvan.celery import app as celery_app
        from danvan.plans import rules

        rules.register_permissions()
        rules.register_relations()

        from danvan.documents.selectors import register_citing
        from danvan.plans.selectors import plans_citing

        register_citing(plans_citing)

        entry = {
            "task": "danvan.plans.tasks.roll_recurring_deadlines",
            "schedule": ROLL_EVERY_SECONDS,
        }
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            schedule.setdefault(ROLL_SCHEDULE_NAME, entry)
        beat = celery_app.conf.beat_schedule
        if ROLL_SCHEDULE_NAME not in beat:
            celery_app.conf.beat_schedule = {**beat, ROLL_SCHEDULE_NAME: entry}
