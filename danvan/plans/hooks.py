"""What the plans app plugs into the platform, in one place (called from ``PlansConfig.ready``):
permissions and relations, notice kinds, deadlines, figures for reports, citing of legal
documents, periodic jobs."""

from danvan.core import periodic


def register() -> None:
    from danvan.documents.selectors import register_citing
    from danvan.plans import figures, import_jobs, notices, reminders, rules
    from danvan.plans.selectors import plans_citing

    rules.register()
    notices.register()
    reminders.register()
    figures.register()
    import_jobs.register()
    register_citing(plans_citing)
    # Recurring deadlines move to their next occurrence early each morning (the reminder
    # scan runs hourly and reads the moved date).
    periodic.periodic(
        "plans.roll-recurring-deadlines",
        "danvan.plans.tasks.roll_recurring_deadlines",
        periodic.nightly(hour=1, minute=15),
    )
