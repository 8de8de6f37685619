"""What the democracy app plugs into the platform, in one place (called from ``ready``): its
rules, pickers, deadlines, report figures and background jobs."""


def register() -> None:
    from danvan.core import jobs
    from danvan.democracy import exports, pickers, rules

    rules.register()
    pickers.register()
    jobs.register(jobs.JobKind("democracy.compliance-xlsx", exports.compliance_job))
