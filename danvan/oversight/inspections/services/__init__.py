"""Writes of inspections: the plan, the inspected units, the team, the notice, the unit's
self-report, working records, findings, files, the conclusion and its recommendations.

Every function is keyword-only and atomic, checks access first and writes the audit trail in
the same transaction. Steps follow the order of a real inspection (Luật Thanh tra 2025 keeps the
same skeleton for a thanh tra: decision and notice, work at the unit with records, a conclusion
signed with its number and date — Điều 36 —, then the follow-up of its recommendations —
Chương VI); a kiểm tra of dân vận work is lighter and each organiser sets its own dates.
"""

from danvan.oversight.inspections.services.common import LINE_MAX, TEXT_MAX
from danvan.oversight.inspections.services.conclusion import (
    conclusion_label,
    inspection_conclude,
    inspection_recommend,
)
from danvan.oversight.inspections.services.planning import (
    inspection_add,
    inspection_plan_create,
    inspection_plan_reported,
    inspection_plan_update,
    inspection_reschedule,
    team_member_add,
    team_member_remove,
)
from danvan.oversight.inspections.services.steps import (
    document_add,
    finding_add,
    finding_delete,
    inspection_notify,
    self_report_submit,
    working_record_add,
)

__all__ = [
    "LINE_MAX",
    "TEXT_MAX",
    "conclusion_label",
    "document_add",
    "finding_add",
    "finding_delete",
    "inspection_add",
    "inspection_conclude",
    "inspection_notify",
    "inspection_plan_create",
    "inspection_plan_reported",
    "inspection_plan_update",
    "inspection_recommend",
    "inspection_reschedule",
    "self_report_submit",
    "team_member_add",
    "team_member_remove",
    "working_record_add",
]
