"""Deadlines of open cases in the reminder engine: handlers and the leaders of the case's unit
are told 3 and 1 working days before the current step's deadline (``Case.due_on``), on the day,
and once it is overdue. Notices name the case by reference and kind only: never a petitioner
or a denouncer."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.models import Role, RoleGrant
from danvan.notifications import reminders
from danvan.notifications.reminders import DUE, OVERDUE, DeadlineSource, Stage
from danvan.petitions.models import OPEN_STATUSES, Case, CaseHandler

KEY = "petitions.case_deadline"
BEFORE_DAYS = (3, 1)


class _ReminderQuerySet(QuerySet):
    """Cases that, once fetched, know their handlers and unit leaders (two queries a batch)."""

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        rows = self._result_cache
        if fresh and rows and isinstance(rows[0], Case):
            handlers: dict[int, set[int]] = {}
            for case_id, user_id in CaseHandler.objects.filter(
                case_id__in=[row.pk for row in rows]
            ).values_list("case_id", "user_id"):
                handlers.setdefault(case_id, set()).add(user_id)
            leaders: dict[int, set[int]] = {}
            for unit_id, user_id in RoleGrant.objects.filter(
                role=Role.LEADER, unit_id__in={row.unit_id for row in rows}, user__is_active=True
            ).values_list("unit_id", "user_id"):
                leaders.setdefault(unit_id, set()).add(user_id)
            for row in rows:
                row.reminder_people = handlers.get(row.pk, set()) | leaders.get(row.unit_id, set())


def open_cases() -> QuerySet:
    return _ReminderQuerySet(model=Case).filter(
        status__in=OPEN_STATUSES, due_on__isnull=False, is_hidden=False
    )


def _recipients(case: Case, stage: Stage) -> set[int]:
    return getattr(case, "reminder_people", None) or set()


def _title(case: Case, stage: Stage) -> str:
    values = {
        "case": case.reference,
        "kind": case.get_kind_display(),
        "date": formats.date_format(stage.due_day, "d/m/Y"),
        "days": stage.days,
    }
    if stage.kind == OVERDUE:
        return _("Overdue since %(date)s: %(kind)s %(case)s") % values
    if stage.kind == DUE:
        return _("Due today: %(kind)s %(case)s") % values
    return _("Due on %(date)s (%(days)s working days left): %(kind)s %(case)s") % values


def _body(case: Case, stage: Stage) -> str:
    return _("Step: %(status)s. Open the case to act on it.") % {
        "status": case.get_status_display()
    }


def _url(case: Case, stage: Stage) -> str:
    return reverse("petitions:case-detail", args=[case.pk])


def register() -> None:
    reminders.register(
        DeadlineSource(
            key=KEY,
            label=gettext_lazy("Deadlines of cases"),
            help_text=gettext_lazy(
                "A case you handle, or of the unit you lead, is due in 3 or 1 working days, "
                "today, or is overdue."
            ),
            queryset=open_cases,
            due="due_on",
            recipients=_recipients,
            before=BEFORE_DAYS,
            on_the_day=True,
            overdue=True,
            title=_title,
            body=_body,
            url=_url,
        )
    )
