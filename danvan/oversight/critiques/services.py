"""Writes of social critique (phản biện xã hội).

A unit publishes a draft (plan, policy, project, regulation) and asks the Fatherland Front and
the member organisations for their critique by a date (Quyết định 217-QĐ/TW, 2013, now Quy
định 124-QĐ/TW, 2023; Luật Mặt trận Tổ quốc Việt Nam 2015, Điều 32–35). Each organisation
sends its critique point by point; every point is a recommendation to the drafting unit, due by
the draft's answer date. The drafting unit answers each point — accepted (tiếp thu), explained
(giải trình) or not accepted with its reasons (không tiếp thu) — and cannot issue the final text
while a point is unanswered. The answer table is a document of the drafting unit.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.oversight import kinds, rules
from danvan.oversight.checks import check_date, check_units_in_reach, not_future
from danvan.oversight.models import (
    AWAITING,
    Critique,
    CritiqueStatus,
    CritiqueSubmission,
    DraftKind,
    Recommendation,
)
from danvan.oversight.recommendations import services as recommendations
from danvan.oversight.recommendations.selectors import of_source
from danvan.oversight.recommendations.services import show_date
from danvan.units.models import OrgUnit

TEXT_MAX = 20_000
POINT_MAX = 5000
MAX_POINTS = 100
MAX_ORGANISATIONS = 50


def _text(value, field, label, *, required=False, max_length=TEXT_MAX, one_line=False):
    return clean_text(
        value,
        field=field,
        label=label,
        max_length=max_length,
        required=required,
        one_line=one_line,
    )


@transaction.atomic
def critique_create(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    title: str,
    organisations,
    published_on: dt.date,
    critique_due: dt.date,
    answer_due: dt.date,
    summary: str = "",
    topic=None,
) -> Critique:
    """Publish a draft for critique by the organisations chosen, with the two deadlines."""
    from danvan.oversight import notices

    if unit is None:
        raise ValidationFailed(_("Choose the drafting unit."), field="unit")
    access.require(actor, rules.MANAGE, unit)
    if kind not in DraftKind.values:
        raise ValidationFailed(_("Choose the kind of draft."), field="kind")
    organisations = list(organisations or [])
    if not organisations:
        raise ValidationFailed(
            _("Choose the organisations asked to critique."), field="organisations"
        )
    if len(organisations) > MAX_ORGANISATIONS:
        raise ValidationFailed(
            _("Choose at most %(max)d organisations.") % {"max": MAX_ORGANISATIONS},
            field="organisations",
        )
    organisations = check_units_in_reach(unit, organisations, field="organisations")
    published_on = not_future(
        check_date(published_on, field="published_on", label=_("publication date")),
        field="published_on",
        label=_("publication date"),
    )
    critique_due = check_date(critique_due, field="critique_due", label=_("date"))
    answer_due = check_date(answer_due, field="answer_due", label=_("date"))
    if critique_due < published_on:
        raise ValidationFailed(
            _("The critiques are due after the draft is published (%(date)s).")
            % {"date": show_date(published_on)},
            field="critique_due",
        )
    if answer_due < critique_due:
        raise ValidationFailed(
            _("The answers are due after the critiques (%(date)s).")
            % {"date": show_date(critique_due)},
            field="answer_due",
        )
    critique = Critique.objects.create(
        unit=unit,
        kind=kind,
        title=_text(title, "title", _("draft"), required=True, max_length=500, one_line=True),
        summary=_text(summary, "summary", _("summary")),
        topic=topic,
        published_on=published_on,
        critique_due=critique_due,
        answer_due=answer_due,
        created_by=actor,
    )
    critique.organisations.set(organisations)
    audit.record(
        actor,
        "critique.published",
        critique,
        after={**audit.snapshot(critique), "organisations": [o.pk for o in organisations]},
    )
    transaction.on_commit(lambda: notices.critique_published(critique, organisations))
    return critique


def submission_label(submission: CritiqueSubmission) -> str:
    reference = f" số {submission.reference}" if submission.reference else ""
    return (
        f"Văn bản phản biện{reference} ngày {show_date(submission.submitted_on)} của "
        f"{submission.organisation.name} về dự thảo {submission.critique.title}"
    )


def _add_point(actor, submission: CritiqueSubmission, text: str) -> Recommendation:
    critique = submission.critique
    return recommendations.recommendation_create(
        actor=actor,
        issuer=submission.organisation,
        addressee=critique.unit,
        source_kind=kinds.CRITIQUE,
        source=submission,
        source_label=submission_label(submission),
        source_url=reverse("oversight:critique-detail", args=[critique.pk]),
        text=text,
        topic=critique.topic,
        issued_on=submission.submitted_on,
        due_date=max(critique.answer_due, submission.submitted_on),
        issued_on_label=_("the critique"),
    )


@transaction.atomic
def critique_submit(
    *,
    actor,
    critique: Critique,
    organisation: OrgUnit | None,
    submitted_on: dt.date,
    points: list[str],
    reference: str = "",
    summary: str = "",
) -> CritiqueSubmission:
    """An organisation's critique, point by point; each point goes to the drafting unit."""
    critique = lock(critique)
    if organisation is None:
        raise ValidationFailed(_("Choose your organisation."), field="organisation")
    access.require(actor, rules.MANAGE, organisation)
    if not critique.organisations.filter(pk=organisation.pk).exists():
        raise ValidationFailed(
            _("%(unit)s was not asked to critique this draft.") % {"unit": organisation.name},
            field="organisation",
        )
    if critique.is_final:
        raise ConflictError(
            _("The final text has been issued: critiques are closed."), code="final"
        )
    submitted_on = not_future(
        check_date(submitted_on, field="submitted_on", label=_("date")),
        field="submitted_on",
        label=_("date"),
    )
    if submitted_on < critique.published_on:
        raise ValidationFailed(
            _("A critique comes after the draft was published (%(date)s).")
            % {"date": show_date(critique.published_on)},
            field="submitted_on",
        )
    if submitted_on > critique.critique_due:
        raise ValidationFailed(
            _("Critiques were due by %(date)s.") % {"date": show_date(critique.critique_due)},
            field="submitted_on",
            code="late",
        )
    if critique.submissions.filter(organisation=organisation).exists():
        raise ValidationFailed(
            _("%(unit)s has sent its critique already: add points to it.")
            % {"unit": organisation.name},
            field="organisation",
            code="duplicate",
        )
    cleaned = [_text(point, "points", _("point"), max_length=POINT_MAX) for point in (points or [])]
    cleaned = [point for point in cleaned if point]
    if not cleaned:
        raise ValidationFailed(_("Write at least one point of critique."), field="points")
    if len(cleaned) > MAX_POINTS:
        raise ValidationFailed(_("At most %(max)d points.") % {"max": MAX_POINTS}, field="points")
    submission = CritiqueSubmission.objects.create(
        critique=critique,
        organisation=organisation,
        reference=_text(
            reference, "reference", _("number and symbol"), max_length=60, one_line=True
        ),
        submitted_on=submitted_on,
        summary=_text(summary, "summary", _("general opinion")),
        submitted_by=actor,
    )
    for point in cleaned:
        _add_point(actor, submission, point)
    audit.record(
        actor,
        "critique.submitted",
        critique,
        after={
            "submission": submission.pk,
            "organisation": organisation.pk,
            "points": len(cleaned),
        },
    )
    return submission


@transaction.atomic
def critique_point_add(*, actor, submission: CritiqueSubmission, text: str) -> Recommendation:
    """One more point to a critique already sent (while the draft is open)."""
    critique = lock(submission.critique)
    access.require(actor, rules.MANAGE, submission.organisation)
    if critique.is_final:
        raise ConflictError(
            _("The final text has been issued: critiques are closed."), code="final"
        )
    text = _text(text, "text", _("point"), required=True, max_length=POINT_MAX)
    return _add_point(actor, submission, text)


def critique_points(critique: Critique):
    """Every point of every critique of the draft, in order (a queryset)."""
    from django.contrib.contenttypes.models import ContentType

    return Recommendation.objects.filter(
        source_kind=kinds.CRITIQUE,
        source_type=ContentType.objects.get_for_model(CritiqueSubmission),
        source_id__in=critique.submissions.values("pk"),
    )


@transaction.atomic
def critique_issue_final(
    *,
    actor,
    critique: Critique,
    final_number: str,
    final_date: dt.date,
    signer_name: str = "",
    signer_position: str = "",
    version: int | None = None,
) -> Critique:
    """Issue the final text: refused while a point of a critique waits for its answer."""
    access.require(actor, rules.ISSUE, critique)
    critique = lock(critique)
    check_version(critique, version)
    if critique.is_final:
        raise ConflictError(_("The final text was issued already."), code="final")
    waiting = critique_points(critique).filter(status__in=AWAITING).count()
    if waiting:
        raise ConflictError(
            ngettext(
                "%(n)d point of the critiques has not been answered: answer every point "
                "(accepted, explained, or not accepted with reasons) before issuing the final text.",
                "%(n)d points of the critiques have not been answered: answer every point "
                "(accepted, explained, or not accepted with reasons) before issuing the final text.",
                waiting,
            )
            % {"n": waiting},
            code="unanswered_points",
        )
    day = not_future(
        check_date(final_date, field="final_date", label=_("date")),
        field="final_date",
        label=_("date"),
    )
    last = critique.submissions.aggregate(last=Max("submitted_on"))["last"] or critique.published_on
    if day < last:
        raise ValidationFailed(
            _("The final text comes after the critiques (%(date)s).") % {"date": show_date(last)},
            field="final_date",
        )
    critique.final_number = _text(
        final_number,
        "final_number",
        _("number and symbol"),
        required=True,
        max_length=60,
        one_line=True,
    )
    critique.final_date = day
    critique.signer_name = _text(
        signer_name, "signer_name", _("signer"), max_length=150, one_line=True
    )
    critique.signer_position = _text(
        signer_position, "signer_position", _("signer's position"), max_length=150, one_line=True
    )
    critique.status = CritiqueStatus.FINAL
    bump(critique)
    critique.save()
    audit.record(
        actor,
        "critique.final_issued",
        critique,
        after=audit.snapshot(critique, ["status", "final_number", "final_date"]),
    )
    return critique


def submission_points(submission: CritiqueSubmission):
    return of_source(Recommendation.objects.all(), submission).order_by("number", "id")
