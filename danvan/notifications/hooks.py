"""What the notifications app plugs into the platform, in one place (called from ``ready``)."""

from danvan.core import periodic

SCAN_SCHEDULE_NAME = "notifications.scan-reminders"


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
