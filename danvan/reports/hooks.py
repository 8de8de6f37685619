"""What the reports app plugs into the platform, in one place (called from ``ready``)."""


def register() -> None:
    from danvan.reports import notices, reminders, rules

    rules.register()
    notices.register()
    reminders.register()
