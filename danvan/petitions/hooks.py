"""What the petitions app plugs into the platform, in one place (called from ``ready``): the
rules of cases and of reception, their deadlines and figures, the admin of reception rules."""


def register() -> None:
    from danvan.petitions.cases import figures as case_figures
    from danvan.petitions.cases import reminders as case_reminders
    from danvan.petitions.cases import rules as case_rules
    from danvan.petitions.reception import admin as reception_admin
    from danvan.petitions.reception import figures as reception_figures
    from danvan.petitions.reception import reminders as reception_reminders
    from danvan.petitions.reception import rules as reception_rules

    case_rules.register()
    reception_rules.register()
    case_reminders.register()
    reception_reminders.register()
    case_figures.register()
    reception_figures.register()
    reception_admin.register()
