"""What the audit app plugs into the platform (called from ``AuditConfig.ready``)."""


def register() -> None:
    from danvan.audit import rules

    rules.register()
