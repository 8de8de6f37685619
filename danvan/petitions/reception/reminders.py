"""Answer deadlines of voter petitions in the reminder engine.

The people acting for the agency a petition was forwarded to (managing roles granted over the
agency, or over the nearest unit above it that has some) are reminded 3 and 1 working days
before the answer deadline and on the day; once it has passed, they and the people of the
organising unit are told it is overdue. An answered petition leaves the source and its unread
reminders are settled (``reception.services``)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan.notifications import reminders
from danvan.notifications.reminders import DUE, OVERDUE, DeadlineSource, Stage
from danvan.petitions.people import people_of

KEY = "petitions.voter_answer"
BEFORE_DAYS = (3, 1)


def open_petitions():
    from danvan.petitions.models import VoterPetition

    return VoterPetition.objects.filter(
        answered_on__isnull=True, agency__isnull=False, answer_due__isnull=False
    ).select_related("agency", "meeting__unit")


def _agency_people(petition, stage: Stage) -> Iterable[int]:
    return people_of(petition.agency.path)


def _everyone(petition, stage: Stage) -> Iterable[int]:
    return people_of(petition.agency.path) | people_of(petition.meeting.unit.path)


def _title(petition, stage: Stage) -> str:
    values = {
        "petition": petition,
        "date": formats.date_format(stage.due_day, "d/m/Y"),
        "days": stage.days,
    }
    if stage.kind == OVERDUE:
        return _("Voter petition not answered, due %(date)s: %(petition)s") % values
    if stage.kind == DUE:
        return _("Voter petition to answer today: %(petition)s") % values
    return (
        ngettext(
            "Voter petition to answer by %(date)s, in %(days)d working day: %(petition)s",
            "Voter petition to answer by %(date)s, in %(days)d working days: %(petition)s",
            stage.days,
        )
        % values
    )


def _url(petition, stage: Stage) -> str:
    return reverse("petitions:voter-petition-detail", args=[petition.pk])


def register() -> None:
    reminders.register(
        DeadlineSource(
            key=KEY,
            label=gettext_lazy("Answers to voter petitions"),
            help_text=gettext_lazy(
                "A voter petition forwarded to your unit is due for an answer soon, today, "
                "or is overdue."
            ),
            queryset=open_petitions,
            due="answer_due",
            recipients=_agency_people,
            overdue_recipients=_everyone,
            before=BEFORE_DAYS,
            title=_title,
            url=_url,
        )
    )
