from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The summary table behind the quota dashboard is rebuilt every night (services keep each
# unit's row exact as they go; the rebuild carries units moved in the tree to their new path).
STATS_SCHEDULE_NAME = "exemplars.refresh-stats"
STATS_EVERY_SECONDS = 24 * 3600


class ExemplarsConfig(AppConfig):
    name = "danvan.exemplars"
    label = "exemplars"
    verbose_name = _("“Dân vận khéo” models")

    def ready(self) -> None:
        from django.conf import settings

        from danvan.celery import app as celery_app
        from danvan.exemplars import rules, selectors
        from danvan.reports import sources

        entry = {"task": "danvan.exemplars.tasks.refresh_stats", "schedule": STATS_EVERY_SECONDS}
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            schedule.setdefault(STATS_SCHEDULE_NAME, entry)
        beat = celery_app.conf.beat_schedule
        if STATS_SCHEDULE_NAME not in beat:
            celery_app.conf.beat_schedule = {**beat, STATS_SCHEDULE_NAME: entry}

        rules.register_permissions()
        rules.register_relations()
        sources.register(
            sources.KnownFigure(
                key="exemplars.registered",
                label=_("“Dân vận khéo” models and exemplars registered"),
                unit=_("models"),
                compute=selectors.count_registered,
            )
        )
        sources.register(
            sources.KnownFigure(
                key="exemplars.recognised",
                label=_("“Dân vận khéo” models and exemplars recognised"),
                unit=_("models"),
                compute=selectors.count_recognised,
            )
        )
        sources.register(
            sources.KnownFigure(
                key="exemplars.commended",
                label=_("“Dân vận khéo” models and exemplars commended"),
                unit=_("models"),
                compute=selectors.count_commended,
            )
        )
