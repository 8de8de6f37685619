import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
