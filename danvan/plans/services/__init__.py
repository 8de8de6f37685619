"""Writes of the plans app. Every function is keyword-only, atomic, checks access first and
writes the audit trail in the same transaction. Import from here:
``from danvan.plans import services; services.plan_issue(actor=..., ...)``."""

from danvan.plans.services.assignments import assignment_update_status
from danvan.plans.services.cascade import plan_cascade
from danvan.plans.services.common import assignable_units, territory_of
from danvan.plans.services.drafts import plan_create_from_draft
from danvan.plans.services.plans import (
    plan_amend,
    plan_create,
    plan_delete,
    plan_issue,
    plan_set_public,
    plan_update,
)
from danvan.plans.services.tasks import (
    recurring_deadlines_roll,
    section_create,
    section_delete,
    section_update,
    task_create,
    task_delete,
    task_update,
)

__all__ = [
    "assignable_units",
    "assignment_update_status",
    "plan_amend",
    "plan_cascade",
    "plan_create",
    "plan_create_from_draft",
    "plan_delete",
    "plan_issue",
    "plan_set_public",
    "plan_update",
    "recurring_deadlines_roll",
    "section_create",
    "section_delete",
    "section_update",
    "task_create",
    "task_delete",
    "task_update",
    "territory_of",
]
