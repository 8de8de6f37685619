"""Due dates of reports in the reminder engine (imported when the notifications app starts).

The people acting for each unit whose report is not in (not started, draft or returned) are
reminded 3 and 1 working days before the due date, on the day, and once when it has passed.
Submitting settles the unread reminders (``reminders.resolve``).
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan.notifications import reminders
from danvan.notifications.reminders import DUE, OVERDUE, DeadlineSource, Stage
from danvan.reports import notices
from danvan.reports.models import OPEN_STATUSES, Submission
from danvan.reports.people import unit_people


def _queryset():
    return Submission.objects.filter(status__in=OPEN_STATUSES).select_related("round", "unit")


def _recipients(submission: Submission, stage: Stage) -> set[int]:
    return unit_people({submission.unit_id}).get(submission.unit_id, set())


def _title(submission: Submission, stage: Stage) -> str:
    values = {
        "round": submission.round.title,
        "unit": submission.unit.name,
        "date": formats.date_format(stage.due_day, "d/m/Y"),
        "days": stage.days,
    }
    if stage.kind == OVERDUE:
        return _("Report overdue since %(date)s: “%(round)s” of %(unit)s") % values
    if stage.kind == DUE:
        return _("Report due today: “%(round)s” of %(unit)s") % values
    return (
        ngettext(
            "Report due on %(date)s, in %(days)d working day: “%(round)s” of %(unit)s",
            "Report due on %(date)s, in %(days)d working days: “%(round)s” of %(unit)s",
            stage.days,
        )
        % values
    )


def _url(submission: Submission, stage: Stage) -> str:
    return reverse("reports:submission", args=[submission.pk])


def register() -> None:
    """Declare this app's deadlines to the reminder engine (called from hooks.register)."""
    reminders.register(
        DeadlineSource(
            key=notices.DUE,
            label=gettext_lazy("Due dates of reports"),
            help_text=gettext_lazy(
                "A report of your unit is due in 3 or 1 working days, today, or is overdue."
            ),
            queryset=_queryset,
            due="round__due_date",
            recipients=_recipients,
            before=(3, 1),
            on_the_day=True,
            overdue=True,
            title=_title,
            url=_url,
        )
    )
