"""Writes of recommendations: issue one (from any source), change it, answer it, verify or
return the answer, and mark the overdue ones. Every function is keyword-only and atomic, checks
access first and writes the audit trail in the same transaction.

Other apps (democracy's boards) call these with their own ``source_kind`` and ``source``
object; see ``recommendations.sources``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core import files as evidence_files
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.oversight import notices, rules
from danvan.oversight.models import (
    AnswerEvidence,
    AnswerKind,
    AnswerOutcome,
    Recommendation,
    RecommendationAnswer,
    RecommendationStatus,
    Topic,
)
from danvan.oversight.recommendations import sources
from danvan.units.models import OrgUnit
from danvan.units.selectors import territory_of

TEXT_MAX = 5000
LABEL_MAX = 300
URL_MAX = 500
MAX_YEARS_AHEAD = 5  # a deadline at most this many years after the recommendation
EARLIEST_YEAR = 2000
DEFAULT_ANSWER_DAYS = 30  # a suggested deadline: 30 calendar days, moved off a day off
_AUDITED = [
    "text",
    "required_action",
    "topic",
    "addressee",
    "issued_on",
    "due_date",
    "status",
    "closed_on",
    "verification_note",
]


def show_date(day: dt.date) -> str:
    return formats.date_format(day, "d/m/Y")


def default_due(issued_on: dt.date) -> dt.date:
    """A suggested deadline: 30 calendar days after ``issued_on``, moved to the next working day
    when it falls on a day off (Bộ luật Dân sự 2015, Điều 148.5). The issuer chooses."""
    from danvan.core.calendar import work_calendar

    return work_calendar().calendar_deadline(issued_on, DEFAULT_ANSWER_DAYS)


# --- Checks -----------------------------------------------------------------------------------


def addressable_units(issuer: OrgUnit, source_kind: str = ""):
    """The active units a recommendation of ``issuer`` may be addressed to: the source kind's own
    reach, or the subtree of the issuer's nearest territory (a commune body reaches the commune's
    agencies and villages, a provincial department the province's units)."""
    kind = sources.get(source_kind)
    if kind is not None and kind.reach is not None:
        return kind.reach(issuer)
    return OrgUnit.objects.active().filter(path__startswith=territory_of(issuer).path)


def check_addressee(issuer: OrgUnit, addressee: OrgUnit | None, source_kind: str = "") -> OrgUnit:
    if addressee is None:
        raise ValidationFailed(
            _("Choose the unit the recommendation is addressed to."), field="addressee"
        )
    if not addressable_units(issuer, source_kind).filter(pk=addressee.pk).exists():
        if not addressee.is_active:
            message = _(
                "%(unit)s is no longer active: address the recommendation to its successor."
            )
        else:
            message = _(
                "%(unit)s is outside the reach of %(issuer)s: a recommendation goes to a unit of "
                "%(territory)s."
            )
        raise ValidationFailed(
            message
            % {
                "unit": addressee.name,
                "issuer": issuer.name,
                "territory": territory_of(issuer).name,
            },
            field="addressee",
            code="unit_out_of_reach",
        )
    return addressee


def check_issued_on(issued_on, *, field: str = "issued_on") -> dt.date:
    if isinstance(issued_on, dt.datetime):
        issued_on = issued_on.date()
    if not isinstance(issued_on, dt.date):
        raise ValidationFailed(_("Enter the date the recommendation was issued."), field=field)
    if issued_on.year < EARLIEST_YEAR:
        raise ValidationFailed(
            _("The date of issue cannot be before %(year)d.") % {"year": EARLIEST_YEAR},
            field=field,
        )
    if issued_on > timezone.localdate():
        raise ValidationFailed(
            _("A recommendation cannot be issued on a date later than today."),
            field=field,
            code="date_in_future",
        )
    return issued_on


def check_due_date(issued_on: dt.date, due_date, *, what: str = "") -> dt.date:
    """The deadline: not before the day the recommendation was issued (the conclusion's or the
    result's date), at most five years after."""
    if isinstance(due_date, dt.datetime):
        due_date = due_date.date()
    if not isinstance(due_date, dt.date):
        raise ValidationFailed(_("Enter the deadline as day/month/year."), field="due_date")
    if due_date < issued_on:
        raise ValidationFailed(
            _(
                "The deadline (%(due)s) cannot be before the date of %(what)s (%(date)s): choose "
                "a later date."
            )
            % {
                "due": show_date(due_date),
                "what": what or _("the recommendation"),
                "date": show_date(issued_on),
            },
            field="due_date",
            code="deadline_before_issue",
        )
    if due_date.year > issued_on.year + MAX_YEARS_AHEAD:
        raise ValidationFailed(
            _("The deadline is too far away: at most %(years)d years after the date of issue.")
            % {"years": MAX_YEARS_AHEAD},
            field="due_date",
        )
    return due_date


def _check_topic(topic) -> Topic | None:
    if topic is None:
        return None
    if not isinstance(topic, Topic) or not topic.is_active:
        raise ValidationFailed(_("Choose a topic from the list."), field="topic")
    return topic


def _source_ref(source) -> tuple[ContentType | None, int | None]:
    if source is None:
        return None, None
    if getattr(source, "pk", None) is None:
        raise ValueError("the source object must be saved first")
    return ContentType.objects.get_for_model(source), int(source.pk)


def _status_for_deadline(due_date: dt.date, today: dt.date) -> str:
    return RecommendationStatus.OVERDUE if due_date < today else RecommendationStatus.OPEN


# --- Issuing and changing -----------------------------------------------------------------------


@transaction.atomic
def recommendation_create(
    *,
    actor,
    issuer: OrgUnit,
    addressee: OrgUnit | None,
    source_kind: str,
    source_label: str,
    text: str,
    issued_on: dt.date,
    due_date: dt.date,
    source=None,
    source_url: str = "",
    required_action: str = "",
    topic: Topic | None = None,
    issued_on_label: str = "",
    notify: bool = True,
) -> Recommendation:
    """Issue a recommendation of ``issuer`` to ``addressee``, produced by ``source`` (an
    inspection, a supervision… any saved object, or None) of the registered ``source_kind``.

    ``issued_on`` is the date of the document that issued it (the conclusion, the supervision's
    result); the deadline may not be before it (``issued_on_label`` names that document in the
    message). The addressee must lie within the issuer's reach (``addressable_units``).
    """
    kind = sources.get(source_kind)
    if kind is None:
        raise ValueError(f"unknown recommendation source kind {source_kind!r}: register it")
    if issuer is None:
        raise ValidationFailed(_("Choose the issuing unit."), field="issuer")
    if not rules.can_issue(actor, issuer, source_kind, source):
        if access.can(actor, rules.VIEW, issuer):
            raise PermissionDeniedError()
        raise NotFoundError()
    text = clean_text(
        text, field="text", label=_("recommendation"), max_length=TEXT_MAX, required=True
    )
    required_action = clean_text(
        required_action, field="required_action", label=_("action required"), max_length=TEXT_MAX
    )
    source_label = clean_text(
        source_label,
        field="source_label",
        label=_("source"),
        max_length=LABEL_MAX,
        required=True,
        one_line=True,
    )
    addressee = check_addressee(issuer, addressee, source_kind)
    issued_on = check_issued_on(issued_on)
    due_date = check_due_date(issued_on, due_date, what=issued_on_label)
    source_type, source_id = _source_ref(source)
    siblings = Recommendation.objects.filter(
        source_kind=source_kind, source_type=source_type, source_id=source_id
    )
    number = (siblings.aggregate(top=Max("number"))["top"] or 0) + 1 if source_id else 0
    recommendation = Recommendation.objects.create(
        issuer=issuer,
        source_kind=source_kind,
        source_type=source_type,
        source_id=source_id,
        source_label=source_label,
        source_url=str(source_url or "")[:URL_MAX],
        number=number,
        text=text,
        required_action=required_action,
        topic=_check_topic(topic),
        addressee=addressee,
        issued_on=issued_on,
        due_date=due_date,
        status=_status_for_deadline(due_date, timezone.localdate()),
        created_by=actor,
    )
    audit.record(
        actor,
        "recommendation.issued",
        recommendation,
        after={
            **audit.snapshot(recommendation, _AUDITED),
            "source_kind": source_kind,
            "source": source_label,
        },
    )
    if notify:
        transaction.on_commit(lambda: notices.recommendation_issued(recommendation))
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    actor,
    recommendation: Recommendation,
    text: str,
    due_date: dt.date,
    required_action: str = "",
    topic: Topic | None = None,
    version: int | None = None,
) -> Recommendation:
    """The issuing side corrects the text or moves the deadline while it is not closed; a
    deadline moved to a future day makes an overdue recommendation open again."""
    if not rules.can_follow_up(actor, recommendation):
        raise PermissionDeniedError()
    recommendation = lock(recommendation)
    check_version(recommendation, version)
    if recommendation.is_closed:
        raise ConflictError(
            _("This recommendation is closed: it can no longer be changed."), code="closed"
        )
    before = audit.snapshot(recommendation, _AUDITED)
    recommendation.text = clean_text(
        text, field="text", label=_("recommendation"), max_length=TEXT_MAX, required=True
    )
    recommendation.required_action = clean_text(
        required_action, field="required_action", label=_("action required"), max_length=TEXT_MAX
    )
    recommendation.topic = _check_topic(topic)
    recommendation.due_date = check_due_date(recommendation.issued_on, due_date)
    if recommendation.is_awaiting:
        recommendation.status = _status_for_deadline(recommendation.due_date, timezone.localdate())
    bump(recommendation)
    recommendation.save()
    audit.record(
        actor,
        "recommendation.changed",
        recommendation,
        before=before,
        after=audit.snapshot(recommendation, _AUDITED),
    )
    return recommendation


# --- The addressee answers ------------------------------------------------------------------------


@transaction.atomic
def recommendation_answer(
    *,
    actor,
    recommendation: Recommendation,
    kind: str,
    text: str,
    files: Sequence = (),
    version: int | None = None,
) -> RecommendationAnswer:
    """The addressee answers: carried out (tiếp thu), explained (giải trình) or not accepted
    with its reasons (không tiếp thu), with evidence files. A late answer is still received
    (and marked late); a closed recommendation or one awaiting verification is not answered
    again."""
    if not access.can(actor, rules.ANSWER, recommendation.addressee):
        raise PermissionDeniedError(
            _("Only the unit the recommendation is addressed to may answer it.")
        )
    recommendation = lock(recommendation)
    check_version(recommendation, version)
    if recommendation.is_closed:
        raise ConflictError(
            _("This recommendation is closed (%(status)s): it can no longer be answered.")
            % {"status": recommendation.get_status_display().lower()},
            code="closed",
        )
    if recommendation.status == RecommendationStatus.ANSWERED:
        raise ConflictError(
            _("Your unit has answered already; the issuer has not verified the answer yet."),
            code="awaiting_verification",
        )
    if kind not in AnswerKind.values:
        raise ValidationFailed(
            _("Choose the answer: carried out, explained, or not accepted with reasons."),
            field="kind",
        )
    text = clean_text(text, field="text", label=_("answer"), max_length=TEXT_MAX, required=True)
    checked = evidence_files.check_files(files)  # every file checked before anything is written
    now = timezone.now()
    answer = RecommendationAnswer.objects.create(
        recommendation=recommendation,
        kind=kind,
        text=text,
        answered_by=actor,
        answered_at=now,
        is_late=timezone.localdate(now) > recommendation.due_date,
    )
    for item in checked:
        record = AnswerEvidence(
            answer=answer, original_name=item.name, kind=item.kind, size=item.size
        )
        record.file.save(item.name, item.upload, save=True)
    before = audit.snapshot(recommendation, ["status"])
    recommendation.status = RecommendationStatus.ANSWERED
    recommendation.answered_at = now
    bump(recommendation)
    recommendation.save(update_fields=["status", "answered_at", "version", "updated_at"])
    audit.record(
        actor,
        "recommendation.answered",
        recommendation,
        before=before,
        after={
            "status": recommendation.status,
            "answer": answer.pk,
            "kind": kind,
            "text": text,
            "late": answer.is_late,
            "files": [item.name for item in checked],
        },
    )

    def after_commit():
        from danvan.notifications import reminders

        reminders.resolve(notices.DUE, recommendation.pk)
        notices.recommendation_answered(recommendation, answer)

    transaction.on_commit(after_commit)
    return answer


# --- The issuer verifies or returns ------------------------------------------------------------


def _pending_answer(actor, recommendation: Recommendation) -> RecommendationAnswer:
    if recommendation.status != RecommendationStatus.ANSWERED:
        if recommendation.is_closed:
            raise ConflictError(_("This recommendation is closed already."), code="closed")
        raise ConflictError(
            _("There is no answer to verify: the addressee has not answered yet."),
            code="not_answered",
        )
    answer = (
        recommendation.answers.select_for_update()
        .filter(outcome=AnswerOutcome.PENDING)
        .order_by("-id")
        .first()
    )
    if answer is None:  # pragma: no cover — an answered recommendation always has one
        raise ConflictError(_("There is no answer to verify."), code="not_answered")
    if answer.answered_by_id == getattr(actor, "pk", None):
        raise PermissionDeniedError(
            _("You wrote this answer: another person of the issuing unit verifies it.")
        )
    return answer


@transaction.atomic
def recommendation_verify(
    *, actor, recommendation: Recommendation, note: str = "", version: int | None = None
) -> Recommendation:
    """The issuer accepts the answer and closes the recommendation: *done* when it was carried
    out or explained, *not accepted* when the addressee declined it with reasons."""
    if not rules.can_follow_up(actor, recommendation):
        raise PermissionDeniedError()
    recommendation = lock(recommendation)
    check_version(recommendation, version)
    answer = _pending_answer(actor, recommendation)
    note = clean_text(note, field="note", label=_("note"), max_length=TEXT_MAX)
    now = timezone.now()
    answer.outcome, answer.reviewed_by, answer.reviewed_at = AnswerOutcome.ACCEPTED, actor, now
    answer.review_note = note
    answer.save(update_fields=["outcome", "reviewed_by", "reviewed_at", "review_note"])
    before = audit.snapshot(recommendation, _AUDITED)
    recommendation.status = (
        RecommendationStatus.NOT_ACCEPTED
        if answer.kind == AnswerKind.DECLINED
        else RecommendationStatus.DONE
    )
    recommendation.closed_on = timezone.localdate(now)
    recommendation.verified_by = actor
    recommendation.verification_note = note
    bump(recommendation)
    recommendation.save()
    audit.record(
        actor,
        "recommendation.verified",
        recommendation,
        before=before,
        after={**audit.snapshot(recommendation, _AUDITED), "answer": answer.pk},
    )
    transaction.on_commit(
        lambda: notices.recommendation_reviewed(recommendation, answer, accepted=True)
    )
    return recommendation


@transaction.atomic
def recommendation_return(
    *, actor, recommendation: Recommendation, note: str, version: int | None = None
) -> Recommendation:
    """The issuer does not accept the answer (not done, not convincing): the recommendation is
    open again — overdue if its deadline has passed — and the addressee reads why."""
    if not rules.can_follow_up(actor, recommendation):
        raise PermissionDeniedError()
    recommendation = lock(recommendation)
    check_version(recommendation, version)
    answer = _pending_answer(actor, recommendation)
    note = clean_text(
        note,
        field="note",
        label=_("reason for returning the answer"),
        max_length=TEXT_MAX,
        required=True,
    )
    now = timezone.now()
    answer.outcome, answer.reviewed_by, answer.reviewed_at = AnswerOutcome.RETURNED, actor, now
    answer.review_note = note
    answer.save(update_fields=["outcome", "reviewed_by", "reviewed_at", "review_note"])
    before = audit.snapshot(recommendation, ["status"])
    recommendation.status = _status_for_deadline(recommendation.due_date, timezone.localdate(now))
    recommendation.answered_at = None
    bump(recommendation)
    recommendation.save(update_fields=["status", "answered_at", "version", "updated_at"])
    audit.record(
        actor,
        "recommendation.returned",
        recommendation,
        before=before,
        after={"status": recommendation.status, "answer": answer.pk, "note": note},
    )
    transaction.on_commit(
        lambda: notices.recommendation_reviewed(recommendation, answer, accepted=False)
    )
    return recommendation


# --- Overdue --------------------------------------------------------------------------------------


def recommendations_mark_overdue(*, today: dt.date | None = None, chunk: int = 500) -> int:
    """Mark overdue every open recommendation whose deadline has passed (the nightly job).
    Each change is audited; safe to run twice and while people work (rows are locked and
    checked again)."""
    today = today or timezone.localdate()
    marked = 0
    while True:
        with transaction.atomic():
            rows = list(
                Recommendation.objects.select_for_update(skip_locked=True)
                .filter(status=RecommendationStatus.OPEN, due_date__lt=today)
                .order_by("due_date", "id")[:chunk]
            )
            if not rows:
                return marked
            ids = [row.pk for row in rows]
            Recommendation.objects.filter(pk__in=ids, status=RecommendationStatus.OPEN).update(
                status=RecommendationStatus.OVERDUE, updated_at=timezone.now()
            )
            for row in rows:
                audit.record(
                    None,
                    "recommendation.overdue",
                    row,
                    before={"status": RecommendationStatus.OPEN},
                    after={
                        "status": RecommendationStatus.OVERDUE,
                        "due_date": row.due_date.isoformat(),
                    },
                )
            marked += len(rows)
