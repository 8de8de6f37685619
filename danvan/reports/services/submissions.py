"""A unit's report in a round: filling the draft, submitting (leaders), the recipient accepting
or returning it, and filling it from a consolidation one level down (multi-level reporting)."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.calendar import work_calendar
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.reports import notices, selectors
from danvan.reports.models import (
    EDITABLE_STATUSES,
    Indicator,
    ReportRound,
    Submission,
    SubmissionStatus,
    SubmissionValue,
    SubmissionVersion,
)
from danvan.reports.rules import MANAGE, REVIEW, SUBMIT

SECTION_MAX = 50_000
NOTE_MAX = 500
COMMENT_MAX = 5_000
VALUE_MAX = Decimal("1e15")


def field_name(indicator: Indicator) -> str:
    return f"value_{indicator.pk}"


def _show(day) -> str:
    return formats.date_format(day, "d/m/Y")


def _require_open(report_round: ReportRound, today) -> None:
    """ "Outside the period": before the round opens or after it closes."""
    if today < report_round.opens_on:
        raise ValidationFailed(
            _("This round opens on %(date)s: reports cannot be written before.")
            % {"date": _show(report_round.opens_on)},
            code="round_not_open",
        )
    if report_round.closes_on and today > report_round.closes_on:
        raise ValidationFailed(
            _("This round closed on %(date)s: reports are no longer received.")
            % {"date": _show(report_round.closes_on)},
            code="round_closed",
        )


def _require_editable(submission: Submission) -> None:
    if submission.status not in EDITABLE_STATUSES:
        raise ConflictError(
            _(
                "This report has been submitted and is locked. The recipient can return it for "
                "changes."
            ),
            code="locked",
        )


def to_decimal(raw, indicator: Indicator) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(
            _("“%(indicator)s”: enter a number.") % {"indicator": indicator.label},
            field=field_name(indicator),
        ) from None
    if not value.is_finite() or abs(value) >= VALUE_MAX:
        raise ValidationFailed(
            _("“%(indicator)s”: this number is too large.") % {"indicator": indicator.label},
            field=field_name(indicator),
        )
    return value


def check_values(indicators: list[Indicator], values: dict[int, Decimal | None]) -> None:
    """Each figure against its indicator's rules; the first broken rule is raised."""
    for indicator in indicators:
        value = values.get(indicator.pk)
        if value is None:
            continue
        name = {"indicator": indicator.label}
        if indicator.non_negative and value < 0:
            raise ValidationFailed(
                _("“%(indicator)s” cannot be negative.") % name, field=field_name(indicator)
            )
        if indicator.integer_only and value != value.to_integral_value():
            raise ValidationFailed(
                _("“%(indicator)s” must be a whole number.") % name, field=field_name(indicator)
            )
        if value != value.quantize(Decimal("0.01")):
            raise ValidationFailed(
                _("“%(indicator)s”: at most two decimals.") % name, field=field_name(indicator)
            )
        limit_id = indicator.at_most_id
        if limit_id and values.get(limit_id) is not None and value > values[limit_id]:
            limit = next((i for i in indicators if i.pk == limit_id), None)
            raise ValidationFailed(
                _("“%(indicator)s” cannot be more than “%(limit)s” (%(max)s).")
                % {**name, "limit": limit.label if limit else "", "max": values[limit_id]},
                field=field_name(indicator),
            )


def _clean_narrative(submission: Submission, narrative: dict | None) -> dict:
    keys = [key for key, _title in submission.round.template.section_list()]
    clean = dict(submission.narrative or {})
    for key in keys:
        if narrative is not None and key in narrative:
            clean[key] = clean_text(
                narrative[key], field=f"section_{key}", label=_("section"), max_length=SECTION_MAX
            )
    return {key: clean.get(key, "") for key in keys}


def _store(
    actor, submission: Submission, narrative: dict | None, values: dict | None, notes: dict | None
) -> Submission:
    access.require(actor, MANAGE, submission)
    _require_editable(submission)
    report_round = submission.round
    _require_open(report_round, timezone.localdate())
    indicators = list(report_round.template.indicators.all())
    stored = {v.indicator_id: v for v in submission.values.all()}
    current = {pk: row.value for pk, row in stored.items()}
    if values is not None:
        for indicator in indicators:
            if indicator.pk in values:
                current[indicator.pk] = to_decimal(values[indicator.pk], indicator)
    check_values(indicators, current)
    notes = notes or {}
    missing_prefill = [i for i in indicators if i.source_key and i.pk not in stored]
    prefilled = selectors.known_figures_for(submission, missing_prefill) if missing_prefill else {}
    new_rows, changed_rows = [], []
    for indicator in indicators:
        note = (
            clean_text(
                notes.get(indicator.pk, ""),
                field=f"note_{indicator.pk}",
                label=_("note"),
                max_length=NOTE_MAX,
            )
            if indicator.pk in notes
            else None
        )
        row = stored.get(indicator.pk)
        if row is None:
            if current.get(indicator.pk) is None and indicator.pk not in prefilled and not note:
                continue
            known = prefilled.get(indicator.pk)
            new_rows.append(
                SubmissionValue(
                    submission=submission,
                    indicator=indicator,
                    value=current.get(indicator.pk),
                    prefilled=Decimal(known) if known is not None else None,
                    note=note or "",
                )
            )
        elif row.value != current.get(indicator.pk) or (note is not None and note != row.note):
            row.value = current.get(indicator.pk)
            if note is not None:
                row.note = note
            changed_rows.append(row)
    SubmissionValue.objects.bulk_create(new_rows)
    SubmissionValue.objects.bulk_update(changed_rows, ["value", "note"])
    before = audit.snapshot(submission, ["status", "narrative"])
    submission.narrative = _clean_narrative(submission, narrative)
    if submission.status == SubmissionStatus.PENDING:
        submission.status = SubmissionStatus.DRAFT
    submission.save(update_fields=["narrative", "status", "updated_at"])
    audit.record(
        actor,
        "report.saved",
        submission,
        before=before,
        after={
            **audit.snapshot(submission, ["status", "narrative"]),
            "figures": {i.code: _plain(current.get(i.pk)) for i in indicators},
        },
    )
    return submission


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return str(value.normalize()) if value == value.to_integral_value() else str(value)


@transaction.atomic
def submission_save(
    *,
    actor,
    submission: Submission,
    narrative: dict | None = None,
    values: dict | None = None,
    notes: dict | None = None,
) -> Submission:
    """Save the draft: narrative sections by key, figures by indicator id (blank allowed),
    notes explaining a changed pre-filled figure. A figure breaking its rule saves nothing."""
    return _store(actor, submission, narrative, values, notes)


def is_late(report_round: ReportRound, when) -> bool:
    """Late when sent after the due day (a due day that is a day off runs to the next
    working day)."""
    due = work_calendar().next_working_day(report_round.due_date)
    return timezone.localdate(when) > due


@transaction.atomic
def submission_submit(
    *,
    actor,
    submission: Submission,
    narrative: dict | None = None,
    values: dict | None = None,
    notes: dict | None = None,
    now=None,
) -> Submission:
    """A leader sends the report: every figure filled, then locked as a new version. Late is
    allowed and marked."""
    if not access.can(actor, SUBMIT, submission.unit):
        access.require(actor, "reports.view", submission)
        raise PermissionDeniedError(
            _("Only a leader of the unit can submit its report."), code="leader_only"
        )
    submission = _store(actor, submission, narrative, values, notes)
    indicators = list(submission.round.template.indicators.all())
    figures = {v.indicator_id: v.value for v in submission.values.all()}
    empty = [i for i in indicators if figures.get(i.pk) is None]
    if empty:
        raise ValidationFailed(
            _("Fill in every figure before submitting: “%(indicator)s” is empty.")
            % {"indicator": empty[0].label},
            field=field_name(empty[0]),
            code="figure_missing",
        )
    if not any((text or "").strip() for text in submission.narrative.values()) and (
        submission.round.template.section_list()
    ):
        raise ValidationFailed(
            _("Write at least one narrative section before submitting."),
            code="narrative_missing",
        )
    now = now or timezone.now()
    before = audit.snapshot(submission, ["status", "version", "is_late"])
    late = is_late(submission.round, now)
    submission.version += 1
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = now
    if submission.first_submitted_at is None:
        submission.first_submitted_at = now
        submission.is_late = late
    submission.review_comment = ""
    submission.save()
    SubmissionVersion.objects.create(
        submission=submission,
        number=submission.version,
        narrative=submission.narrative,
        figures={i.code: _plain(figures.get(i.pk)) for i in indicators},
        submitted_by=actor,
        submitted_at=now,
        is_late=late,
    )
    audit.record(
        actor,
        "report.submitted",
        submission,
        before=before,
        after=audit.snapshot(submission, ["status", "version", "is_late"]),
    )
    notices.submitted(submission)
    from danvan.notifications import reminders

    reminders.resolve(notices.DUE, submission.pk)
    return submission


def _review(actor, submission: Submission, *, accept: bool, comment: str) -> Submission:
    if not access.can(actor, REVIEW, submission.round.recipient):
        access.require(actor, "reports.view", submission)
        raise PermissionDeniedError(
            _("Only the recipient of the round can accept or return a report."),
            code="recipient_only",
        )
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ConflictError(
            _("Only a submitted report waiting for review can be accepted or returned."),
            code="not_submitted",
        )
    comment = clean_text(
        comment,
        field="comment",
        label=_("comments"),
        max_length=COMMENT_MAX,
        required=not accept,
    )
    before = audit.snapshot(submission, ["status", "review_comment"])
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.RETURNED
    submission.review_comment = comment
    submission.save(update_fields=["status", "review_comment", "updated_at"])
    SubmissionVersion.objects.filter(submission=submission, number=submission.version).update(
        outcome=submission.status, reviewed_by=actor, reviewed_at=timezone.now(), comment=comment
    )
    audit.record(
        actor,
        "report.accepted" if accept else "report.returned",
        submission,
        before=before,
        after=audit.snapshot(submission, ["status", "review_comment"]),
    )
    notices.reviewed(submission, accepted=accept)
    return submission


@transaction.atomic
def submission_accept(*, actor, submission: Submission, comment: str = "") -> Submission:
    return _review(actor, submission, accept=True, comment=comment)


@transaction.atomic
def submission_return(*, actor, submission: Submission, comment: str) -> Submission:
    """Back to the unit with comments; it edits and a leader submits again."""
    if not (comment or "").strip():
        raise ValidationFailed(
            _("Say what must be corrected: the comments are required to return a report."),
            field="comment",
        )
    return _review(actor, submission, accept=False, comment=comment)


@transaction.atomic
def submission_fill_from_round(
    *, actor, submission: Submission, source_round: ReportRound
) -> Submission:
    """Multi-level reporting: a unit that consolidated a round below fills its own report one
    level up from it — figures by indicator code (sum or average of the accepted reports) and
    the narrative sections compiled unit by unit. Everything stays editable until submitted."""
    access.require(actor, MANAGE, submission)
    if source_round.pk == submission.round_id or not selectors.can_feed(
        actor, source_round, submission
    ):
        raise ValidationFailed(
            _("Choose a round your unit received and consolidated."), field="source_round"
        )
    totals = {row.indicator.code: row.total for row in selectors.consolidated_figures(source_round)}
    indicators = list(submission.round.template.indicators.all())
    values = {
        i.pk: totals[i.code].quantize(Decimal("1") if i.integer_only else Decimal("0.01"))
        for i in indicators
        if totals.get(i.code) is not None
    }
    narrative = {
        key: text[:SECTION_MAX]
        for key, text in selectors.compiled_narrative_text(source_round).items()
    }
    submission = _store(actor, submission, narrative, values, None)
    submission.filled_from = source_round
    submission.save(update_fields=["filled_from"])
    audit.record(actor, "report.filled_from_round", submission, after={"round": source_round.pk})
    return submission
