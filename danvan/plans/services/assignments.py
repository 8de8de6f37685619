"""Assignees report the status of their part of a task, with a note and evidence files."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core import files as evidence
from danvan.core.errors import ValidationFailed
from danvan.core.validation import clean_text
from danvan.plans.models import AssignmentStatus, TaskAssignment, TaskEvidence, TaskUpdate
from danvan.plans.rules import MANAGE
from danvan.plans.services import common

NOTE_MAX = 5000


def _clean_progress(status: str, progress) -> int:
    if status not in AssignmentStatus.values:
        raise ValidationFailed(
            _("Choose the status: not started, in progress or done."), field="status"
        )
    if status == AssignmentStatus.DONE:
        return 100
    if status == AssignmentStatus.NOT_STARTED:
        if progress not in (None, "", 0, "0"):
            raise ValidationFailed(
                _("A task that has not started has no progress: choose “in progress”."),
                field="progress",
            )
        return 0
    try:
        value = int(progress if progress not in (None, "") else 0)
    except (TypeError, ValueError):
        value = -1
    if not 0 <= value <= 100:
        raise ValidationFailed(
            _("Enter the progress as a whole percentage from 0 to 100."), field="progress"
        )
    if value == 100:
        raise ValidationFailed(
            _("A task at 100 percent is done: choose the status “done”."), field="progress"
        )
    return value


@transaction.atomic
def assignment_update_status(
    *,
    actor,
    assignment: TaskAssignment,
    status: str,
    progress: int | None = None,
    note: str = "",
    files: Sequence = (),
) -> TaskUpdate:
    """The assignee unit reports its own status (a unit managing it may report for it).

    "Overdue" is not a status one reports: a date deadline that passes before "done" makes
    the assignment overdue by itself."""
    access.require(actor, MANAGE, assignment)
    assignment = (
        TaskAssignment.objects.select_for_update(of=("self",))
        .select_related("task__plan__unit", "unit")
        .get(pk=assignment.pk)
    )
    common.require_issued(
        assignment.task.plan,
        _("Progress is reported on tasks of issued plans only."),
    )
    progress = _clean_progress(status, progress)
    note = clean_text(note, field="note", label=_("progress note"), max_length=NOTE_MAX)
    checked = evidence.check_files(files)  # every file checked before anything is written
    if (
        not note
        and not checked
        and (status, progress)
        == (
            assignment.status,
            assignment.progress,
        )
    ):
        raise ValidationFailed(
            _("Nothing to report: change the status or progress, write a note, or attach a file."),
            field="note",
            code="no_change",
        )
    before = audit.snapshot(assignment, ["status", "progress"])
    assignment.status, assignment.progress = status, progress
    assignment.save(update_fields=["status", "progress", "updated_at"])
    update = TaskUpdate.objects.create(
        assignment=assignment, author=actor, status=status, progress=progress, note=note
    )
    for item in checked:
        record = TaskEvidence(
            update=update, original_name=item.name, kind=item.kind, size=item.size
        )
        record.file.save(item.name, item.upload, save=True)
    audit.record(
        actor,
        "plan.task_status_updated",
        assignment,
        before=before,
        after={
            "status": status,
            "progress": progress,
            "update": update.pk,
            "note": note,
            "files": [item.name for item in checked],
        },
    )
    from danvan.plans import notices

    if status == AssignmentStatus.DONE:
        notices.assignments_closed([assignment.pk])
    return update
