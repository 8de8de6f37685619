"""Demo reception, voter petitions and dialogue: created once, left alone the second time."""

import pytest

from danvan.core.demo import DemoContext
from danvan.petitions.models import (
    DialogueConference,
    ReceptionMatter,
    ReceptionSchedule,
    ReceptionSession,
    VoterPetition,
)
from danvan.petitions.reception import demo as meeting_demo

pytestmark = pytest.mark.django_db


def _ctx(cast):
    return DemoContext(
        province=cast.tree.province,
        commune_a=cast.tree.commune_a,
        commune_b=cast.tree.commune_b,
        users={
            "canbo.truongson": cast.official_a,
            "lanhdao.truongson": cast.leader_a,
            "canbo.kimphu": cast.official_b,
        },
    )


def test_demo_is_idempotent(cast):
    meeting_demo.populate(_ctx(cast))
    counts = (
        ReceptionSchedule.objects.count(),
        ReceptionSession.objects.count(),
        ReceptionMatter.objects.count(),
        VoterPetition.objects.count(),
        DialogueConference.objects.count(),
    )
    assert counts == (2, 2, 2, 3, 1)
    assert ReceptionMatter.objects.filter(case__isnull=False).count() == 1
    assert VoterPetition.objects.filter(is_published=True).count() == 1
    conference = DialogueConference.objects.get()
    assert conference.plan is not None and conference.issues.filter(task__isnull=False).count() == 1
    meeting_demo.populate(_ctx(cast))
    assert counts == (
        ReceptionSchedule.objects.count(),
        ReceptionSession.objects.count(),
        ReceptionMatter.objects.count(),
        VoterPetition.objects.count(),
        DialogueConference.objects.count(),
    )
