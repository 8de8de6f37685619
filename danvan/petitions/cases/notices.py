"""What the cases side tells people at once (deadline reminders are in ``reminders.py``): a case
arrived at their unit — received there, sent by a citizen, or forwarded to it — so that its
handlers and leaders learn of it on the day, not three working days before the deadline.

A notice names the case by its kind and reference and the unit: never a petitioner, and never
a denouncer (Luật Tố cáo 2018, Điều 47). Called inside the service's transaction; the e-mails
leave when it commits.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.notifications import kinds
from danvan.notifications import services as notifications
from danvan.petitions.people import people_of

ARRIVED = "petitions.case_arrived"


def register() -> None:
    kinds.register(
        ARRIVED,
        gettext_lazy("New cases at my unit"),
        help_text=gettext_lazy(
            "A case was received by a unit you act for, sent by a citizen, or forwarded to it."
        ),
    )


def case_arrived(case, *, by=None, forwarded: bool = False) -> list[int]:
    """Tell the people acting for the case's unit (except ``by``, who just did it)."""
    recipients = people_of(case.unit_path) - {getattr(by, "pk", None)}
    if not recipients:
        return []
    values = {"kind": case.get_kind_display(), "case": case.reference, "unit": case.unit.name}
    if forwarded:
        title = _("%(kind)s %(case)s was forwarded to %(unit)s") % values
    else:
        title = _("New case at %(unit)s: %(kind)s %(case)s") % values
    body = _("Accept or refuse it by %(date)s.") % {
        "date": case.accept_due.strftime("%d/%m/%Y") if case.accept_due else "—"
    }
    return notifications.notify(
        recipients=recipients,
        kind=ARRIVED,
        title=title,
        body=body,
        url=reverse("petitions:case-detail", args=[case.pk]),
        unit_path=case.unit_path,
        dedup_key=f"{ARRIVED}:{case.pk}:{case.unit_id}",
    )
