"""Figures the quarterly and yearly grassroots-democracy report of a commune pre-fills
(``reports.sources``): what the units of a subtree disclosed, what their villages decided and
how, the consultations and comments, the boards' activities. Complaints received come from the
petitions app's own figure (``petitions.cases_received``).

Each counts what happened from ``start`` to ``end`` (dates, both included) in the subtree of
``unit_path``, whoever asks.
"""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.democracy.models import (
    Activity,
    ActivityKind,
    Comment,
    Consultation,
    ConsultationStatus,
    DecisionForm,
    Disclosure,
    Finding,
    FindingStatus,
    Matter,
    MatterStatus,
)

DECIDED = (
    MatterStatus.DECIDED,
    MatterStatus.SENT,
    MatterStatus.RECOGNISED,
    MatterStatus.NOT_RECOGNISED,
)


def _disclosures(unit_path, start, end):
    return Disclosure.objects.filter(
        unit__path__startswith=unit_path, first_posted_on__gte=start, first_posted_on__lte=end
    )


def _matters(unit_path, start, end):
    return Matter.objects.filter(
        village__path__startswith=unit_path,
        status__in=DECIDED,
        held_on__gte=start,
        held_on__lte=end,
    )


def disclosures_made(unit_path: str, start: dt.date, end: dt.date) -> int:
    return _disclosures(unit_path, start, end).count()


def disclosures_late(unit_path: str, start: dt.date, end: dt.date) -> int:
    return _disclosures(unit_path, start, end).filter(Q(is_late=True) | Q(is_short=True)).count()


def matters_decided(unit_path: str, start: dt.date, end: dt.date) -> int:
    return _matters(unit_path, start, end).count()


def matters_passed(unit_path: str, start: dt.date, end: dt.date) -> int:
    return _matters(unit_path, start, end).filter(passed=True).count()


def _by_form(form):
    def compute(unit_path: str, start: dt.date, end: dt.date) -> int:
        return _matters(unit_path, start, end).filter(form=form).count()

    return compute


def consultations_held(unit_path: str, start: dt.date, end: dt.date) -> int:
    return (
        Consultation.objects.filter(
            unit__path__startswith=unit_path, opens_on__gte=start, opens_on__lte=end
        )
        .exclude(status=ConsultationStatus.DRAFT)
        .count()
    )


def comments_received(unit_path: str, start: dt.date, end: dt.date) -> int:
    return Comment.objects.filter(
        consultation__unit__path__startswith=unit_path,
        received_on__gte=start,
        received_on__lte=end,
        is_hidden=False,
    ).count()


def board_activities(unit_path: str, start: dt.date, end: dt.date) -> int:
    return Activity.objects.filter(
        board__unit__path__startswith=unit_path,
        held_on__gte=start,
        held_on__lte=end,
        kind__in=[ActivityKind.INSPECTION, ActivityKind.SUPERVISION],
    ).count()


def recommendations_made(unit_path: str, start: dt.date, end: dt.date) -> int:
    return Finding.objects.filter(
        activity__board__unit__path__startswith=unit_path,
        activity__held_on__gte=start,
        activity__held_on__lte=end,
    ).count()


def recommendations_done(unit_path: str, start: dt.date, end: dt.date) -> int:
    return Finding.objects.filter(
        activity__board__unit__path__startswith=unit_path,
        status=FindingStatus.DONE,
        closed_on__gte=start,
        closed_on__lte=end,
    ).count()


FIGURES = [
    (
        "democracy.disclosures_made",
        _("Disclosures made (dân biết)"),
        _("disclosures"),
        disclosures_made,
    ),
    (
        "democracy.disclosures_late",
        _("Disclosures posted late or too short a time"),
        _("disclosures"),
        disclosures_late,
    ),
    (
        "democracy.matters_decided",
        _("Matters the villages decided (dân bàn, quyết định)"),
        _("matters"),
        matters_decided,
    ),
    (
        "democracy.matters_passed",
        _("Matters passed by more than half of the households"),
        _("matters"),
        matters_passed,
    ),
    (
        "democracy.village_meetings",
        _("Village meetings held to decide"),
        _("meetings"),
        _by_form(DecisionForm.MEETING),
    ),
    (
        "democracy.matters_ballots",
        _("Matters decided by ballots to households"),
        _("matters"),
        _by_form(DecisionForm.BALLOTS),
    ),
    (
        "democracy.matters_online",
        _("Matters decided by online vote"),
        _("matters"),
        _by_form(DecisionForm.ONLINE),
    ),
    (
        "democracy.consultations",
        _("Consultations of the people (dân tham gia ý kiến)"),
        _("consultations"),
        consultations_held,
    ),
    (
        "democracy.comments",
        _("Comments received in consultations"),
        _("comments"),
        comments_received,
    ),
    (
        "democracy.board_activities",
        _("Inspections and supervisions of the boards (dân kiểm tra, giám sát)"),
        _("activities"),
        board_activities,
    ),
    (
        "democracy.board_recommendations",
        _("Recommendations of the boards"),
        _("recommendations"),
        recommendations_made,
    ),
    (
        "democracy.board_recommendations_done",
        _("Recommendations of the boards carried out"),
        _("recommendations"),
        recommendations_done,
    ),
]


def register() -> None:
    from danvan.reports import sources

    for key, label, unit, compute in FIGURES:
        sources.register(sources.KnownFigure(key=key, label=label, unit=unit, compute=compute))
