"""Every "who may" of petitions as a role × state table: each row is a person of the shared
cast (or a viewer of commune A), each column a state of the object, each cell what the page
offers and the service allows."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.tests.factories import UserFactory, grant
from danvan.petitions.cases import rules as case_rules
from danvan.petitions.cases import services as case_services
from danvan.petitions.reception import rules as reception_rules
from danvan.petitions.reception import services as reception_services

pytestmark = pytest.mark.django_db

PEOPLE = ("official_a", "leader_a", "viewer_a", "official_b", "province", "other_province")


def today():
    return timezone.localdate()


@pytest.fixture
def people(cast):
    viewer = UserFactory(username="viewer_a", home_unit=cast.tree.commune_a)
    grant(viewer, Role.VIEWER, cast.tree.commune_a)
    return {
        "official_a": cast.official_a,
        "leader_a": cast.leader_a,
        "viewer_a": viewer,
        "official_b": cast.official_b,
        "province": cast.province_officer,
        "other_province": cast.other_province_officer,
    }


@pytest.fixture
def cases(make_case, cast):
    """A case of commune A in each state (received by its official, who handles it)."""
    received = make_case()
    accepted = case_services.case_accept(
        actor=cast.official_a, case=make_case(), accepted_on=today()
    )
    resolved = case_services.case_resolve(
        actor=cast.official_a,
        case=case_services.case_accept(
            actor=cast.official_a, case=make_case(), accepted_on=today()
        ),
        decision_number="1/QĐ",
        decision_date=today(),
        content="Giữ nguyên",
    )
    refused = case_services.case_refuse(actor=cast.official_a, case=make_case(), reason="Sai")
    denunciation = make_case(kind="denunciation", is_complex=True, petitioner_name="Tố Giác")
    being_resolved = case_services.case_accept(
        actor=cast.official_a,
        case=make_case(kind="denunciation", is_complex=True, petitioner_name="Người Khác"),
        accepted_on=today(),
    )
    lapsed = make_case(received_on=today() - dt.timedelta(days=80))
    return {
        "received": received,
        "accepted": accepted,
        "resolved": resolved,
        "refused": refused,
        "denunciation": denunciation,
        "denunciation_accepted": being_resolved,
        "lapsed": lapsed,
    }


def _table(predicate, people, cases, columns):
    return {who: tuple(predicate(people[who], cases[state]) for state in columns) for who in PEOPLE}


Y, N = True, False
STATES = ("received", "accepted", "resolved", "refused")


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (
            case_rules.can_view,
            {
                "official_a": (Y, Y, Y, Y),
                "leader_a": (Y, Y, Y, Y),
                "viewer_a": (Y, Y, Y, Y),
                "official_b": (N, N, N, N),
                "province": (Y, Y, Y, Y),
                "other_province": (N, N, N, N),
            },
        ),
        (
            case_rules.can_accept,
            {
                "official_a": (Y, N, N, N),
                "leader_a": (Y, N, N, N),
                "viewer_a": (N, N, N, N),
                "official_b": (N, N, N, N),
                "province": (Y, N, N, N),
                "other_province": (N, N, N, N),
            },
        ),
        (case_rules.can_forward, "same as can_accept"),
        (case_rules.can_refuse, "same as can_accept"),
        (
            case_rules.can_resolve,
            {
                "official_a": (N, Y, N, N),
                "leader_a": (N, Y, N, N),
                "viewer_a": (N, N, N, N),
                "official_b": (N, N, N, N),
                "province": (N, Y, N, N),
                "other_province": (N, N, N, N),
            },
        ),
        (
            case_rules.can_edit,
            {
                "official_a": (Y, Y, N, N),
                "leader_a": (Y, Y, N, N),
                "viewer_a": (N, N, N, N),
                "official_b": (N, N, N, N),
                "province": (Y, Y, N, N),
                "other_province": (N, N, N, N),
            },
        ),
        (
            case_rules.can_publish,
            {
                "official_a": (N, N, Y, N),
                "leader_a": (N, N, Y, N),
                "viewer_a": (N, N, N, N),
                "official_b": (N, N, N, N),
                "province": (N, N, Y, N),
                "other_province": (N, N, N, N),
            },
        ),
        (
            case_rules.can_hide,
            {
                "official_a": (N, N, N, N),
                "leader_a": (Y, Y, Y, Y),
                "viewer_a": (N, N, N, N),
                "official_b": (N, N, N, N),
                "province": (Y, Y, Y, Y),
                "other_province": (N, N, N, N),
            },
        ),
        (
            case_rules.can_escalate,
            {
                "official_a": (N, N, Y, N),
                "leader_a": (N, N, Y, N),
                "viewer_a": (N, N, N, N),
                # another commune's official may receive a second complaint in its own unit
                "official_b": (N, N, Y, N),
                "province": (N, N, Y, N),
                "other_province": (N, N, Y, N),
            },
        ),
    ],
)
def test_case_actions_by_role_and_status(people, cases, predicate, expected):
    if expected == "same as can_accept":
        expected = _table(case_rules.can_accept, people, cases, STATES)
    assert _table(predicate, people, cases, STATES) == expected


def test_denunciation_actions_by_role(people, cases):
    """A denunciation: more time to accept (Luật Tố cáo 2018, Điều 24) before acceptance, an
    extension of a complex one (Điều 30) after; its identity only for its handler."""
    columns = ("denunciation", "denunciation_accepted", "received")
    assert _table(case_rules.can_extend_acceptance, people, cases, columns) == {
        "official_a": (Y, N, N),
        "leader_a": (Y, N, N),
        "viewer_a": (N, N, N),
        "official_b": (N, N, N),
        "province": (Y, N, N),
        "other_province": (N, N, N),
    }
    assert _table(case_rules.can_extend, people, cases, columns) == {
        "official_a": (N, Y, N),
        "leader_a": (N, Y, N),
        "viewer_a": (N, N, N),
        "official_b": (N, N, N),
        "province": (N, Y, N),
        "other_province": (N, N, N),
    }
    assert _table(case_rules.can_grant_identity, people, cases, columns) == {
        "official_a": (N, N, N),
        "leader_a": (Y, Y, N),
        "viewer_a": (N, N, N),
        "official_b": (N, N, N),
        "province": (Y, Y, N),
        "other_province": (N, N, N),
    }
    # Luật Tố cáo 2018, Điều 47: only the handler (who received it) reads who denounced
    assert _table(case_rules.can_read_identity, people, cases, columns) == {
        "official_a": (Y, Y, N),
        "leader_a": (N, N, N),
        "viewer_a": (N, N, N),
        "official_b": (N, N, N),
        "province": (N, N, N),
        "other_province": (N, N, N),
    }
    assert _table(case_rules.can_see_duplicates, people, cases, columns) == {
        "official_a": (Y, Y, Y),
        "leader_a": (N, N, Y),
        "viewer_a": (N, N, Y),
        "official_b": (N, N, Y),
        "province": (N, N, Y),
        "other_province": (N, N, Y),
    }


def test_a_lapsed_first_level_complaint_may_go_to_the_second_level(people, cases):
    """Luật Khiếu nại 2011, Điều 33: the first level's time ran out without a decision."""
    assert case_rules.can_escalate(people["province"], cases["lapsed"])
    assert not case_rules.can_escalate(people["province"], cases["received"])
    assert not case_rules.can_escalate(people["viewer_a"], cases["lapsed"])


def test_identity_granted_by_a_leader_opens_it(people, cases, cast):
    case = cases["denunciation"]
    assert not case_rules.can_read_identity(cast.leader_a, case)
    case_services.identity_grant(
        actor=cast.leader_a, case=case, user=cast.leader_a, reason="Chủ tịch giải quyết"
    )
    assert case_rules.can_read_identity(cast.leader_a, case)
    assert not case_rules.can_read_identity(cast.province_officer, case)


def test_only_administrators_edit_the_time_limits(people, cast):
    assert {who: case_rules.can_edit_limits(people[who]) for who in PEOPLE} == dict.fromkeys(
        PEOPLE, False
    )
    cast.admin.is_superuser = True
    assert case_rules.can_edit_limits(cast.admin)


# -- reception, voter petitions, dialogues --------------------------------------------------------


@pytest.fixture
def petitions(cast, meeting_a):
    new = reception_services.voter_petition_add(
        actor=cast.official_a, meeting=meeting_a, content="Sửa đường"
    )
    forwarded = reception_services.voter_petition_forward(
        actor=cast.official_a,
        petition=reception_services.voter_petition_add(
            actor=cast.official_a, meeting=meeting_a, content="Sửa cầu"
        ),
        agency=cast.tree.commune_b,
        forwarded_on=today(),
    )
    answered = reception_services.voter_petition_answer(
        actor=cast.official_b,
        petition=reception_services.voter_petition_forward(
            actor=cast.official_a,
            petition=reception_services.voter_petition_add(
                actor=cast.official_a, meeting=meeting_a, content="Điện"
            ),
            agency=cast.tree.commune_b,
            forwarded_on=today(),
        ),
        answer="Đã làm",
        answered_on=today(),
    )
    return {"new": new, "forwarded": forwarded, "answered": answered}


PETITION_STATES = ("new", "forwarded", "answered")


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (
            reception_rules.can_forward_petition,
            {
                "official_a": (Y, Y, N),
                "leader_a": (Y, Y, N),
                "viewer_a": (N, N, N),
                "official_b": (N, N, N),
                "province": (Y, Y, N),
                "other_province": (N, N, N),
            },
        ),
        (reception_rules.can_edit_petition, "same as can_forward_petition"),
        (
            # the organising unit, or the agency it was forwarded to (commune B)
            reception_rules.can_record_answer,
            {
                "official_a": (N, Y, N),
                "leader_a": (N, Y, N),
                "viewer_a": (N, N, N),
                "official_b": (N, Y, N),
                "province": (N, Y, N),
                "other_province": (N, N, N),
            },
        ),
        (
            reception_rules.can_publish_petition,
            {
                "official_a": (N, N, Y),
                "leader_a": (N, N, Y),
                "viewer_a": (N, N, N),
                "official_b": (N, N, N),
                "province": (N, N, Y),
                "other_province": (N, N, N),
            },
        ),
    ],
)
def test_voter_petition_actions_by_role_and_state(people, petitions, predicate, expected):
    if expected == "same as can_forward_petition":
        expected = _table(reception_rules.can_forward_petition, people, petitions, PETITION_STATES)
    assert _table(predicate, people, petitions, PETITION_STATES) == expected


def test_sessions_and_conferences_by_role(people, session_a, conference_a):
    objects = {"session": session_a, "conference": conference_a}
    assert _table(reception_rules.can_manage, people, objects, ("session", "conference")) == {
        "official_a": (Y, Y),
        "leader_a": (Y, Y),
        "viewer_a": (N, N),
        "official_b": (N, N),
        "province": (Y, Y),
        "other_province": (N, N),
    }
    assert _table(reception_rules.can_view, people, objects, ("session", "conference")) == {
        "official_a": (Y, Y),
        "leader_a": (Y, Y),
        "viewer_a": (Y, Y),
        "official_b": (N, N),
        "province": (Y, Y),
        "other_province": (N, N),
    }
    # a commitment becomes a plan task: whoever issues plans of the unit (not an official)
    assert {who: reception_rules.can_make_tasks(people[who], conference_a) for who in PEOPLE} == {
        "official_a": N,
        "leader_a": Y,
        "viewer_a": N,
        "official_b": N,
        "province": Y,
        "other_province": N,
    }
    assert {who: reception_rules.can_record(people[who]) for who in PEOPLE} == {
        "official_a": Y,
        "leader_a": Y,
        "viewer_a": N,
        "official_b": Y,
        "province": Y,
        "other_province": Y,
    }
