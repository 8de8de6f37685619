"""What the oversight app plugs into the platform, in one place (called from ``ready``): its
rules, source kinds, notice kinds, deadlines, report figures, pickers and periodic jobs."""


def register() -> None:
    from danvan.core import jobs
    from danvan.core.periodic import nightly, periodic
    from danvan.oversight import figures, kinds, notices, pickers, rules
    from danvan.oversight.recommendations import exports, reminders

    rules.register()
    kinds.register()
    notices.register()
    reminders.register()
    reminders.register_plan_reports()
    figures.register()
    pickers.register()
    jobs.register(jobs.JobKind("oversight.recommendations-xlsx", exports.export_job))
    periodic(
        "oversight.mark-overdue",
        "danvan.oversight.tasks.mark_overdue",
        nightly(hour=0, minute=20),
    )
