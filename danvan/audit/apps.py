from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "danvan.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from danvan.audit import hooks

        hooks.register()
