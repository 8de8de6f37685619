"""What the democracy app plugs into the platform, in one place (called from ``ready``): its
rules, pickers, notice kinds, deadlines, report figures and background jobs."""


def register() -> None:
    from danvan.democracy import pickers, rules

    rules.register()
    pickers.register()
