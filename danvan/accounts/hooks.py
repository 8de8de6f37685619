"""What the accounts app plugs into the platform (called from ``AccountsConfig.ready``): its
permissions and the reminders about invitation links that are about to expire."""


def register() -> None:
    from danvan.accounts import reminders, rules

    rules.register()
    reminders.register()
