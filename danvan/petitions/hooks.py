"""What the petitions app plugs into the platform, in one place (called from ``ready``): the
rules of cases and of reception, their notices, deadlines and figures, the unit pickers their
forms use, the admin of reception rules."""


def register() -> None:
    from danvan.petitions.cases import figures as case_figures
    from danvan.petitions.cases import notices as case_notices
    from danvan.petitions.cases import reminders as case_reminders
    from danvan.petitions.cases import rules as case_rules
    from danvan.petitions.cases import selectors as case_selectors
    from danvan.petitions.reception import admin as reception_admin
    from danvan.petitions.reception import figures as reception_figures
    from danvan.petitions.reception import reminders as reception_reminders
    from danvan.petitions.reception import rules as reception_rules
    from danvan.petitions.reception import selectors as reception_selectors
    from danvan.units.pickers import unit_source

    case_rules.register()
    reception_rules.register()
    case_notices.register()
    case_reminders.register()
    reception_reminders.register()
    case_figures.register()
    reception_figures.register()
    reception_admin.register()
    # Units are chosen by typing their name, among those the action allows.
    unit_source("petitions.intake-units", case_selectors.intake_units)
    unit_source("petitions.forward-targets", case_selectors.forward_targets)
    unit_source("petitions.meeting-units", reception_selectors.managed_units)
    unit_source("petitions.voter-agencies", reception_selectors.agency_units)
    unit_source("petitions.commitment-units", reception_selectors.commitment_units)
