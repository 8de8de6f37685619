from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from danvan.accounts import access
        from danvan.accounts.models import Role

        # Registering and correcting legal documents: those who write plans citing them.
        # Reading needs no permission: every logged-in user reads the registry (selectors.py).
        access.register("documents.manage", {Role.OFFICIAL, Role.LEADER, Role.BDV_OFFICER})
