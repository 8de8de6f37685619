"""What the oversight app tells people: a recommendation addressed to their unit, an answer to
one their unit issued, the issuer's verification or return; an inspection announced to the
inspected unit, a place on an inspection team; a draft opened for critique."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.notifications import kinds
from danvan.notifications import services as notifications
from danvan.oversight.people import people_of

RECOMMENDATION = "oversight.recommendation"
ANSWERED = "oversight.answered"
REVIEWED = "oversight.reviewed"
DUE = "oversight.recommendation_due"  # the reminder engine's source (reminders.py)
INSPECTION = "oversight.inspection"
CRITIQUE = "oversight.critique"
PLAN_REPORT = "oversight.plan_report"  # the reminder engine's source (reminders.py)


def register() -> None:
    """Declare this app's notice kinds (called from hooks.register)."""
    kinds.register(
        RECOMMENDATION,
        gettext_lazy("Recommendations to my unit"),
        help_text=gettext_lazy(
            "An inspection, a supervision, a critique or a council question addressed a "
            "recommendation to your unit."
        ),
    )
    kinds.register(
        ANSWERED,
        gettext_lazy("Answers to our recommendations"),
        help_text=gettext_lazy("A unit answered a recommendation your unit issued."),
    )
    kinds.register(
        REVIEWED,
        gettext_lazy("Verification of our answers"),
        help_text=gettext_lazy(
            "The issuer verified your unit's answer to a recommendation, or returned it."
        ),
    )
    kinds.register(
        INSPECTION,
        gettext_lazy("Inspections"),
        help_text=gettext_lazy(
            "Your unit is to be inspected, or you were placed on an inspection team."
        ),
    )
    kinds.register(
        CRITIQUE,
        gettext_lazy("Drafts for critique"),
        help_text=gettext_lazy("A unit published a draft for your organisation to critique."),
    )


def _day(day) -> str:
    return formats.date_format(day, "d/m/Y")


def recommendation_url(recommendation) -> str:
    return reverse("oversight:recommendation-detail", args=[recommendation.pk])


def recommendation_issued(recommendation) -> None:
    notifications.notify(
        recipients=people_of(recommendation.addressee_id),
        kind=RECOMMENDATION,
        title=_("Recommendation to %(unit)s from %(issuer)s, deadline %(date)s: %(text)s")
        % {
            "unit": recommendation.addressee.name,
            "issuer": recommendation.issuer.name,
            "date": _day(recommendation.due_date),
            "text": str(recommendation),
        },
        url=recommendation_url(recommendation),
        unit_path=recommendation.addressee.path,
        dedup_key=f"{RECOMMENDATION}:{recommendation.pk}",
    )


def recommendation_answered(recommendation, answer) -> None:
    notifications.notify(
        recipients=people_of(recommendation.issuer_id),
        kind=ANSWERED,
        title=_("%(unit)s answered the recommendation: %(text)s")
        % {"unit": recommendation.addressee.name, "text": str(recommendation)},
        url=recommendation_url(recommendation),
        unit_path=recommendation.issuer.path,
        dedup_key=f"{ANSWERED}:{answer.pk}",
    )


def recommendation_reviewed(recommendation, answer, *, accepted: bool) -> None:
    values = {"issuer": recommendation.issuer.name, "text": str(recommendation)}
    title = (
        _("%(issuer)s verified your answer and closed the recommendation: %(text)s") % values
        if accepted
        else _("%(issuer)s returned your answer: see the note. %(text)s") % values
    )
    notifications.notify(
        recipients=people_of(recommendation.addressee_id),
        kind=REVIEWED,
        title=title,
        url=recommendation_url(recommendation),
        unit_path=recommendation.addressee.path,
        dedup_key=f"{REVIEWED}:{answer.pk}",
    )


def critique_published(critique, organisations) -> None:
    from danvan.oversight.people import unit_people

    people = unit_people({o.pk for o in organisations})
    recipients = {user for users in people.values() for user in users}
    notifications.notify(
        recipients=recipients,
        kind=CRITIQUE,
        title=_("%(unit)s asks for your critique of “%(title)s” by %(date)s")
        % {
            "unit": critique.unit.name,
            "title": critique.title,
            "date": _day(critique.critique_due),
        },
        url=reverse("oversight:critique-detail", args=[critique.pk]),
        unit_path=critique.unit.path,
        dedup_key=f"{CRITIQUE}:{critique.pk}",
    )
