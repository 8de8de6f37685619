"""Fixtures of the reception, voter-petition and dialogue tests."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.petitions.reception import services as meeting_services


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def session_a(cast, today):
    """A reception session held today by commune A's People's Committee."""
    return meeting_services.session_record(
        actor=cast.official_a,
        unit=cast.tree.ubnd_a,
        held_on=today,
        receiver="Chủ tịch UBND xã Lê Văn Lãnh",
        place="Trụ sở UBND xã",
        individuals=3,
        groups=1,
        group_members=5,
    )


@pytest.fixture
def meeting_a(cast, today):
    """A voter-contact meeting held in commune A ten days ago."""
    return meeting_services.voter_meeting_record(
        actor=cast.official_a,
        unit=cast.tree.commune_a,
        held_on=today - dt.timedelta(days=10),
        place="Nhà văn hóa thôn Đông",
        deputies="Đại biểu Nguyễn Văn A\nĐại biểu Trần Thị B",
        voters=120,
    )


@pytest.fixture
def petition_a(cast, meeting_a):
    return meeting_services.voter_petition_add(
        actor=cast.official_a, meeting=meeting_a, content="Đề nghị sửa đường liên thôn Đông"
    )


@pytest.fixture
def forwarded_a(cast, petition_a, today):
    """The petition forwarded to commune A's People's Committee five days ago."""
    return meeting_services.voter_petition_forward(
        actor=cast.official_a,
        petition=petition_a,
        agency=cast.tree.ubnd_a,
        forwarded_on=today - dt.timedelta(days=5),
    )


@pytest.fixture
def conference_a(cast, today):
    return meeting_services.dialogue_record(
        actor=cast.official_a,
        unit=cast.tree.ubnd_a,
        held_on=today,
        topic="Đối thoại về giải phóng mặt bằng",
        chaired_by="Chủ tịch UBND xã",
        participants=80,
    )
