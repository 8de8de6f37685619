"""Shared fixtures of the petitions tests. Cases fixtures go here; reception, voter-petition
and dialogue fixtures live in ``reception_fixtures.py`` (imported below)."""

import re

import pytest
from django.utils import translation

from danvan.petitions.tests.reception_fixtures import *  # noqa: F403


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source strings, whatever the Vietnamese catalogue holds."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def make_case(cast):
    """A case of commune A received by its official (any field of case_receive overridable)."""
    import datetime as dt

    from django.utils import timezone

    from danvan.petitions.cases import services as case_services

    def make(**kwargs):
        values = {
            "actor": cast.official_a,
            "unit": cast.tree.commune_a,
            "kind": "complaint",
            "channel": "post",
            "content": "Khiếu nại việc thu hồi đất của gia đình tại thôn Đông",
            "received_on": timezone.localdate() - dt.timedelta(days=2),
            "petitioner_name": "Nguyễn Văn Dân",
            "petitioner_phone": "0912 345 678",
        }
        values.update(kwargs)
        return case_services.case_receive(**values)

    return make


def names_case(text: str, case) -> bool:
    """Whether a page names ``case``: its reference (not one that merely begins like it, as the
    example 2026-11 in a help text) or a link to it."""
    return bool(re.search(rf"(?<![\d-]){re.escape(case.reference)}(?!\d)", text)) or (
        f"/don-thu/{case.pk}/" in text
    )
