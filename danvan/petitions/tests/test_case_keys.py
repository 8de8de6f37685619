"""Key rotation end to end: old cases are still found by tracking code and as duplicates,
identities still open; a missing key is an honest error, not an empty identity."""

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.core import keys
from danvan.core.keys import KeyUnavailable
from danvan.core.models import KeyCanary
from danvan.petitions.cases import selectors as case_selectors
from danvan.petitions.cases import services as case_services

pytestmark = pytest.mark.django_db

PHONE = "0912 345 678"


@pytest.fixture
def old_key(settings):
    key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [key]
    return key


def test_rotation_keeps_old_cases_findable_and_readable(old_key, settings, make_case, cast):
    proposal = make_case(kind="proposal", petitioner_name="Trần Văn Dân", petitioner_phone=PHONE)
    denunciation = make_case(
        kind="denunciation",
        petitioner_name="Lê Thị Tố",
        petitioner_phone="0987 000 111",
        content="Tố cáo việc thu tiền sai quy định",
    )
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]  # rotation as documented

    found = case_selectors.public_lookup(proposal.tracking_code, PHONE)
    assert found is not None and found.pk == proposal.pk
    duplicates = case_selectors.likely_duplicates(
        cast.official_a, name="tran van dan", content=proposal.content
    )
    assert proposal.pk in [case.pk for case, _score in duplicates]
    identity = case_services.identity_read(actor=cast.official_a, case=denunciation)
    assert identity["name"] == "Lê Thị Tố"

    later = make_case(kind="denunciation", petitioner_name="Người Mới", petitioner_phone=PHONE)
    assert case_services.read_identity_unaudited(later)["name"] == "Người Mới"
    fingerprints = set(
        KeyCanary.objects.filter(purpose="field").values_list("fingerprint", flat=True)
    )
    assert fingerprints == {keys.fingerprint(old_key), keys.fingerprint(new_key)}
    assert keys.problems() == []

    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key left out too early
    problems = keys.problems()
    assert len(problems) == 1 and keys.fingerprint(old_key) in problems[0]


def test_a_missing_key_is_an_error_and_the_read_is_not_audited(
    old_key, settings, make_case, cast, client_for
):
    denunciation = make_case(
        kind="denunciation", petitioner_name="Lê Thị Tố", petitioner_phone=PHONE
    )
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # var/field_key lost
    with pytest.raises(KeyUnavailable):
        case_services.identity_read(actor=cast.official_a, case=denunciation)
    assert not AuditEntry.objects.filter(action="case.identity_read").exists()
    response = client_for(cast.official_a).post(
        reverse("petitions:case-identity", args=[denunciation.pk])
    )
    assert response.status_code == 503
    assert "Lê Thị Tố" not in response.content.decode()
