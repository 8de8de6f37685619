"""Writes of supervision (giám sát) and council questions (chất vấn).

Supervision by the Fatherland Front and its member organisations follows Quyết định 217-QĐ/TW
(2013), replaced by Quy định 124-QĐ/TW (2023): a yearly programme, each supervision with its
subject, the units supervised and its period, a result issued as a document with
recommendations that the supervised bodies must answer. People's Council committees supervise
under the Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân 2015 (amended 2025), whose
Điều 60 lets deputies question the heads of the People's Committee and its agencies at a
session; the answers and the commitments made are followed like any recommendation.
Every function is keyword-only and atomic, checks access first and audits in the same
transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.oversight import kinds, rules
from danvan.oversight.checks import check_date, check_period, check_units_in_reach, not_future
from danvan.oversight.models import (
    CouncilSession,
    Question,
    Supervision,
    SupervisionForm,
    SupervisionProgramme,
    SupervisionStatus,
    SupervisorKind,
)
from danvan.oversight.recommendations import services as recommendations
from danvan.oversight.recommendations.services import show_date
from danvan.units.models import OrgUnit

TEXT_MAX = 20_000
MAX_UNITS = 200
SOURCE_KINDS = {
    SupervisorKind.FRONT: kinds.FRONT_SUPERVISION,
    SupervisorKind.MEMBER: kinds.MEMBER_SUPERVISION,
    SupervisorKind.COUNCIL: kinds.COUNCIL_SUPERVISION,
}
#: the kind of body a unit type suggests (the form preselects it)
KIND_OF_TYPE = {
    "fatherland_front": SupervisorKind.FRONT,
    "people_council": SupervisorKind.COUNCIL,
    "farmers_union": SupervisorKind.MEMBER,
    "womens_union": SupervisorKind.MEMBER,
    "youth_union": SupervisorKind.MEMBER,
    "veterans_association": SupervisorKind.MEMBER,
    "labour_federation": SupervisorKind.MEMBER,
}


def _text(value, field: str, label: str, *, required=False, max_length=TEXT_MAX, one_line=False):
    return clean_text(
        value,
        field=field,
        label=label,
        max_length=max_length,
        required=required,
        one_line=one_line,
    )


# --- Programmes and supervisions ------------------------------------------------------------


@transaction.atomic
def programme_create(
    *, actor, unit: OrgUnit, kind: str, year: int, title: str, note: str = ""
) -> SupervisionProgramme:
    """The supervising body's programme for a year."""
    if unit is None:
        raise ValidationFailed(_("Choose the supervising body."), field="unit")
    access.require(actor, rules.MANAGE, unit)
    if kind not in SupervisorKind.values:
        raise ValidationFailed(_("Choose the kind of supervising body."), field="kind")
    this_year = timezone.localdate().year
    if not isinstance(year, int) or not 2000 <= year <= this_year + 1:
        raise ValidationFailed(
            _("Enter a year from 2000 to %(year)d.") % {"year": this_year + 1}, field="year"
        )
    title = _text(title, "title", _("title"), required=True, max_length=500, one_line=True)
    if SupervisionProgramme.objects.filter(unit=unit, year=year, title=title).exists():
        raise ValidationFailed(
            _("This body already has a programme of that title for %(year)d.") % {"year": year},
            field="title",
            code="duplicate",
        )
    programme = SupervisionProgramme.objects.create(
        unit=unit,
        kind=kind,
        year=year,
        title=title,
        note=_text(note, "note", _("note")),
        created_by=actor,
    )
    audit.record(actor, "supervision_programme.created", programme, after=audit.snapshot(programme))
    return programme


@transaction.atomic
def supervision_add(
    *,
    actor,
    programme: SupervisionProgramme,
    subject: str,
    units,
    starts_on: dt.date,
    ends_on: dt.date,
    topic=None,
    form: str = SupervisionForm.DIRECT,
) -> Supervision:
    """A supervision of the programme: subject, topic, supervised units, period (in its year)."""
    access.require(actor, rules.MANAGE, programme)
    units = list(units or [])
    if not units:
        raise ValidationFailed(_("Choose at least one supervised unit."), field="units")
    if len(units) > MAX_UNITS:
        raise ValidationFailed(
            _("Choose at most %(max)d units.") % {"max": MAX_UNITS}, field="units"
        )
    units = check_units_in_reach(programme.unit, units, field="units")
    starts_on, ends_on = check_period(
        starts_on, ends_on, start_field="starts_on", end_field="ends_on", max_days=366
    )
    if programme.year not in (starts_on.year, ends_on.year):
        raise ValidationFailed(
            _("The supervision falls within the programme's year, %(year)d.")
            % {"year": programme.year},
            field="starts_on",
        )
    if form not in SupervisionForm.values:
        raise ValidationFailed(_("Choose the form of supervision."), field="form")
    supervision = Supervision.objects.create(
        programme=programme,
        subject=_text(
            subject, "subject", _("subject"), required=True, max_length=500, one_line=True
        ),
        topic=topic,
        form=form,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    supervision.units.set(units)
    audit.record(
        actor,
        "supervision.added",
        supervision,
        after={**audit.snapshot(supervision), "units": [u.pk for u in units]},
    )
    return supervision


@transaction.atomic
def supervision_conclude(
    *,
    actor,
    supervision: Supervision,
    result_number: str,
    result_date: dt.date,
    result_text: str,
    version: int | None = None,
) -> Supervision:
    """The result of the supervision (báo cáo / thông báo kết quả giám sát), number and date."""
    access.require(actor, rules.MANAGE, supervision)
    supervision = lock(supervision)
    check_version(supervision, version)
    if supervision.is_concluded:
        raise ConflictError(
            _("The result of this supervision was issued already."), code="concluded"
        )
    day = not_future(
        check_date(result_date, field="result_date", label=_("date of the result")),
        field="result_date",
        label=_("date of the result"),
    )
    if day < supervision.starts_on:
        raise ValidationFailed(
            _("The result cannot be dated before the supervision started (%(date)s).")
            % {"date": show_date(supervision.starts_on)},
            field="result_date",
        )
    supervision.result_number = _text(
        result_number,
        "result_number",
        _("number and symbol"),
        required=True,
        max_length=60,
        one_line=True,
    )
    supervision.result_date = day
    supervision.result_text = _text(result_text, "result_text", _("result"), required=True)
    supervision.status = SupervisionStatus.CONCLUDED
    supervision.concluded_by = actor
    bump(supervision)
    supervision.save()
    audit.record(
        actor,
        "supervision.concluded",
        supervision,
        after=audit.snapshot(supervision, ["status", "result_number", "result_date"]),
    )
    return supervision


def result_label(supervision: Supervision) -> str:
    return (
        f"Thông báo kết quả giám sát số {supervision.result_number} ngày "
        f"{show_date(supervision.result_date)} của {supervision.programme.unit.name}"
    )


@transaction.atomic
def supervision_recommend(
    *,
    actor,
    supervision: Supervision,
    text: str,
    due_date: dt.date,
    addressee: OrgUnit | None = None,
    required_action: str = "",
    topic=None,
):
    """A recommendation of the supervision's result to a supervised unit (or another unit in
    the body's reach); its deadline may not be before the result's date."""
    if not supervision.is_concluded:
        raise ConflictError(
            _("Recommendations follow the result: record the result first."), code="not_concluded"
        )
    if addressee is None:
        addressee = supervision.units.order_by("depth", "name").first()
    programme = supervision.programme
    return recommendations.recommendation_create(
        actor=actor,
        issuer=programme.unit,
        addressee=addressee,
        source_kind=SOURCE_KINDS[programme.kind],
        source=supervision,
        source_label=result_label(supervision),
        source_url=reverse("oversight:supervision-detail", args=[supervision.pk]),
        text=text,
        required_action=required_action,
        topic=topic or supervision.topic,
        issued_on=supervision.result_date,
        due_date=due_date,
        issued_on_label=_("the supervision's result"),
    )


@transaction.atomic
def supervision_publish(*, actor, supervision: Supervision, published: bool) -> Supervision:
    """The body chooses to publish (or withdraw) the result and the answers on the public site."""
    access.require(actor, rules.ISSUE, supervision)
    supervision = lock(supervision)
    if published and not supervision.is_concluded:
        raise ConflictError(
            _("Only a supervision with its result can be published."), code="not_concluded"
        )
    before = audit.snapshot(supervision, ["is_published", "published_on"])
    supervision.is_published = bool(published)
    supervision.published_on = timezone.localdate() if published else None
    bump(supervision)
    supervision.save(update_fields=["is_published", "published_on", "version"])
    audit.record(
        actor,
        "supervision.published" if published else "supervision.withdrawn",
        supervision,
        before=before,
        after=audit.snapshot(supervision, ["is_published", "published_on"]),
    )
    return supervision


# --- Council questions (chất vấn) -------------------------------------------------------------


@transaction.atomic
def session_create(*, actor, unit: OrgUnit, title: str, held_on: dt.date) -> CouncilSession:
    """A People's Council session where deputies question the heads of agencies."""
    if unit is None:
        raise ValidationFailed(_("Choose the People's Council."), field="unit")
    access.require(actor, rules.MANAGE, unit)
    held_on = not_future(
        check_date(held_on, field="held_on", label=_("date")), field="held_on", label=_("date")
    )
    session = CouncilSession.objects.create(
        unit=unit,
        title=_text(title, "title", _("session"), required=True, max_length=300, one_line=True),
        held_on=held_on,
        created_by=actor,
    )
    audit.record(actor, "council_session.created", session, after=audit.snapshot(session))
    return session


def _check_answered_on(session: CouncilSession, answered_on) -> dt.date | None:
    if answered_on is None:
        return None
    answered_on = not_future(
        check_date(answered_on, field="answered_on", label=_("answer date")),
        field="answered_on",
        label=_("answer date"),
    )
    if answered_on < session.held_on:
        raise ValidationFailed(
            _("The answer cannot come before the session (%(date)s).")
            % {"date": show_date(session.held_on)},
            field="answered_on",
        )
    return answered_on


@transaction.atomic
def question_add(
    *,
    actor,
    session: CouncilSession,
    deputy: str,
    addressee: OrgUnit | None,
    respondent: str,
    text: str,
    answer: str = "",
    answered_on: dt.date | None = None,
    written_answer_due: dt.date | None = None,
) -> Question:
    """A question put at the session, and the answer given there (or the date a written answer
    is due)."""
    access.require(actor, rules.MANAGE, session)
    if addressee is None:
        raise ValidationFailed(_("Choose the agency asked."), field="addressee")
    check_units_in_reach(session.unit, [addressee], field="addressee")
    answer = _text(answer, "answer", _("answer"))
    answered_on = _check_answered_on(session, answered_on or (session.held_on if answer else None))
    if written_answer_due is not None:
        written_answer_due = check_date(
            written_answer_due, field="written_answer_due", label=_("date")
        )
        if written_answer_due < session.held_on:
            raise ValidationFailed(
                _("A written answer is due after the session (%(date)s).")
                % {"date": show_date(session.held_on)},
                field="written_answer_due",
            )
    question = Question.objects.create(
        session=session,
        deputy=_text(deputy, "deputy", _("deputy"), required=True, max_length=200, one_line=True),
        addressee=addressee,
        respondent=_text(
            respondent, "respondent", _("answered by"), required=True, max_length=200, one_line=True
        ),
        text=_text(text, "text", _("question"), required=True),
        answer=answer,
        answered_on=answered_on,
        written_answer_due=written_answer_due,
        created_by=actor,
    )
    audit.record(actor, "council_question.added", question, after=audit.snapshot(question))
    return question


@transaction.atomic
def question_answer(
    *, actor, question: Question, answer: str, answered_on: dt.date, version: int | None = None
) -> Question:
    """The answer given (at the session or in writing afterwards)."""
    access.require(actor, rules.MANAGE, question)
    question = lock(question)
    check_version(question, version)
    before = audit.snapshot(question, ["answer", "answered_on"])
    question.answer = _text(answer, "answer", _("answer"), required=True)
    question.answered_on = _check_answered_on(question.session, answered_on)
    bump(question)
    question.save()
    audit.record(
        actor,
        "council_question.answered",
        question,
        before=before,
        after=audit.snapshot(question, ["answer", "answered_on"]),
    )
    return question


@transaction.atomic
def question_commit(
    *,
    actor,
    question: Question,
    text: str,
    due_date: dt.date,
    addressee: OrgUnit | None = None,
    required_action: str = "",
    topic=None,
):
    """A commitment made in answering (lời hứa, cam kết): the council follows it as a
    recommendation to the agency that made it, due by the date promised."""
    if question.answered_on is None:
        raise ConflictError(
            _("Record the answer first: commitments come with it."), code="not_answered"
        )
    session = question.session
    return recommendations.recommendation_create(
        actor=actor,
        issuer=session.unit,
        addressee=addressee or question.addressee,
        source_kind=kinds.QUESTION,
        source=question,
        source_label=(
            f"Trả lời chất vấn tại {session.title} ngày {show_date(session.held_on)} "
            f"({question.respondent})"
        ),
        source_url=reverse("oversight:session-detail", args=[session.pk]),
        text=text,
        required_action=required_action,
        topic=topic,
        issued_on=question.answered_on,
        due_date=due_date,
        issued_on_label=_("the answer"),
    )
