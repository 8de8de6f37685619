"""Voter-contact meetings and the voters' petitions raised at them: forwarded to the competent
agency with an answer deadline, answered, published on the public site."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.calendar import work_calendar
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.petitions.models import VoterMeeting, VoterPetition
from danvan.petitions.reception.rules import MANAGE, VIEW, can_answer
from danvan.petitions.reception.services.common import (
    LINE_MAX,
    PLACE_MAX,
    TEXT_MAX,
    clean_count,
    clean_past_date,
    require_unit,
    show_date,
)
from danvan.units.models import Level, OrgUnit

VOTER_ANSWER_DAYS = 30  # default answer deadline, calendar days after forwarding


@transaction.atomic
def voter_meeting_record(
    *,
    actor: User,
    unit: OrgUnit | None,
    held_on: dt.date,
    place: str,
    deputies: str,
    voters: int = 0,
    note: str = "",
) -> VoterMeeting:
    unit = require_unit(actor, unit)
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


def _clean_petition(content, raised_by) -> dict:
    return {
        "content": clean_text(
            content, field="content", label=_("petition"), max_length=TEXT_MAX, required=True
        ),
        "raised_by": clean_text(
            raised_by, field="raised_by", label=_("raised by"), max_length=LINE_MAX
        ),
    }


@transaction.atomic
def voter_petition_add(
    *, actor: User, meeting: VoterMeeting, content: str, raised_by: str = ""
) -> VoterPetition:
    access.require(actor, MANAGE, meeting)
    petition = VoterPetition.objects.create(meeting=meeting, **_clean_petition(content, raised_by))
    audit.record(actor, "voter.petition_added", petition, after=audit.snapshot(petition))
    return petition


@transaction.atomic
def voter_petition_update(
    *,
    actor: User,
    petition: VoterPetition,
    content: str,
    raised_by: str = "",
    version: int | None = None,
) -> VoterPetition:
    """Correct a petition's text until it is answered; a stale save is refused."""
    access.require(actor, MANAGE, petition.meeting)
    fields = _clean_petition(content, raised_by)
    petition = lock(petition)
    check_version(petition, version)
    if petition.is_answered:
        raise ConflictError(
            _("This petition has been answered: its text is no longer corrected."),
            code="already_answered",
        )
    before = audit.snapshot(petition, ["content", "raised_by"])
    petition.content, petition.raised_by = fields["content"], fields["raised_by"]
    bump(petition)
    petition.save()
    audit.record(
        actor,
        "voter.petition_changed",
        petition,
        before=before,
        after=audit.snapshot(petition, ["content", "raised_by"]),
    )
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
    actor: User,
    petition: VoterPetition,
    agency: OrgUnit | None,
    forwarded_on: dt.date,
    answer_due: dt.date | None = None,
    version: int | None = None,
) -> VoterPetition:
    """Forward the petition to the competent agency with an answer deadline (by default
    30 days, moved to the next working day). Forwarding again (another agency) is allowed until
    it is answered; two people forwarding at once: the second is told what the first did."""
    meeting = petition.meeting
    access.require(actor, MANAGE, meeting)
    petition = lock(petition)
    check_version(petition, version)
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
    bump(petition)
    petition.save()
    audit.record(
        actor,
        "voter.petition_forwarded",
        petition,
        before=before,
        after=audit.snapshot(petition, ["agency", "forwarded_on", "answer_due"]),
    )
    return petition


@transaction.atomic
def voter_petition_answer(
    *,
    actor: User,
    petition: VoterPetition,
    answer: str,
    answered_on: dt.date,
    version: int | None = None,
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
    check_version(petition, version)
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
    bump(petition)
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
def voter_petition_publish(
    *, actor: User, petition: VoterPetition, published: bool
) -> VoterPetition:
    """Publish the answer on the public site (or withdraw it); only an answered petition."""
    access.require(actor, VIEW, petition)
    if not access.can(actor, MANAGE, petition.meeting):
        raise PermissionDeniedError()
    petition = lock(petition)
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
