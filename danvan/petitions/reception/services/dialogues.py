"""Dialogue conferences between a unit's head and the people, the issues raised and the
commitments made: a commitment becomes a task of an issued plan (``plans``), followed like any
other task."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.petitions.models import DialogueConference, DialogueIssue
from danvan.petitions.reception.rules import MANAGE, VIEW, can_make_tasks
from danvan.petitions.reception.services.common import (
    LINE_MAX,
    PLACE_MAX,
    TEXT_MAX,
    clean_count,
    clean_past_date,
    require_unit,
    show_date,
)
from danvan.units.models import OrgUnit

COMMITMENT_YEARS = 2  # a commitment's deadline at most this many years after the conference
PLAN_SYMBOL = "KH-ĐT"


@transaction.atomic
def dialogue_record(
    *,
    actor: User,
    unit: OrgUnit | None,
    held_on: dt.date,
    topic: str,
    chaired_by: str,
    place: str = "",
    participants: int = 0,
    note: str = "",
) -> DialogueConference:
    unit = require_unit(actor, unit)
    conference = DialogueConference.objects.create(
        unit=unit,
        recorded_by=actor,
        **_clean_conference(
            held_on=held_on,
            topic=topic,
            chaired_by=chaired_by,
            place=place,
            participants=participants,
            note=note,
        ),
    )
    audit.record(actor, "dialogue.recorded", conference, after=audit.snapshot(conference))
    return conference


def _clean_conference(*, held_on, topic, chaired_by, place, participants, note) -> dict:
    return {
        "held_on": clean_past_date(held_on, field="held_on", label=_("date of the conference")),
        "topic": clean_text(
            topic, field="topic", label=_("topic"), max_length=300, required=True, one_line=True
        ),
        "chaired_by": clean_text(
            chaired_by,
            field="chaired_by",
            label=_("chaired by"),
            max_length=LINE_MAX,
            required=True,
        ),
        "place": clean_text(place, field="place", label=_("place"), max_length=PLACE_MAX),
        "participants": clean_count(
            participants, field="participants", label=_("people attending")
        ),
        "note": clean_text(note, field="note", label=_("note"), max_length=TEXT_MAX),
    }


@transaction.atomic
def dialogue_update(
    *,
    actor: User,
    conference: DialogueConference,
    held_on: dt.date,
    topic: str,
    chaired_by: str,
    place: str = "",
    participants: int = 0,
    note: str = "",
    version: int | None = None,
) -> DialogueConference:
    """Correct what was recorded of a conference (its unit stays); a stale save is refused. A
    commitment's deadline may not fall before the new date."""
    access.require(actor, MANAGE, conference)
    fields = _clean_conference(
        held_on=held_on,
        topic=topic,
        chaired_by=chaired_by,
        place=place,
        participants=participants,
        note=note,
    )
    conference = lock(conference)
    check_version(conference, version)
    if conference.issues.filter(due_date__lt=fields["held_on"]).exists():
        raise ValidationFailed(
            _("A commitment of this conference is due before %(date)s: keep the date.")
            % {"date": show_date(fields["held_on"])},
            field="held_on",
        )
    before = audit.snapshot(conference)
    for name, value in fields.items():
        setattr(conference, name, value)
    bump(conference)
    conference.save()
    audit.record(
        actor, "dialogue.changed", conference, before=before, after=audit.snapshot(conference)
    )
    return conference


def _check_commitment(conference: DialogueConference, committed_unit, due_date) -> None:
    from danvan.plans import services as plan_services

    if committed_unit is None:
        raise ValidationFailed(
            _("Choose the unit in charge of the commitment."), field="committed_unit"
        )
    territory = plan_services.territory_of(conference.unit)
    if not committed_unit.path.startswith(territory.path) or not committed_unit.is_active:
        raise ValidationFailed(
            _("Choose an active unit of %(territory)s.") % {"territory": territory.name},
            field="committed_unit",
        )
    if not isinstance(due_date, dt.date):
        raise ValidationFailed(_("Enter the deadline of the commitment."), field="due_date")
    if due_date < conference.held_on:
        raise ValidationFailed(
            _("The deadline cannot be before the conference (%(date)s).")
            % {"date": show_date(conference.held_on)},
            field="due_date",
        )
    if due_date.year > conference.held_on.year + COMMITMENT_YEARS:
        raise ValidationFailed(
            _("The deadline must be in %(last)d at the latest.")
            % {"last": conference.held_on.year + COMMITMENT_YEARS},
            field="due_date",
        )


@transaction.atomic
def dialogue_issue_add(
    *,
    actor: User,
    conference: DialogueConference,
    content: str,
    raised_by: str = "",
    response: str = "",
    commitment: str = "",
    committed_unit: OrgUnit | None = None,
    due_date: dt.date | None = None,
) -> DialogueIssue:
    """An issue raised, the answer given and any commitment. A commitment becomes a plan task
    at once when the actor may issue plans of the conference's unit; otherwise a leader turns
    it into a task later (``dialogue_issue_make_task``)."""
    access.require(actor, MANAGE, conference)
    issue = DialogueIssue(
        conference=conference,
        content=clean_text(
            content, field="content", label=_("issue raised"), max_length=TEXT_MAX, required=True
        ),
        raised_by=clean_text(
            raised_by, field="raised_by", label=_("raised by"), max_length=LINE_MAX
        ),
        response=clean_text(
            response, field="response", label=_("answer given"), max_length=TEXT_MAX
        ),
        commitment=clean_text(
            commitment, field="commitment", label=_("commitment"), max_length=TEXT_MAX
        ),
    )
    if issue.commitment:
        _check_commitment(conference, committed_unit, due_date)
        issue.committed_unit, issue.due_date = committed_unit, due_date
    elif committed_unit is not None or due_date is not None:
        raise ValidationFailed(
            _("Write the commitment made, or leave its unit and deadline empty."),
            field="commitment",
        )
    issue.save()
    audit.record(actor, "dialogue.issue_added", issue, after=audit.snapshot(issue))
    if issue.commitment and can_make_tasks(actor, conference):
        _make_task(actor, issue)
    return issue


def _commitment_plan(actor: User, conference: DialogueConference):
    """The issued plan holding the conference's commitments, created on first need."""
    from danvan.plans import services as plan_services

    conference = DialogueConference.objects.select_for_update().get(pk=conference.pk)
    if conference.plan_id:
        return conference, conference.plan
    plan = plan_services.plan_create(
        actor=actor,
        unit=conference.unit,
        title=(
            _("Carrying out the commitments of the dialogue conference of %(date)s: %(topic)s")
            % {"date": show_date(conference.held_on), "topic": conference.topic}
        )[:500],
        period_start=conference.held_on.year,
        period_end=conference.held_on.year + COMMITMENT_YEARS,
        standard_sections=False,
    )
    return conference, plan


def _issue_plan(actor: User, conference: DialogueConference, plan):
    from danvan.plans import services as plan_services

    number = str(conference.pk)
    for attempt in range(5):
        try:
            return plan_services.plan_issue(
                actor=actor,
                plan=plan,
                number=number if attempt == 0 else f"{number}.{attempt}",
                symbol=PLAN_SYMBOL,
                issued_on=conference.held_on,
            )
        except ConflictError as exc:
            if exc.code != "duplicate_number":
                raise
    raise ConflictError(_("The plan of the commitments could not be numbered."))


def _make_task(actor: User, issue: DialogueIssue) -> DialogueIssue:
    from danvan.plans import services as plan_services

    conference, plan = _commitment_plan(actor, issue.conference)
    fresh = plan.status == "draft"
    task = plan_services.task_create(
        actor=actor,
        plan=plan,
        section=None,
        content=issue.commitment,
        lead_units=[issue.committed_unit],
        deadline_kind="date",
        due_date=issue.due_date,
        expected_output=(_("Issue raised: %(issue)s") % {"issue": issue.content})[:2000],
        reason="" if fresh else _("A commitment of the dialogue conference added"),
    )
    if fresh:
        plan = _issue_plan(actor, conference, plan)
        task.plan = plan
        conference.plan = plan
        conference.save(update_fields=["plan"])
    issue.task = task
    issue.save(update_fields=["task"])
    audit.record(actor, "dialogue.commitment_task", issue, after={"task": task.pk, "plan": plan.pk})
    return issue


@transaction.atomic
def dialogue_issue_make_task(*, actor: User, issue: DialogueIssue) -> DialogueIssue:
    """Turn a recorded commitment into a task of the conference's plan (once)."""
    from danvan.plans.rules import ISSUE

    access.require(actor, VIEW, issue.conference)
    access.require(actor, ISSUE, issue.conference.unit)
    issue = (
        DialogueIssue.objects.select_for_update(of=("self",))
        .select_related("conference", "committed_unit")
        .get(pk=issue.pk)
    )
    if not issue.commitment:
        raise ConflictError(_("No commitment was made on this issue."), code="no_commitment")
    if issue.task_id:
        raise ConflictError(_("This commitment is already a task."), code="already_task")
    return _make_task(actor, issue)
