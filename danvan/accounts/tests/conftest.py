import pytest


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings (the interface defaults to Vietnamese)."""
    settings.LANGUAGE_CODE = "en"
