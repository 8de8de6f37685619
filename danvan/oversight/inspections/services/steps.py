"""The steps of an inspection: notice, self-report, working records, findings, files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core import files as checked_files
from danvan.core.concurrency import bump, lock
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.oversight import rules
from danvan.oversight.inspections import notices
from danvan.oversight.inspections.services.common import (
    LINE_MAX,
    TEXT_MAX,
    _date,
    _not_future,
    _require,
    _require_open,
)
from danvan.oversight.models import (
    OPEN_INSPECTION,
    DocumentPart,
    Finding,
    FindingKind,
    Inspection,
    InspectionDocument,
    InspectionStatus,
    WorkingRecord,
)
from danvan.oversight.recommendations.services import show_date

# --- Steps ---------------------------------------------------------------------------------------


def _save_files(actor, inspection, part: str, checked, record=None) -> list[InspectionDocument]:
    saved = []
    for item in checked:
        document = InspectionDocument(
            inspection=inspection,
            part=part,
            record=record,
            original_name=item.name,
            kind=item.kind,
            size=item.size,
            uploaded_by=actor,
        )
        document.file.save(item.name, item.upload, save=True)
        saved.append(document)
    return saved


@transaction.atomic
def inspection_notify(
    *,
    actor,
    inspection: Inspection,
    notice_number: str,
    notice_date: dt.date,
    notice_text: str = "",
    self_report_due: dt.date | None = None,
    files: Sequence = (),
) -> Inspection:
    """The notice to the inspected unit (thông báo kiểm tra): what to prepare, the self-report's
    date. The unit sees its inspection from now on."""
    access.require(actor, rules.MANAGE, inspection.plan.unit)
    inspection = lock(inspection)
    if inspection.status != InspectionStatus.PLANNED:
        raise ConflictError(_("The unit was notified already."), code="notified")
    notice_date = _not_future(
        _date(notice_date, field="notice_date", label=_("notice date")),
        field="notice_date",
        label=_("notice date"),
    )
    if notice_date > inspection.starts_on:
        raise ValidationFailed(
            _("The notice comes before the inspection starts (%(date)s).")
            % {"date": show_date(inspection.starts_on)},
            field="notice_date",
        )
    if self_report_due is not None:
        self_report_due = _date(
            self_report_due, field="self_report_due", label=_("self-report date")
        )
        if not notice_date <= self_report_due <= inspection.ends_on:
            raise ValidationFailed(
                _("The self-report is due between the notice and the last day of the inspection."),
                field="self_report_due",
            )
    checked = checked_files.check_files(files)
    inspection.notice_number = clean_text(
        notice_number,
        field="notice_number",
        label=_("notice number"),
        max_length=60,
        required=True,
        one_line=True,
    )
    inspection.notice_date = notice_date
    inspection.notice_text = clean_text(
        notice_text, field="notice_text", label=_("notice"), max_length=TEXT_MAX
    )
    inspection.self_report_due = self_report_due
    inspection.status = InspectionStatus.NOTIFIED
    bump(inspection)
    inspection.save()
    _save_files(actor, inspection, DocumentPart.NOTICE, checked)
    audit.record(
        actor,
        "inspection.notified",
        inspection,
        after=audit.snapshot(
            inspection, ["status", "notice_number", "notice_date", "self_report_due"]
        ),
    )
    transaction.on_commit(lambda: notices.inspection_notified(inspection))
    return inspection


@transaction.atomic
def self_report_submit(
    *, actor, inspection: Inspection, text: str, files: Sequence = ()
) -> Inspection:
    """The inspected unit's self-report (báo cáo tự kiểm tra) with its files."""
    inspection = lock(inspection)
    if inspection.is_concluded:
        _require_open(inspection)
    _require(
        access.can(actor, rules.ANSWER, inspection.unit),
        _("Only the inspected unit sends its self-report."),
    )
    if inspection.status not in OPEN_INSPECTION:
        raise ConflictError(_("The unit has not been notified yet."), code="not_notified")
    text = clean_text(
        text, field="text", label=_("self-report"), max_length=TEXT_MAX, required=True
    )
    checked = checked_files.check_files(files)
    before = audit.snapshot(inspection, ["status", "self_report"])
    inspection.self_report = text
    inspection.self_reported_at = timezone.now()
    inspection.self_reported_by = actor
    inspection.status = InspectionStatus.IN_PROGRESS
    bump(inspection)
    inspection.save()
    saved = _save_files(actor, inspection, DocumentPart.SELF_REPORT, checked)
    audit.record(
        actor,
        "inspection.self_reported",
        inspection,
        before=before,
        after={
            "status": inspection.status,
            "self_report": text,
            "files": [d.original_name for d in saved],
        },
    )
    return inspection


def _require_recorder(actor, inspection: Inspection) -> None:
    _require_open(inspection)
    if inspection.status == InspectionStatus.PLANNED:
        raise ConflictError(_("Notify the unit first."), code="not_notified")
    if not rules.can_record(actor, inspection):
        if (
            rules.membership(actor, inspection) is None
            and inspection.members.filter(user_id=getattr(actor, "pk", None)).exists()
        ):
            raise PermissionDeniedError(
                _("Your place on this team has ended: the inspection ran until %(date)s.")
                % {"date": show_date(inspection.ends_on)}
            )
        raise PermissionDeniedError()


@transaction.atomic
def working_record_add(
    *,
    actor,
    inspection: Inspection,
    held_on: dt.date,
    content: str,
    place: str = "",
    participants: str = "",
    files: Sequence = (),
) -> WorkingRecord:
    """A working record (biên bản) of the visit: by the organiser or the team's head."""
    inspection = lock(inspection)
    _require_recorder(actor, inspection)
    held_on = _not_future(
        _date(held_on, field="held_on", label=_("date")), field="held_on", label=_("date")
    )
    if not inspection.starts_on <= held_on <= inspection.ends_on:
        raise ValidationFailed(
            _("The record's date falls within the inspection, %(start)s to %(end)s.")
            % {"start": show_date(inspection.starts_on), "end": show_date(inspection.ends_on)},
            field="held_on",
        )
    checked = checked_files.check_files(files)
    record = WorkingRecord.objects.create(
        inspection=inspection,
        held_on=held_on,
        place=clean_text(
            place, field="place", label=_("place"), max_length=LINE_MAX, one_line=True
        ),
        participants=clean_text(
            participants, field="participants", label=_("participants"), max_length=TEXT_MAX
        ),
        content=clean_text(
            content, field="content", label=_("content"), max_length=TEXT_MAX, required=True
        ),
        created_by=actor,
    )
    saved = _save_files(actor, inspection, DocumentPart.RECORD, checked, record=record)
    if inspection.status == InspectionStatus.NOTIFIED:
        inspection.status = InspectionStatus.IN_PROGRESS
        bump(inspection)
        inspection.save(update_fields=["status", "version", "updated_at"])
    audit.record(
        actor,
        "inspection.record_added",
        inspection,
        after={
            "record": record.pk,
            "held_on": held_on.isoformat(),
            "files": [d.original_name for d in saved],
        },
    )
    return record


@transaction.atomic
def finding_add(*, actor, inspection: Inspection, kind: str, text: str) -> Finding:
    inspection = lock(inspection)
    _require_recorder(actor, inspection)
    if kind not in FindingKind.values:
        raise ValidationFailed(_("Choose strength, shortcoming or violation."), field="kind")
    finding = Finding.objects.create(
        inspection=inspection,
        kind=kind,
        text=clean_text(text, field="text", label=_("finding"), max_length=TEXT_MAX, required=True),
        created_by=actor,
    )
    audit.record(
        actor,
        "inspection.finding_added",
        inspection,
        after={"finding": finding.pk, "kind": kind, "text": finding.text},
    )
    return finding


@transaction.atomic
def finding_delete(*, actor, finding: Finding) -> None:
    inspection = lock(finding.inspection)
    _require_recorder(actor, inspection)
    audit.record(
        actor,
        "inspection.finding_deleted",
        inspection,
        before={"finding": finding.pk, "text": finding.text},
    )
    finding.delete()


@transaction.atomic
def document_add(
    *, actor, inspection: Inspection, files: Sequence, part: str = DocumentPart.OTHER
) -> list[InspectionDocument]:
    inspection = lock(inspection)
    _require_recorder(actor, inspection)
    checked = checked_files.check_files(files)
    if not checked:
        raise ValidationFailed(_("Choose at least one file."), field="files")
    saved = _save_files(
        actor, inspection, part if part in DocumentPart.values else DocumentPart.OTHER, checked
    )
    audit.record(
        actor,
        "inspection.documents_added",
        inspection,
        after={"files": [d.original_name for d in saved]},
    )
    return saved
