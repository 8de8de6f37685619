"""The known figures the reports app registers itself: plans issued and tasks done."""

from django.utils.translation import gettext_lazy as _

from danvan.reports import sources


def register_plan_figures() -> None:
    from danvan.plans import selectors

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
