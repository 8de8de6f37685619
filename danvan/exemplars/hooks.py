"""What the exemplars app plugs into the platform, in one place (called from ``ready``)."""

from danvan.core import periodic


def register() -> None:
    from danvan.exemplars import figures, reminders, rules

    rules.register()
    reminders.register()
    figures.register()
    # The summary table behind the quota dashboard is rebuilt at night (services keep each
    # unit's row exact as they go; the rebuild carries units moved in the tree to their path).
    periodic.periodic(
        "exemplars.refresh-stats", "danvan.exemplars.tasks.refresh_stats", periodic.nightly(hour=2)
    )
