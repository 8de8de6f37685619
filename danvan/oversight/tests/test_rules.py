"""Who may do what, as role × state tables: answering, verifying, editing a recommendation;
recording, concluding and self-reporting on an inspection; the team's window."""

import datetime as dt

import pytest

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.oversight import rules
from danvan.oversight.models import (
    AnswerKind,
    InspectionStatus,
    Recommendation,
    RecommendationStatus,
    TeamRole,
)
from danvan.oversight.recommendations import services
from danvan.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

STATES = ["open", "overdue", "answered", "done", "not_accepted"]


def _person(role, unit):
    user = UserFactory()
    grant(user, role, unit)
    return user


@pytest.fixture
def people(cast, ov):
    """The issuer's side (the Department), the addressee's side (commune A), others."""
    return {
        "issuer_official": ov.organiser,
        "issuer_viewer": _person(Role.VIEWER, ov.home_affairs),
        "addressee_official": cast.official_a,
        "addressee_leader": cast.leader_a,
        "addressee_viewer": _person(Role.VIEWER, cast.tree.commune_a),
        "other_commune": cast.official_b,
        "other_province": cast.other_province_officer,
        "province_officer": cast.province_officer,
    }


@pytest.fixture
def in_state(cast, ov, recommend):
    def make(state: str) -> Recommendation:
        rec = recommend(
            actor=ov.organiser,
            issuer=ov.home_affairs,
            source_kind="oversight.inspection",
            issued_on=TODAY - dt.timedelta(days=30),
            due_date=TODAY + dt.timedelta(days=5),
        )
        if state == "overdue":
            Recommendation.objects.filter(pk=rec.pk).update(
                status=RecommendationStatus.OVERDUE, due_date=TODAY - dt.timedelta(days=1)
            )
        if state in ("answered", "done", "not_accepted"):
            kind = AnswerKind.DECLINED if state == "not_accepted" else AnswerKind.DONE
            services.recommendation_answer(
                actor=cast.leader_a, recommendation=rec, kind=kind, text="x"
            )
        if state in ("done", "not_accepted"):
            services.recommendation_verify(actor=ov.organiser, recommendation=rec)
        rec.refresh_from_db()
        assert rec.status == state
        return rec

    return make


# who → the states in which they may answer / verify / edit
ANSWER = {
    "addressee_official": {"open", "overdue"},
    "addressee_leader": {"open", "overdue"},
    "province_officer": {"open", "overdue"},  # a grant over the province covers the commune
}
VERIFY = {"issuer_official": {"answered"}, "province_officer": {"answered"}}
EDIT = {
    "issuer_official": {"open", "overdue", "answered"},
    "province_officer": {"open", "overdue", "answered"},
}


@pytest.mark.parametrize("state", STATES)
def test_recommendation_table(people, in_state, state):
    rec = in_state(state)
    for who, user in people.items():
        assert rules.can_answer(user, rec) == (state in ANSWER.get(who, set())), (who, state)
        assert rules.can_verify(user, rec) == (state in VERIFY.get(who, set())), (who, state)
        assert rules.can_edit(user, rec) == (state in EDIT.get(who, set())), (who, state)


def test_the_author_of_the_answer_never_verifies_it(cast, ov, in_state):
    rec = in_state("open")
    services.recommendation_answer(
        actor=cast.province_officer, recommendation=rec, kind="done", text="x"
    )
    rec.refresh_from_db()
    assert not rules.can_verify(cast.province_officer, rec)
    assert rules.can_verify(ov.organiser, rec)


INSPECTION_STATES = ["planned", "notified", "in_progress", "concluded"]
# who → states in which they may record (notice, records, findings) / conclude / self-report
RECORD = {
    "organiser": {"planned", "notified", "in_progress"},
    "director": {"planned", "notified", "in_progress"},
    "head_from_elsewhere": {"notified", "in_progress"},
}
CONCLUDE = {"director": {"notified", "in_progress"}}
SELF_REPORT = {
    "inspected_official": {"notified", "in_progress"},
    "inspected_leader": {"notified", "in_progress"},
}


@pytest.mark.parametrize("state", INSPECTION_STATES)
def test_inspection_table(cast, ov, director, inspection, state):
    head = _person(Role.OFFICIAL, cast.tree.other_province)
    inspection.members.filter(role=TeamRole.HEAD).update(user=head)
    inspection.status = state
    inspection.save(update_fields=["status"])
    who = {
        "organiser": ov.organiser,
        "director": director,
        "head_from_elsewhere": head,
        "invited_member": ov.invited,
        "inspected_official": cast.official_a,
        "inspected_leader": cast.leader_a,
        "other_commune": cast.official_b,
    }
    for name, user in who.items():
        assert rules.can_record(user, inspection) == (state in RECORD.get(name, set())), (
            name,
            state,
        )
        assert rules.can_conclude(user, inspection) == (state in CONCLUDE.get(name, set())), (
            name,
            state,
        )
        assert rules.can_self_report(user, inspection) == (state in SELF_REPORT.get(name, set())), (
            name,
            state,
        )


@pytest.mark.parametrize(
    "window,reads",
    [((-5, 5), True), ((-5, 0), True), ((0, 0), True), ((-5, -1), False), ((1, 5), False)],
)
def test_the_team_window_is_inclusive_and_nothing_more(ov, inspection, window, reads):
    from danvan.accounts import access
    from danvan.oversight.models import Inspection

    inspection.status = InspectionStatus.NOTIFIED
    inspection.save(update_fields=["status"])
    inspection.members.filter(user=ov.invited).update(
        valid_from=TODAY + dt.timedelta(days=window[0]),
        valid_until=TODAY + dt.timedelta(days=window[1]),
    )
    assert access.scope(ov.invited, Inspection.objects.filter(pk=inspection.pk)).exists() == reads
