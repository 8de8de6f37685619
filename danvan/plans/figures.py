"""The figures plans knows, offered to periodic reports (``danvan.reports.sources``)."""

from django.utils.translation import gettext_lazy as _

from danvan.plans import selectors
from danvan.reports import sources


def register() -> None:
    sources.register(
        sources.KnownFigure(
            key="plans.issued",
            label=_("Plans issued"),
            unit=_("plans"),
            compute=selectors.count_plans_issued,
        )
    )
    sources.register(
        sources.KnownFigure(
            key="plans.tasks_done",
            label=_("Plan tasks done"),
            unit=_("tasks"),
            compute=selectors.count_tasks_done,
        )
    )
