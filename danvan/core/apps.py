from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks

        from danvan.core import hooks, storage

        hooks.register()
        checks.register(keys_open_the_data)
        storage.connect_signals()


def keys_open_the_data(app_configs=None, **kwargs):
    """Every management command (runserver, migrate, demo, …) refuses to run while encrypted
    data exists that no configured key opens (danvan/core/keys.py); backup and restore skip
    system checks, so they still work."""
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    from danvan.core.keys import check_at_start

    try:
        check_at_start()
    except ImproperlyConfigured as exc:
        return [checks.Critical(str(exc), id="danvan.E001")]
    return []
