from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "danvan.oversight"
    label = "oversight"
    verbose_name = _("Inspections, supervision and critique")

    def ready(self) -> None:
        from danvan.oversight import hooks

        hooks.register()
