"""Writes of consultations (dân tham gia ý kiến, Luật 10/2022, Điều 25–27): put a draft to the
people until a deadline, take comments from the public page and from meetings, group them,
answer each group — accepted (tiếp thu) or explained (giải trình) — and only then decide, and
publish the answer table.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, NotFoundError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.democracy.models import (
    AnswerKind,
    Comment,
    CommentGroup,
    CommentSource,
    Consultation,
    ConsultationStatus,
    ConsultationSubject,
)
from danvan.democracy.rules import DECIDE, MANAGE
from danvan.democracy.services.common import (
    TEXT_MAX,
    TITLE_MAX,
    check_day,
    require_commune,
    show_date,
)

COMMENT_MAX = 5000
_AUDITED = [
    "subject",
    "title",
    "draft_text",
    "opens_on",
    "closes_on",
    "status",
    "decided_on",
    "decision",
    "answers_published",
]


def _snap(consultation: Consultation) -> dict:
    return audit.snapshot(consultation, _AUDITED)


def _fields(*, subject, title, draft_text, opens_on, closes_on) -> dict:
    if subject not in ConsultationSubject.values:
        raise ValidationFailed(_("Choose what the people are consulted on."), field="subject")
    opens_on = check_day(opens_on, field="opens_on", label=_("opening day"))
    closes_on = check_day(closes_on, field="closes_on", label=_("deadline for comments"))
    if closes_on < opens_on:
        raise ValidationFailed(
            _("The deadline cannot be before the opening day."), field="closes_on"
        )
    return {
        "subject": subject,
        "title": clean_text(
            title, field="title", label=_("title"), max_length=TITLE_MAX, required=True
        ),
        "draft_text": clean_text(
            draft_text, field="draft_text", label=_("draft"), max_length=TEXT_MAX * 5, required=True
        ),
        "opens_on": opens_on,
        "closes_on": closes_on,
    }


@transaction.atomic
def consultation_create(
    *, actor, unit, subject, title, draft_text, opens_on, closes_on
) -> Consultation:
    if unit is None:
        raise ValidationFailed(_("Choose the commune."), field="unit")
    access.require(actor, MANAGE, unit)
    require_commune(unit)
    data = _fields(
        subject=subject, title=title, draft_text=draft_text, opens_on=opens_on, closes_on=closes_on
    )
    consultation = Consultation.objects.create(unit=unit, created_by=actor, **data)
    audit.record(actor, "democracy.consultation.created", consultation, after=_snap(consultation))
    return consultation


@transaction.atomic
def consultation_update(
    *,
    actor,
    consultation: Consultation,
    subject,
    title,
    draft_text,
    opens_on,
    closes_on,
    version=None,
) -> Consultation:
    consultation = lock(consultation)
    access.require(actor, MANAGE, consultation)
    check_version(consultation, version)
    if consultation.status not in (ConsultationStatus.DRAFT, ConsultationStatus.OPEN):
        raise ConflictError(
            _("The comments are closed: the draft cannot change now."), code="closed"
        )
    data = _fields(
        subject=subject, title=title, draft_text=draft_text, opens_on=opens_on, closes_on=closes_on
    )
    if (
        consultation.status == ConsultationStatus.OPEN
        and data["draft_text"] != consultation.draft_text
    ) and consultation.comments.exists():
        raise ConflictError(
            _("People have commented on this draft: open a new consultation for a new draft."),
            code="commented",
        )
    before = _snap(consultation)
    for name, value in data.items():
        setattr(consultation, name, value)
    bump(consultation)
    consultation.save()
    audit.record(
        actor,
        "democracy.consultation.changed",
        consultation,
        before=before,
        after=_snap(consultation),
    )
    return consultation


def _move(
    actor, consultation: Consultation, *, from_status, to_status, action: str
) -> Consultation:
    consultation = lock(consultation)
    access.require(actor, MANAGE, consultation)
    if consultation.status != from_status:
        raise ConflictError(
            _("This consultation is “%(status)s”: that step is not possible now.")
            % {"status": consultation.get_status_display()},
            code="wrong_status",
        )
    before = _snap(consultation)
    consultation.status = to_status
    bump(consultation)
    consultation.save()
    audit.record(actor, action, consultation, before=before, after=_snap(consultation))
    return consultation


@transaction.atomic
def consultation_open(*, actor, consultation: Consultation) -> Consultation:
    """Put the draft on the public page for comments until the deadline."""
    if consultation.closes_on < timezone.localdate():
        raise ValidationFailed(
            _("The deadline has passed: set a later one first."), field="closes_on"
        )
    return _move(
        actor,
        consultation,
        from_status=ConsultationStatus.DRAFT,
        to_status=ConsultationStatus.OPEN,
        action="democracy.consultation.opened",
    )


@transaction.atomic
def consultation_close(*, actor, consultation: Consultation) -> Consultation:
    """Stop taking comments and start answering them (the deadline need not have passed)."""
    return _move(
        actor,
        consultation,
        from_status=ConsultationStatus.OPEN,
        to_status=ConsultationStatus.ANSWERING,
        action="democracy.consultation.closed",
    )


def _clean_comment(text, author, contact) -> dict:
    return {
        "text": clean_text(
            text, field="text", label=_("comment"), max_length=COMMENT_MAX, required=True
        ),
        "author": clean_text(
            author, field="author", label=_("name"), max_length=150, one_line=True
        ),
        "contact": clean_text(
            contact, field="contact", label=_("phone or e-mail"), max_length=150, one_line=True
        ),
    }


@transaction.atomic
def comment_public(*, consultation_id, text: str, author: str = "", contact: str = "") -> Comment:
    """A comment sent from the public page (no account)."""
    consultation = Consultation.objects.select_for_update().filter(pk=consultation_id).first()
    if consultation is None or consultation.status == ConsultationStatus.DRAFT:
        raise NotFoundError()
    today = timezone.localdate()
    if not consultation.accepts_comments(today):
        raise ConflictError(
            _("Comments on this draft closed on %(day)s.")
            % {"day": show_date(consultation.closes_on)}
            if today > consultation.closes_on or consultation.status != ConsultationStatus.OPEN
            else _("Comments open on %(day)s.") % {"day": show_date(consultation.opens_on)},
            code="comments_closed",
        )
    comment = Comment.objects.create(
        consultation=consultation,
        source=CommentSource.PUBLIC,
        received_on=today,
        **_clean_comment(text, author, contact),
    )
    audit.record(None, "democracy.comment.received", comment, after={"source": comment.source})
    return comment


@transaction.atomic
def comment_enter(
    *,
    actor,
    consultation: Consultation,
    source: str,
    text: str,
    author: str = "",
    village=None,
    received_on=None,
) -> Comment:
    """A comment from a meeting, the mailbox, a ballot … entered by staff."""
    consultation = lock(consultation)
    access.require(actor, MANAGE, consultation)
    if consultation.status not in (ConsultationStatus.OPEN, ConsultationStatus.ANSWERING):
        raise ConflictError(
            _("Comments are entered while the consultation is open or being answered."),
            code="wrong_status",
        )
    if source not in CommentSource.values or source == CommentSource.PUBLIC:
        raise ValidationFailed(_("Choose where the comment was received."), field="source")
    received_on = check_day(
        received_on or timezone.localdate(),
        field="received_on",
        label=_("date received"),
        future=False,
    )
    if received_on < consultation.opens_on or received_on > consultation.closes_on:
        raise ValidationFailed(
            _("Comments are taken from %(start)s to %(end)s.")
            % {"start": show_date(consultation.opens_on), "end": show_date(consultation.closes_on)},
            field="received_on",
        )
    if village is not None and not village.path.startswith(consultation.unit.path):
        raise ValidationFailed(_("Choose a village of this commune."), field="village")
    comment = Comment.objects.create(
        consultation=consultation,
        source=source,
        village=village,
        received_on=received_on,
        entered_by=actor,
        **_clean_comment(text, author, ""),
    )
    audit.record(actor, "democracy.comment.entered", comment, after={"source": source})
    return comment


@transaction.atomic
def comment_hide(*, actor, comment: Comment, hidden: bool = True) -> Comment:
    access.require(actor, MANAGE, comment)
    comment.is_hidden = bool(hidden)
    comment.save(update_fields=["is_hidden"])
    audit.record(actor, "democracy.comment.hidden", comment, after={"is_hidden": comment.is_hidden})
    return comment


def _require_answering(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.ANSWERING:
        raise ConflictError(
            _("Comments are grouped and answered once the consultation is closed for comments."),
            code="not_answering",
        )


@transaction.atomic
def group_create(
    *, actor, consultation: Consultation, summary: str, comment_ids=()
) -> CommentGroup:
    consultation = lock(consultation)
    access.require(actor, MANAGE, consultation)
    _require_answering(consultation)
    summary = clean_text(
        summary, field="summary", label=_("summary"), max_length=COMMENT_MAX, required=True
    )
    number = (consultation.groups.aggregate(n=Max("number"))["n"] or 0) + 1
    group = CommentGroup.objects.create(consultation=consultation, number=number, summary=summary)
    _assign(consultation, group, comment_ids)
    audit.record(
        actor,
        "democracy.comments.grouped",
        group,
        after={"number": number, "comments": sorted(comment_ids)},
    )
    return group


def _assign(consultation, group, comment_ids) -> int:
    ids = {int(i) for i in comment_ids if str(i).isdigit()}
    if not ids:
        return 0
    found = Comment.objects.filter(consultation=consultation, pk__in=ids)
    if found.count() != len(ids):
        raise ValidationFailed(_("Choose comments of this consultation."), field="comments")
    return found.update(group=group)


@transaction.atomic
def comments_assign(*, actor, group: CommentGroup, comment_ids) -> int:
    consultation = lock(group.consultation)
    access.require(actor, MANAGE, consultation)
    _require_answering(consultation)
    count = _assign(consultation, group, comment_ids)
    audit.record(
        actor,
        "democracy.comments.grouped",
        group,
        after={"comments": sorted(int(i) for i in comment_ids if str(i).isdigit())},
    )
    return count


@transaction.atomic
def group_answer(*, actor, group: CommentGroup, answer_kind: str, answer: str) -> CommentGroup:
    consultation = lock(group.consultation)
    access.require(actor, MANAGE, consultation)
    _require_answering(consultation)
    if answer_kind not in AnswerKind.values:
        raise ValidationFailed(_("Choose: accepted, or explained."), field="answer_kind")
    group.answer_kind = answer_kind
    group.answer = clean_text(
        answer, field="answer", label=_("answer"), max_length=COMMENT_MAX, required=True
    )
    group.answered_by, group.answered_at = actor, timezone.now()
    group.save()
    audit.record(actor, "democracy.comments.answered", group, after={"answer_kind": answer_kind})
    return group


def unanswered(consultation: Consultation) -> tuple[int, int]:
    """(comments in no group, groups without an answer): both must be 0 before deciding."""
    loose = consultation.comments.filter(group__isnull=True, is_hidden=False).count()
    open_groups = consultation.groups.filter(answer_kind="").count()
    return loose, open_groups


@transaction.atomic
def consultation_decide(
    *, actor, consultation: Consultation, decided_on, decision: str, publish: bool = True
) -> Consultation:
    """The authority decides, once every comment is answered (Luật 10/2022, Điều 27)."""
    consultation = lock(consultation)
    access.require(actor, DECIDE, consultation)
    _require_answering(consultation)
    loose, open_groups = unanswered(consultation)
    if loose or open_groups:
        raise ConflictError(
            _(
                "Answer every comment before deciding: %(loose)d comments are in no group and "
                "%(groups)d groups have no answer."
            )
            % {"loose": loose, "groups": open_groups},
            code="unanswered",
        )
    decided_on = check_day(decided_on, field="decided_on", label=_("date decided"), future=False)
    if decided_on < consultation.opens_on:
        raise ValidationFailed(
            _("The decision cannot come before the consultation opened."), field="decided_on"
        )
    before = _snap(consultation)
    consultation.decided_on = decided_on
    consultation.decision = clean_text(
        decision, field="decision", label=_("decision"), max_length=TEXT_MAX, required=True
    )
    consultation.status = ConsultationStatus.DECIDED
    consultation.answers_published = bool(publish)
    bump(consultation)
    consultation.save()
    audit.record(
        actor,
        "democracy.consultation.decided",
        consultation,
        before=before,
        after=_snap(consultation),
    )
    return consultation


@transaction.atomic
def answers_publish(*, actor, consultation: Consultation, published: bool = True) -> Consultation:
    consultation = lock(consultation)
    access.require(actor, MANAGE, consultation)
    if published:
        loose, open_groups = unanswered(consultation)
        if (
            consultation.status not in (ConsultationStatus.ANSWERING, ConsultationStatus.DECIDED)
            or loose
            or open_groups
        ):
            raise ConflictError(
                _("The answer table is published once every comment is answered."),
                code="unanswered",
            )
    before = _snap(consultation)
    consultation.answers_published = bool(published)
    bump(consultation)
    consultation.save()
    audit.record(
        actor,
        "democracy.consultation.published",
        consultation,
        before=before,
        after=_snap(consultation),
    )
    return consultation
