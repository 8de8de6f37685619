"""What the notifications app plugs into the platform, in one place (called from ``ready``)."""

from danvan.core import periodic

SCAN_SCHEDULE_NAME = "notifications.scan-reminders"
SWEEP_SCHEDULE_NAME = "notifications.sweep-outbox"


def register() -> None:
    from danvan.core import jobs
    from danvan.notifications import services

    services.register_kinds()
    jobs.on_finished(services.job_finished)
    # The reminder scan, hourly: a datetime deadline (an invitation link) is reported overdue
    # within the hour; a date deadline's notices go out early on their day.
    periodic.periodic(
        SCAN_SCHEDULE_NAME, "danvan.notifications.tasks.scan_reminders", periodic.hourly()
    )
    # The outbox sweep, every minute: e-mails whose after-commit job could not be queued (the
    # broker was down), or whose sending failed and is due again. A sweep nobody ran in time is
    # replaced by the next one.
    periodic.periodic(
        SWEEP_SCHEDULE_NAME,
        "danvan.notifications.tasks.sweep_outbox",
        periodic.every_minutes(1),
        expires=50,
    )
