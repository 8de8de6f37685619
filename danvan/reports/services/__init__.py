"""Writes of periodic reports (keyword-only, atomic, audited)."""

from danvan.reports.services.rounds import (
    round_defaults,
    round_open,
    round_remind,
    round_update_dates,
    type_choices,
)
from danvan.reports.services.submissions import (
    check_values,
    field_name,
    submission_accept,
    submission_fill_from_round,
    submission_return,
    submission_save,
    submission_submit,
)
from danvan.reports.services.templates import (
    indicator_add,
    indicator_delete,
    template_copy,
    template_create,
    template_update,
)

__all__ = [
    "check_values",
    "field_name",
    "indicator_add",
    "indicator_delete",
    "round_defaults",
    "round_open",
    "round_remind",
    "round_update_dates",
    "submission_accept",
    "submission_fill_from_round",
    "submission_return",
    "submission_save",
    "submission_submit",
    "template_copy",
    "template_create",
    "template_update",
    "type_choices",
]
