"""What the democracy app plugs into the platform, in one place (called from ``ready``): its
rules, pickers, deadlines, report figures and background jobs."""


def register() -> None:
    from danvan.core import jobs
    from danvan.democracy import exports, figures, pickers, reminders, rules

    rules.register()
    pickers.register()
    reminders.register()
    figures.register()
    jobs.register(jobs.JobKind("democracy.compliance-xlsx", exports.compliance_job))
