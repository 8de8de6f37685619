"""Writes of citizen reception, voter petitions and dialogue conferences. Every function is
keyword-only, atomic, checks access first and writes the audit trail in the same transaction."""

import datetime as dt

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core import validation
from danvan.core.calendar import work_calendar
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.petitions.models import (
    DialogueConference,
    DialogueIssue,
    MatterOutcome,
    ReceptionMatter,
    ReceptionSchedule,
    ReceptionSession,
    RecurrenceKind,
    SessionKind,
    VoterMeeting,
    VoterPetition,
)
from danvan.petitions.reception.rules import MANAGE, VIEW
from danvan.units.models import Level, OrgUnit

TEXT_MAX = 5000
LINE_MAX = 200
PLACE_MAX = 300
MAX_COUNT = 100_000
VOTER_ANSWER_DAYS = 30  # default answer deadline, calendar days after forwarding
COMMITMENT_YEARS = 2  # a commitment's deadline at most this many years after the conference
PLAN_SYMBOL = "KH-ĐT"


# --- Checks ---------------------------------------------------------------------------------


def clean_count(value, *, field: str, label: str, minimum: int = 0) -> int:
    return validation.clean_count(
        value, field=field, label=label, minimum=minimum, maximum=MAX_COUNT
    )


def show_date(day: dt.date) -> str:
    return formats.date_format(day, "d/m/Y")


def clean_past_date(value, *, field: str, label: str) -> dt.date:
    """A date that has happened: not after today."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ValidationFailed(_("Enter the %(label)s.") % {"label": label}, field=field)
    if value > timezone.localdate():
        raise ValidationFailed(
            _("The %(label)s cannot be later than today.") % {"label": label},
            field=field,
            code="date_in_future",
        )
    if value.year < 1945:
        raise ValidationFailed(
            _("The %(label)s is not a valid date.") % {"label": label}, field=field
        )
    return value


def _require_unit(actor, unit: OrgUnit | None, *, field: str = "unit") -> OrgUnit:
    if unit is None:
        raise ValidationFailed(_("Choose a unit."), field=field)
    access.require(actor, MANAGE, unit)
    if not unit.is_active:
        raise ValidationFailed(
            _("%(unit)s is no longer active.") % {"unit": unit.name}, field=field
        )
    return unit


# --- Reception schedules ------------------------------------------------------------------


@transaction.atomic
def schedule_create(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    weekday: int | None = None,
    day_of_month: int | None = None,
    receiver: str,
    place: str,
    note: str = "",
) -> ReceptionSchedule:
    """A regular reception day of ``unit``'s head: every given weekday, or a day of each month."""
    unit = _require_unit(actor, unit)
    if kind == RecurrenceKind.WEEKLY:
        if weekday is None or not 0 <= int(weekday) <= 6:
            raise ValidationFailed(_("Choose the day of the week."), field="weekday")
        weekday, day_of_month = int(weekday), None
    elif kind == RecurrenceKind.MONTHLY:
        if day_of_month is None or not 1 <= int(day_of_month) <= 31:
            raise ValidationFailed(
                _("Enter a day of the month between 1 and 31."), field="day_of_month"
            )
        weekday, day_of_month = None, int(day_of_month)
    else:
        raise ValidationFailed(_("Choose every week or every month."), field="kind")
    schedule = ReceptionSchedule.objects.create(
        unit=unit,
        kind=kind,
        weekday=weekday,
        day_of_month=day_of_month,
        receiver=clean_text(
            receiver, field="receiver", label=_("who receives"), max_length=LINE_MAX, required=True
        ),
        place=clean_text(
            place, field="place", label=_("place"), max_length=PLACE_MAX, required=True
        ),
        note=clean_text(note, field="note", label=_("note"), max_length=500),
        created_by=actor,
    )
    audit.record(actor, "reception.schedule_created", schedule, after=audit.snapshot(schedule))
    return schedule


@transaction.atomic
def schedule_set_active(
    *, actor, schedule: ReceptionSchedule, is_active: bool
) -> ReceptionSchedule:
    access.require(actor, MANAGE, schedule.unit)
    before = audit.snapshot(schedule, ["is_active"])
    schedule.is_active = bool(is_active)
    schedule.save(update_fields=["is_active"])
    audit.record(
        actor,
        "reception.schedule_changed",
        schedule,
        before=before,
        after=audit.snapshot(schedule, ["is_active"]),
    )
    return schedule


# --- Reception sessions -------------------------------------------------------------------


def _clean_session(
    *, held_on, receiver, place, individuals, groups, group_members, summary
) -> dict:
    held_on = clean_past_date(held_on, field="held_on", label=_("date of the session"))
    individuals = clean_count(individuals, field="individuals", label=_("individuals received"))
    groups = clean_count(groups, field="groups", label=_("number of groups"))
    group_members = clean_count(group_members, field="group_members", label=_("people in groups"))
    if groups and group_members < 2 * groups:
        raise ValidationFailed(
            _("A group has at least 2 people: %(groups)d groups make at least %(min)d people.")
            % {"groups": groups, "min": 2 * groups},
            field="group_members",
        )
    if group_members and not groups:
        raise ValidationFailed(
            _("Enter the number of groups these people came in."), field="groups"
        )
    return {
        "held_on": held_on,
        "receiver": clean_text(
            receiver, field="receiver", label=_("who received"), max_length=LINE_MAX, required=True
        ),
        "place": clean_text(place, field="place", label=_("place"), max_length=PLACE_MAX),
        "individuals": individuals,
        "groups": groups,
        "group_members": group_members,
        "summary": clean_text(
            summary, field="summary", label=_("what was done"), max_length=TEXT_MAX
        ),
    }


@transaction.atomic
def session_record(
    *,
    actor,
    unit: OrgUnit,
    held_on: dt.date,
    receiver: str,
    kind: str = SessionKind.SCHEDULED,
    schedule: ReceptionSchedule | None = None,
    place: str = "",
    individuals: int = 0,
    groups: int = 0,
    group_members: int = 0,
    summary: str = "",
) -> ReceptionSession:
    """A reception session held (today or earlier), with the citizens received."""
    unit = _require_unit(actor, unit)
    if kind not in SessionKind.values:
        raise ValidationFailed(_("Choose scheduled or ad hoc."), field="kind")
    if schedule is not None and schedule.unit_id != unit.pk:
        raise ValidationFailed(_("Choose a regular reception day of this unit."), field="schedule")
    if kind == SessionKind.AD_HOC:
        schedule = None
    fields = _clean_session(
        held_on=held_on,
        receiver=receiver,
        place=place,
        individuals=individuals,
        groups=groups,
        group_members=group_members,
        summary=summary,
    )
    session = ReceptionSession.objects.create(
        unit=unit, schedule=schedule, kind=kind, recorded_by=actor, **fields
    )
    audit.record(actor, "reception.session_recorded", session, after=audit.snapshot(session))
    return session


@transaction.atomic
def session_update(
    *,
    actor,
    session: ReceptionSession,
    held_on: dt.date,
    receiver: str,
    place: str = "",
    individuals: int = 0,
    groups: int = 0,
    group_members: int = 0,
    summary: str = "",
) -> ReceptionSession:
    """Correct what was recorded of a session (its unit and kind stay)."""
    access.require(actor, MANAGE, session)
    fields = _clean_session(
        held_on=held_on,
        receiver=receiver,
        place=place,
        individuals=individuals,
        groups=groups,
        group_members=group_members,
        summary=summary,
    )
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    before = audit.snapshot(session)
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    audit.record(
        actor, "reception.session_changed", session, before=before, after=audit.snapshot(session)
    )
    return session


def _case_from_matter(actor, session: ReceptionSession, matter: ReceptionMatter, **case_fields):
    from danvan.petitions.cases import services as case_services

    case = case_services.case_receive(
        actor=actor,
        unit=session.unit,
        channel="reception",
        content=matter.content,
        received_on=session.held_on,
        petitioner_name=matter.petitioner,
        petitioner_kind="group" if matter.people > 1 else "person",
        petitioner_count=matter.people,
        source_reference=(
            _("Citizen reception session of %(date)s") % {"date": show_date(session.held_on)}
        )[:300],
        **case_fields,
    )
    return case


@transaction.atomic
def matter_add(
    *,
    actor,
    session: ReceptionSession,
    content: str,
    petitioner: str = "",
    people: int = 1,
    outcome: str = MatterOutcome.ANSWERED,
    action: str = "",
    case_kind: str = "",
    case_field=None,
) -> ReceptionMatter:
    """A matter raised at ``session``. With outcome "case" it becomes a case at once (the cases
    intake, channel "reception session"), received on the session's date."""
    access.require(actor, MANAGE, session)
    if outcome not in MatterOutcome.values:
        raise ValidationFailed(_("Choose what was done."), field="outcome")
    matter = ReceptionMatter(
        session=session,
        petitioner=clean_text(
            petitioner, field="petitioner", label=_("raised by"), max_length=LINE_MAX
        ),
        people=clean_count(people, field="people", label=_("number of people"), minimum=1),
        content=clean_text(
            content, field="content", label=_("matter"), max_length=TEXT_MAX, required=True
        ),
        outcome=outcome,
        action=clean_text(action, field="action", label=_("details"), max_length=TEXT_MAX),
    )
    if outcome == MatterOutcome.CASE:
        if not case_kind:
            raise ValidationFailed(
                _("Choose the kind of case (complaint, denunciation, proposal, feedback)."),
                field="case_kind",
            )
        matter.case = _case_from_matter(actor, session, matter, kind=case_kind, field=case_field)
    matter.save()
    audit.record(actor, "reception.matter_added", matter, after=audit.snapshot(matter))
    return matter


@transaction.atomic
def matter_to_case(*, actor, matter: ReceptionMatter, case_kind: str, case_field=None):
    """Turn a matter already recorded into a case (once)."""
    access.require(actor, MANAGE, matter.session)
    matter = ReceptionMatter.objects.select_for_update().get(pk=matter.pk)
    if matter.case_id:
        raise ConflictError(_("This matter is already a case."), code="already_case")
    if not case_kind:
        raise ValidationFailed(_("Choose the kind of case."), field="case_kind")
    before = audit.snapshot(matter, ["outcome", "case"])
    matter.case = _case_from_matter(actor, matter.session, matter, kind=case_kind, field=case_field)
    matter.outcome = MatterOutcome.CASE
    matter.save(update_fields=["case", "outcome"])
    audit.record(
        actor,
        "reception.matter_to_case",
        matter,
        before=before,
        after=audit.snapshot(matter, ["outcome", "case"]),
    )
    return matter


# --- Voter-contact meetings and voter petitions -------------------------------------------


@transaction.atomic
def voter_meeting_record(
    *,
    actor,
    unit: OrgUnit,
    held_on: dt.date,
    place: str,
    deputies: str,
    voters: int = 0,
    note: str = "",
) -> VoterMeeting:
    unit = _require_unit(actor, unit)
    meeting = VoterMeeting.objects.create(
        unit=unit,
        held_on=clean_past_date(held_on, field="held_on", label=_("date of the meeting")),
        place=clean_text(
            place, field="place", label=_("place"), max_length=PLACE_MAX, required=True
        ),
        deputies=clean_text(
            deputies, field="deputies", label=_("deputies"), max_length=TEXT_MAX, required=True
        ),
        voters=clean_count(voters, field="voters", label=_("voters attending")),
        note=clean_text(note, field="note", label=_("note"), max_length=TEXT_MAX),
        recorded_by=actor,
    )
    audit.record(actor, "voter.meeting_recorded", meeting, after=audit.snapshot(meeting))
    return meeting


@transaction.atomic
def voter_petition_add(
    *, actor, meeting: VoterMeeting, content: str, raised_by: str = ""
) -> VoterPetition:
    access.require(actor, MANAGE, meeting)
    petition = VoterPetition.objects.create(
        meeting=meeting,
        content=clean_text(
            content, field="content", label=_("petition"), max_length=TEXT_MAX, required=True
        ),
        raised_by=clean_text(
            raised_by, field="raised_by", label=_("raised by"), max_length=LINE_MAX
        ),
    )
    audit.record(actor, "voter.petition_added", petition, after=audit.snapshot(petition))
    return petition


def province_of(unit: OrgUnit) -> OrgUnit:
    """The province the unit lies in (itself if it is one or lies above provinces)."""
    if unit.level in (Level.PROVINCE, Level.CENTRAL) and unit.unit_type.is_territory:
        return unit
    found = (
        OrgUnit.objects.filter(
            pk__in=unit.ancestor_ids, level=Level.PROVINCE, unit_type__is_territory=True
        )
        .order_by("depth")
        .first()
    )
    return found or unit


def forwardable_agencies(meeting_unit: OrgUnit):
    """The active units a petition of a meeting of ``meeting_unit`` may be forwarded to: those
    of its province, villages left out."""
    return (
        OrgUnit.objects.active()
        .filter(path__startswith=province_of(meeting_unit).path)
        .exclude(level=Level.VILLAGE)
    )


def default_answer_due(forwarded_on: dt.date) -> dt.date:
    return work_calendar().calendar_deadline(forwarded_on, VOTER_ANSWER_DAYS)


@transaction.atomic
def voter_petition_forward(
    *,
    actor,
    petition: VoterPetition,
    agency: OrgUnit | None,
    forwarded_on: dt.date,
    answer_due: dt.date | None = None,
) -> VoterPetition:
    """Forward the petition to the competent agency with an answer deadline (by default
    30 days, moved to the next working day). Forwarding again (another agency) is allowed until
    it is answered."""
    meeting = petition.meeting
    access.require(actor, MANAGE, meeting)
    petition = VoterPetition.objects.select_for_update().get(pk=petition.pk)
    if petition.is_answered:
        raise ConflictError(
            _("This petition has been answered: it can no longer be forwarded."),
            code="already_answered",
        )
    if agency is None or not forwardable_agencies(meeting.unit).filter(pk=agency.pk).exists():
        raise ValidationFailed(
            _("Choose an active agency of the province to forward the petition to."),
            field="agency",
            code="agency_invalid",
        )
    forwarded_on = clean_past_date(forwarded_on, field="forwarded_on", label=_("forwarding date"))
    if forwarded_on < meeting.held_on:
        raise ValidationFailed(
            _("The forwarding date cannot be before the meeting (%(date)s).")
            % {"date": show_date(meeting.held_on)},
            field="forwarded_on",
        )
    if answer_due is None:
        answer_due = default_answer_due(forwarded_on)
    if not isinstance(answer_due, dt.date) or answer_due < forwarded_on:
        raise ValidationFailed(
            _("The answer deadline cannot be before the forwarding date."), field="answer_due"
        )
    if answer_due.year > forwarded_on.year + 2:
        raise ValidationFailed(
            _("The answer deadline is too far away (at most two years)."), field="answer_due"
        )
    before = audit.snapshot(petition, ["agency", "forwarded_on", "answer_due"])
    petition.agency, petition.forwarded_on, petition.answer_due = agency, forwarded_on, answer_due
    petition.save()
    audit.record(
        actor,
        "voter.petition_forwarded",
        petition,
        before=before,
        after=audit.snapshot(petition, ["agency", "forwarded_on", "answer_due"]),
    )
    return petition


def can_answer(actor, petition: VoterPetition) -> bool:
    """The organising unit's people, or the agency's (it answers in its own name)."""
    if access.can(actor, MANAGE, petition.meeting):
        return True
    return petition.agency is not None and access.can(actor, MANAGE, petition.agency)


@transaction.atomic
def voter_petition_answer(
    *, actor, petition: VoterPetition, answer: str, answered_on: dt.date
) -> VoterPetition:
    """Record the agency's answer (not before forwarding, not in the future)."""
    access.require(actor, VIEW, petition)
    petition = (
        VoterPetition.objects.select_for_update(of=("self",))
        .select_related("meeting__unit", "agency")
        .get(pk=petition.pk)
    )
    if not can_answer(actor, petition):
        raise PermissionDeniedError()
    if petition.forwarded_on is None:
        raise ConflictError(
            _("Forward the petition to an agency before recording its answer."),
            code="not_forwarded",
        )
    answer = clean_text(
        answer, field="answer", label=_("answer"), max_length=TEXT_MAX, required=True
    )
    answered_on = clean_past_date(answered_on, field="answered_on", label=_("answer date"))
    if answered_on < petition.forwarded_on:
        raise ValidationFailed(
            _("The answer date cannot be before the forwarding date (%(date)s).")
            % {"date": show_date(petition.forwarded_on)},
            field="answered_on",
            code="answer_before_forwarding",
        )
    before = audit.snapshot(petition, ["answer", "answered_on"])
    petition.answer, petition.answered_on, petition.answered_by = answer, answered_on, actor
    petition.save()
    audit.record(
        actor,
        "voter.petition_answered",
        petition,
        before=before,
        after=audit.snapshot(petition, ["answer", "answered_on"]),
    )
    from danvan.notifications import reminders
    from danvan.petitions.reception.reminders import KEY

    transaction.on_commit(lambda: reminders.resolve(KEY, petition.pk))
    return petition


@transaction.atomic
def voter_petition_publish(*, actor, petition: VoterPetition, published: bool) -> VoterPetition:
    """Publish the answer on the public site (or withdraw it); only an answered petition."""
    access.require(actor, VIEW, petition)
    if not access.can(actor, MANAGE, petition.meeting):
        raise PermissionDeniedError()
    petition.refresh_from_db()
    if published and not petition.is_answered:
        raise ConflictError(_("Only an answered petition can be published."), code="not_answered")
    before = audit.snapshot(petition, ["is_published", "published_on"])
    petition.is_published = bool(published)
    petition.published_on = timezone.localdate() if published else None
    petition.save(update_fields=["is_published", "published_on"])
    audit.record(
        actor,
        "voter.petition_published" if published else "voter.petition_unpublished",
        petition,
        before=before,
        after=audit.snapshot(petition, ["is_published", "published_on"]),
    )
    return petition


# --- Dialogue conferences -----------------------------------------------------------------


@transaction.atomic
def dialogue_record(
    *,
    actor,
    unit: OrgUnit,
    held_on: dt.date,
    topic: str,
    chaired_by: str,
    place: str = "",
    participants: int = 0,
    note: str = "",
) -> DialogueConference:
    unit = _require_unit(actor, unit)
    conference = DialogueConference.objects.create(
        unit=unit,
        held_on=clean_past_date(held_on, field="held_on", label=_("date of the conference")),
        topic=clean_text(topic, field="topic", label=_("topic"), max_length=300, required=True),
        chaired_by=clean_text(
            chaired_by,
            field="chaired_by",
            label=_("chaired by"),
            max_length=LINE_MAX,
            required=True,
        ),
        place=clean_text(place, field="place", label=_("place"), max_length=PLACE_MAX),
        participants=clean_count(participants, field="participants", label=_("people attending")),
        note=clean_text(note, field="note", label=_("note"), max_length=TEXT_MAX),
        recorded_by=actor,
    )
    audit.record(actor, "dialogue.recorded", conference, after=audit.snapshot(conference))
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


def can_make_tasks(actor, conference: DialogueConference) -> bool:
    from danvan.plans.rules import ISSUE

    return access.can(actor, ISSUE, conference.unit)


@transaction.atomic
def dialogue_issue_add(
    *,
    actor,
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


def _commitment_plan(actor, conference: DialogueConference):
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


def _issue_plan(actor, conference: DialogueConference, plan):
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


def _make_task(actor, issue: DialogueIssue) -> DialogueIssue:
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
def dialogue_issue_make_task(*, actor, issue: DialogueIssue) -> DialogueIssue:
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
