from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = _("Grassroots democracy")

    def ready(self) -> None:
        from danvan.democracy import hooks

        hooks.register()
