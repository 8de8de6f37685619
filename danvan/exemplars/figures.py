"""The figures the exemplars app knows, offered to periodic reports (``danvan.reports.sources``)."""

from django.utils.translation import gettext_lazy as _

from danvan.exemplars import selectors
from danvan.reports import sources


def register() -> None:
    for key, label, compute in (
        (
            "exemplars.registered",
            _("“Dân vận khéo” models and exemplars registered"),
            selectors.count_registered,
        ),
        (
            "exemplars.recognised",
            _("“Dân vận khéo” models and exemplars recognised"),
            selectors.count_recognised,
        ),
        (
            "exemplars.commended",
            _("“Dân vận khéo” models and exemplars commended"),
            selectors.count_commended,
        ),
    ):
        sources.register(
            sources.KnownFigure(key=key, label=label, unit=_("models"), compute=compute)
        )
