"""Notices of inspections: to the inspected unit (notified, concluded) and to a new member of
the team (with the dates their access lasts)."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from danvan.notifications import services as notifications
from danvan.oversight.notices import INSPECTION
from danvan.oversight.people import people_of


def _day(day) -> str:
    return formats.date_format(day, "d/m/Y")


def _url(inspection) -> str:
    return reverse("oversight:inspection-detail", args=[inspection.pk])


def inspection_notified(inspection) -> None:
    notifications.notify(
        recipients=people_of(inspection.unit_id),
        kind=INSPECTION,
        title=_("%(organiser)s will inspect %(unit)s from %(start)s to %(end)s: %(plan)s")
        % {
            "organiser": inspection.plan.unit.name,
            "unit": inspection.unit.name,
            "start": _day(inspection.starts_on),
            "end": _day(inspection.ends_on),
            "plan": inspection.plan.title,
        },
        url=_url(inspection),
        unit_path=inspection.unit.path,
        dedup_key=f"{INSPECTION}:notified:{inspection.pk}",
    )


def inspection_concluded(inspection) -> None:
    notifications.notify(
        recipients=people_of(inspection.unit_id),
        kind=INSPECTION,
        title=_("Conclusion of the inspection of %(unit)s issued: %(code)s of %(date)s")
        % {
            "unit": inspection.unit.name,
            "code": inspection.conclusion_code,
            "date": _day(inspection.conclusion_date),
        },
        url=_url(inspection),
        unit_path=inspection.unit.path,
        dedup_key=f"{INSPECTION}:concluded:{inspection.pk}",
    )


def member_added(member) -> None:
    inspection = member.inspection
    notifications.notify(
        recipients=[member.user_id],
        kind=INSPECTION,
        title=_(
            "You are on the team inspecting %(unit)s (%(organiser)s); you can read it from "
            "%(start)s to %(end)s"
        )
        % {
            "unit": inspection.unit.name,
            "organiser": inspection.plan.unit.name,
            "start": _day(member.valid_from),
            "end": _day(member.valid_until),
        },
        url=_url(inspection),
        unit_path=inspection.plan.unit.path,
        dedup_key=f"{INSPECTION}:member:{member.pk}",
    )
