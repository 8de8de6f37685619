"""Deadlines of recommendations in the reminder engine.

The people acting for the addressee are reminded 5 and 1 working days before the deadline and
on the day; once it has passed, they and the issuer's people are told it is overdue. An answer
settles the unread reminders (``reminders.resolve`` in the answer service).
"""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan.notifications import reminders
from danvan.notifications.reminders import DUE, OVERDUE, DeadlineSource, Stage
from danvan.oversight import notices
from danvan.oversight.models import AWAITING, Recommendation
from danvan.oversight.people import unit_people


def _queryset():
    return Recommendation.objects.filter(status__in=AWAITING).select_related("issuer", "addressee")


def _addressee_people(recommendation: Recommendation, stage: Stage) -> set[int]:
    return unit_people({recommendation.addressee_id}).get(recommendation.addressee_id, set())


def _both_sides(recommendation: Recommendation, stage: Stage) -> set[int]:
    people = unit_people({recommendation.addressee_id, recommendation.issuer_id})
    return people.get(recommendation.addressee_id, set()) | people.get(
        recommendation.issuer_id, set()
    )


def _title(recommendation: Recommendation, stage: Stage) -> str:
    values = {
        "text": str(recommendation),
        "unit": recommendation.addressee.name,
        "issuer": recommendation.issuer.name,
        "date": formats.date_format(stage.due_day, "d/m/Y"),
        "days": stage.days,
    }
    if stage.kind == OVERDUE:
        return (
            _("Recommendation overdue since %(date)s (%(unit)s, from %(issuer)s): %(text)s")
            % values
        )
    if stage.kind == DUE:
        return _("Recommendation due today (%(unit)s, from %(issuer)s): %(text)s") % values
    return (
        ngettext(
            "Recommendation due on %(date)s, in %(days)d working day (%(unit)s): %(text)s",
            "Recommendation due on %(date)s, in %(days)d working days (%(unit)s): %(text)s",
            stage.days,
        )
        % values
    )


def _url(recommendation: Recommendation, stage: Stage) -> str:
    return notices.recommendation_url(recommendation)


def register() -> None:
    """Declare this app's deadlines to the reminder engine (called from hooks.register)."""
    reminders.register(
        DeadlineSource(
            key=notices.DUE,
            label=gettext_lazy("Deadlines of recommendations"),
            help_text=gettext_lazy(
                "A recommendation to your unit is due in 5 or 1 working days, today, or is "
                "overdue (the issuer is told too)."
            ),
            queryset=_queryset,
            due="due_date",
            recipients=_addressee_people,
            overdue_recipients=_both_sides,
            before=(5, 1),
            on_the_day=True,
            overdue=True,
            title=_title,
            url=_url,
        )
    )


# --- Inspection plans: the results report (seed 001: to Sở Nội vụ before 01/11) -------------


def _plan_queryset():
    from danvan.oversight.models import InspectionPlan

    return InspectionPlan.objects.filter(
        report_due__isnull=False, reported_on__isnull=True
    ).select_related("unit", "report_to")


def _plan_people(plan, stage: Stage) -> set[int]:
    return unit_people({plan.unit_id}).get(plan.unit_id, set())


def _plan_title(plan, stage: Stage) -> str:
    values = {
        "plan": plan.title,
        "to": plan.report_to.name if plan.report_to_id else "",
        "date": formats.date_format(stage.due_day, "d/m/Y"),
    }
    if stage.kind == OVERDUE:
        return _("Results of “%(plan)s” not reported to %(to)s: due %(date)s") % values
    return _("Report the results of “%(plan)s” to %(to)s by %(date)s") % values


def _plan_url(plan, stage: Stage) -> str:
    from django.urls import reverse

    return reverse("oversight:plan-detail", args=[plan.pk])


def register_plan_reports() -> None:
    reminders.register(
        DeadlineSource(
            key=notices.PLAN_REPORT,
            label=gettext_lazy("Reports of inspection results"),
            help_text=gettext_lazy(
                "The results of your unit's inspection plan are due to the unit it reports to."
            ),
            queryset=_plan_queryset,
            due="report_due",
            recipients=_plan_people,
            before=(5, 1),
            title=_plan_title,
            url=_plan_url,
        )
    )
