from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("Accounts and access")

    def ready(self) -> None:
        from danvan.accounts import access

        # Granting or revoking the administrator role: administrators only (``register``
        # always adds the administrator role), over the units where they hold it.
        access.register("accounts.grant_admin", ())
