from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "danvan.exemplars"
    label = "exemplars"
    verbose_name = _("“Dân vận khéo” models")

    def ready(self) -> None:
        from danvan.exemplars import hooks

        hooks.register()
