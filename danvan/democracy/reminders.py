"""Deadlines of grassroots democracy in the reminder engine (registered from hooks.register):

- a village's result is sent to the commune at the latest 5 working days after the meeting or
  the close of the vote (Nghị định 59/2023, Điều 4.7): the village's people are reminded 2 and 1
  working days before, on the day and once overdue, until it is sent;
- a consultation's comments close on its deadline: the commune's people are reminded 2 and 1
  working days before and on the day, to close the comments and answer them.
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.democracy.models import (
    Consultation,
    ConsultationStatus,
    Finding,
    FindingStatus,
    Matter,
    MatterStatus,
)
from danvan.democracy.people import people_of
from danvan.notifications import reminders
from danvan.notifications.reminders import DUE, OVERDUE, DeadlineSource

REPORT_DUE = "democracy.report_due"
FINDING_DUE = "democracy.finding_due"
COMMENTS_CLOSE = "democracy.comments_close"


def _day(stage) -> str:
    return formats.date_format(stage.due_day, "d/m/Y")


def _report_title(matter: Matter, stage) -> str:
    values = {"title": matter.title, "village": matter.village.name, "date": _day(stage)}
    if stage.kind == OVERDUE:
        return (
            _("Overdue since %(date)s: send the result of “%(title)s” (%(village)s) to the commune")
            % values
        )
    if stage.kind == DUE:
        return _("Today: send the result of “%(title)s” (%(village)s) to the commune") % values
    return _("By %(date)s: send the result of “%(title)s” (%(village)s) to the commune") % values


def _comments_title(consultation: Consultation, stage) -> str:
    values = {"title": consultation.title, "date": _day(stage)}
    if stage.kind == DUE:
        return _("Comments on “%(title)s” close today: close them and answer each group") % values
    return _("Comments on “%(title)s” close on %(date)s") % values


def _finding_title(finding: Finding, stage) -> str:
    values = {"text": str(finding), "date": _day(stage)}
    if stage.kind == OVERDUE:
        return _("Overdue since %(date)s: the board's recommendation “%(text)s”") % values
    if stage.kind == DUE:
        return _("Due today: the board's recommendation “%(text)s”") % values
    return _("Due on %(date)s: the board's recommendation “%(text)s”") % values


def register() -> None:
    reminders.register(
        DeadlineSource(
            key=REPORT_DUE,
            label=gettext_lazy("Village results to send to the commune"),
            help_text=gettext_lazy(
                "A village's decision must reach the commune within 5 working days."
            ),
            queryset=lambda: Matter.objects.filter(status=MatterStatus.DECIDED).select_related(
                "village"
            ),
            due="report_due",
            recipients=lambda matter, stage: people_of(matter.village),
            title=_report_title,
            url=lambda matter, stage: reverse("democracy:matter-detail", args=[matter.pk]),
            before=(2, 1),
        )
    )
    reminders.register(
        DeadlineSource(
            key=COMMENTS_CLOSE,
            label=gettext_lazy("Consultations whose comments close"),
            help_text=gettext_lazy("The deadline for comments on a draft of your commune."),
            queryset=lambda: Consultation.objects.filter(
                status=ConsultationStatus.OPEN
            ).select_related("unit"),
            due="closes_on",
            recipients=lambda consultation, stage: people_of(consultation.unit),
            title=_comments_title,
            url=lambda consultation, stage: reverse(
                "democracy:consultation-detail", args=[consultation.pk]
            ),
            before=(2, 1),
            overdue=False,
        )
    )
    reminders.register(
        DeadlineSource(
            key=FINDING_DUE,
            label=gettext_lazy("Recommendations of the commune's boards"),
            help_text=gettext_lazy("A recommendation of a board to your unit or commune is due."),
            queryset=lambda: Finding.objects.filter(
                status=FindingStatus.OPEN, due_date__isnull=False
            ).select_related("activity__board__unit", "addressee"),
            due="due_date",
            recipients=lambda finding, stage: people_of(
                finding.addressee or finding.activity.board.unit
            ),
            title=_finding_title,
            url=lambda finding, stage: reverse(
                "democracy:activity-detail", args=[finding.activity_id]
            ),
            before=(2, 1),
        )
    )
