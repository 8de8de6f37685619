from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        # Registers the API token scheme with drf-spectacular.
        from danvan.api import schema  # noqa: F401
