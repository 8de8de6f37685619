"""Reception sessions held and the matters raised at them. A matter may become a case at once
(the cases intake, channel "citizen reception session").

A denunciation's author is never kept on the matter: from the moment it is typed, the name goes
only into the case's encrypted identity (Luật Tố cáo 2018, Điều 47, 48), so neither the session
page, nor the API, nor an audit diff shows who denounced.
"""

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
from danvan.petitions.models import (
    CaseKind,
    MatterOutcome,
    ReceptionMatter,
    ReceptionSchedule,
    ReceptionSession,
    SessionKind,
)
from danvan.petitions.reception.rules import MANAGE
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
    actor: User,
    unit: OrgUnit | None,
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
    unit = require_unit(actor, unit)
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
    actor: User,
    session: ReceptionSession,
    held_on: dt.date,
    receiver: str,
    place: str = "",
    individuals: int = 0,
    groups: int = 0,
    group_members: int = 0,
    summary: str = "",
    version: int | None = None,
) -> ReceptionSession:
    """Correct what was recorded of a session (its unit and kind stay). A save over someone
    else's newer one is refused (``EditConflict``)."""
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
    session = lock(session)
    check_version(session, version)
    before = audit.snapshot(session)
    for name, value in fields.items():
        setattr(session, name, value)
    bump(session)
    session.save()
    audit.record(
        actor, "reception.session_changed", session, before=before, after=audit.snapshot(session)
    )
    return session


def _case_from_matter(
    actor: User, session: ReceptionSession, matter: ReceptionMatter, petitioner: str, **fields
):
    from danvan.petitions.cases import services as case_services

    return case_services.case_receive(
        actor=actor,
        unit=session.unit,
        channel="reception",
        content=matter.content,
        received_on=session.held_on,
        petitioner_name=petitioner,
        petitioner_kind="group" if matter.people > 1 else "person",
        petitioner_count=matter.people,
        source_reference=(
            _("Citizen reception session of %(date)s") % {"date": show_date(session.held_on)}
        )[:300],
        **fields,
    )


def _check_case_kind(outcome: str, case_kind: str) -> None:
    if case_kind and case_kind not in CaseKind.values:
        raise ValidationFailed(_("Choose the kind of case."), field="case_kind")
    if outcome == MatterOutcome.CASE and not case_kind:
        raise ValidationFailed(
            _("Choose the kind of case (complaint, denunciation, proposal, feedback)."),
            field="case_kind",
        )
    if case_kind == CaseKind.DENUNCIATION and outcome != MatterOutcome.CASE:
        raise ValidationFailed(
            _(
                "A denunciation is received as a case: choose “Received as a case”, so that "
                "its author's identity is kept encrypted with it."
            ),
            field="outcome",
        )


@transaction.atomic
def matter_add(
    *,
    actor: User,
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
    intake, channel "reception session"), received on the session's date; a denunciation's
    author goes only into the case's encrypted identity."""
    access.require(actor, MANAGE, session)
    if outcome not in MatterOutcome.values:
        raise ValidationFailed(_("Choose what was done."), field="outcome")
    _check_case_kind(outcome, case_kind)
    name = clean_text(
        petitioner, field="petitioner", label=_("raised by"), max_length=LINE_MAX, one_line=True
    )
    confidential = case_kind == CaseKind.DENUNCIATION
    matter = ReceptionMatter(
        session=session,
        petitioner="" if confidential else name,
        people=clean_count(people, field="people", label=_("number of people"), minimum=1),
        content=clean_text(
            content, field="content", label=_("matter"), max_length=TEXT_MAX, required=True
        ),
        outcome=outcome,
        action=clean_text(action, field="action", label=_("details"), max_length=TEXT_MAX),
    )
    if outcome == MatterOutcome.CASE:
        matter.case = _case_from_matter(
            actor, session, matter, name, kind=case_kind, field=case_field
        )
    matter.save()
    audit.record(actor, "reception.matter_added", matter, after=audit.snapshot(matter))
    return matter


@transaction.atomic
def matter_to_case(
    *, actor: User, matter: ReceptionMatter, case_kind: str, case_field=None
) -> ReceptionMatter:
    """Turn a matter already recorded into a case (once). As a denunciation, its "raised by"
    moves into the case's encrypted identity and leaves the matter."""
    access.require(actor, MANAGE, matter.session)
    matter = lock(matter)
    if matter.case_id:
        raise ConflictError(_("This matter is already a case."), code="already_case")
    if not case_kind:
        raise ValidationFailed(_("Choose the kind of case."), field="case_kind")
    _check_case_kind(MatterOutcome.CASE, case_kind)
    before = audit.snapshot(matter, ["outcome", "case"])
    matter.case = _case_from_matter(
        actor, matter.session, matter, matter.petitioner, kind=case_kind, field=case_field
    )
    matter.outcome = MatterOutcome.CASE
    if case_kind == CaseKind.DENUNCIATION:
        matter.petitioner = ""
    matter.save(update_fields=["case", "outcome", "petitioner"])
    audit.record(
        actor,
        "reception.matter_to_case",
        matter,
        before=before,
        after=audit.snapshot(matter, ["outcome", "case"]),
    )
    return matter
