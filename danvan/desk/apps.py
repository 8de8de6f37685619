from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The staff start page and the demo: they read every module, so they sit above them all."""

    name = "danvan.desk"
    label = "desk"
    verbose_name = _("Start page")
