"""What the reports app tells people: a round asks their unit for a report, a reminder from the
recipient, a report submitted (to the recipient), returned or accepted (to the unit)."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.notifications import kinds
from danvan.notifications import services as notifications
from danvan.notifications.models import Notification
from danvan.reports.people import unit_people

OPENED = "reports.opened"
REMINDER = "reports.reminder"
REVIEW = "reports.review"
DUE = "reports.due"  # the reminder engine's source (reminders.py)


def register() -> None:
    """Declare this app's notice kinds (called from hooks.register)."""
    kinds.register(
        OPENED,
        gettext_lazy("Report rounds for my unit"),
        help_text=gettext_lazy("A unit opened a report round your unit must report in."),
    )
    kinds.register(
        REMINDER,
        gettext_lazy("Reminders to report"),
        help_text=gettext_lazy("The recipient of a report reminds your unit that it is missing."),
    )
    kinds.register(
        REVIEW,
        gettext_lazy("Reports submitted, returned or accepted"),
        help_text=gettext_lazy(
            "A report was submitted to a unit you act for, or your unit's report was returned or "
            "accepted."
        ),
    )


def _day(day) -> str:
    return formats.date_format(day, "d/m/Y")


def _to_units(submissions, *, kind, title_for, key_for) -> int:
    submissions = list(submissions)
    people = unit_people({s.unit_id for s in submissions})
    now = timezone.now()
    notices = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            title=str(title_for(s))[:300],
            url=reverse("reports:submission", args=[s.pk]),
            unit_path=s.unit.path[:255],
            created_at=now,
            dedup_key=key_for(s),
        )
        for s in submissions
        for user_id in sorted(people.get(s.unit_id, ()))
    ]
    notifications.deliver(notices)
    return len({s.unit_id for s in submissions if people.get(s.unit_id)})


def round_opened(report_round, submissions) -> None:
    values = {"round": report_round.title, "date": _day(report_round.due_date)}
    _to_units(
        submissions,
        kind=OPENED,
        title_for=lambda s: (
            _("%(unit)s must send the report “%(round)s” by %(date)s")
            % {**values, "unit": s.unit.name}
        ),
        key_for=lambda s: f"{OPENED}:{s.pk}",
    )


def remind(report_round, submissions) -> int:
    """One reminder per unit and day: a second click the same day adds nothing."""
    today = timezone.localdate().isoformat()
    values = {"round": report_round.title, "date": _day(report_round.due_date)}
    return _to_units(
        submissions,
        kind=REMINDER,
        title_for=lambda s: (
            _("Reminder: the report “%(round)s” of %(unit)s is due on %(date)s")
            % {**values, "unit": s.unit.name}
        ),
        key_for=lambda s: f"{REMINDER}:{s.pk}:{today}",
    )


def submitted(submission) -> None:
    report_round = submission.round
    people = unit_people({report_round.recipient_id}).get(report_round.recipient_id, set())
    notifications.notify(
        recipients=people,
        kind=REVIEW,
        title=_("%(unit)s submitted its report “%(round)s”")
        % {"unit": submission.unit.name, "round": report_round.title},
        url=reverse("reports:submission", args=[submission.pk]),
        unit_path=report_round.recipient.path,
        dedup_key=f"{REVIEW}:submitted:{submission.pk}:{submission.version}",
    )


def reviewed(submission, *, accepted: bool) -> None:
    values = {"round": submission.round.title}
    title = (
        _("Your report “%(round)s” was accepted") % values
        if accepted
        else _("Your report “%(round)s” was returned: see the comments") % values
    )
    _to_units(
        [submission],
        kind=REVIEW,
        title_for=lambda s: title,
        key_for=lambda s: f"{REVIEW}:reviewed:{s.pk}:{s.version}",
    )
