from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "danvan.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from danvan.plans import hooks

        hooks.register()
