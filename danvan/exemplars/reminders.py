"""The registration deadline of a round in the reminder engine (imported when the
notifications app starts).

The people acting for each unit of the round's subtree that has registered fewer models than
the round's minimum are told 5 and 1 working days before the registration deadline and on the
day. Units that meet the quota hear nothing.
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan.accounts.models import Role, RoleGrant
from danvan.exemplars.models import Round
from danvan.notifications import reminders
from danvan.notifications.reminders import DUE, DeadlineSource, Stage

KEY = "exemplars.registration"
BEFORE_DAYS = (5, 1)
MANAGING_ROLES = (Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER)


def units_below_quota(round_: Round):
    """Ids (a subquery) of the units of the round's subtree below its minimum quota."""
    from danvan.exemplars.models import UnitYearStat
    from danvan.exemplars.selectors import quota_units

    meeting = UnitYearStat.objects.filter(
        year=round_.year,
        unit_path__startswith=round_.unit.path,
        registered__gte=round_.quota_min,
    ).values("unit_id")
    return quota_units(round_.unit).exclude(pk__in=meeting).values("pk")


def _recipients(round_: Round, stage: Stage) -> set[int]:
    if round_.quota_min == 0:
        return set()
    return set(
        RoleGrant.objects.filter(
            unit_id__in=units_below_quota(round_),
            role__in=MANAGING_ROLES,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def _title(round_: Round, stage: Stage) -> str:
    values = {
        "date": formats.date_format(stage.due_day, "d/m/Y"),
        "year": round_.year,
        "days": stage.days,
    }
    if stage.kind == DUE:
        return _("Registration of “Dân vận khéo” models for %(year)d closes today") % values
    return (
        ngettext(
            "Registration of “Dân vận khéo” models for %(year)d closes on %(date)s, in %(days)d "
            "working day",
            "Registration of “Dân vận khéo” models for %(year)d closes on %(date)s, in %(days)d "
            "working days",
            stage.days,
        )
        % values
    )


def _body(round_: Round, stage: Stage) -> str:
    return _(
        "Your unit has registered fewer than %(min)d models or exemplars this year (the round "
        "of %(unit)s asks for %(min)d to %(target)d per unit). Register them before the deadline."
    ) % {"min": round_.quota_min, "target": round_.quota_target, "unit": round_.unit}


def _url(round_: Round, stage: Stage) -> str:
    return reverse("exemplars:create")


def register() -> None:
    """Declare this app's deadlines to the reminder engine (called from hooks.register)."""
    reminders.register(
        DeadlineSource(
            key=KEY,
            label=gettext_lazy("Registration of “Dân vận khéo” models"),
            help_text=gettext_lazy(
                "Your unit is below the yearly quota of models and the registration deadline is near."
            ),
            queryset=lambda: Round.objects.select_related("unit"),
            due="registration_deadline",
            recipients=_recipients,
            before=BEFORE_DAYS,
            on_the_day=True,
            overdue=False,
            title=_title,
            body=_body,
            url=_url,
        )
    )
