"""Writes of citizen reception, voter petitions and dialogue conferences. Every function is
keyword-only, typed, atomic, checks access first and writes the audit trail in the same
transaction. Import from here:
``from danvan.petitions.reception import services; services.session_record(actor=..., ...)``.

- ``schedules``: the heads' regular reception days;
- ``sessions``: sessions held and the matters raised (a matter may become a case);
- ``voters``: voter-contact meetings and voter petitions (forward, answer, publish);
- ``dialogues``: dialogue conferences, issues and commitments (which become plan tasks).
"""

from danvan.petitions.reception.services.common import (
    LINE_MAX,
    MAX_COUNT,
    PLACE_MAX,
    TEXT_MAX,
    clean_past_date,
    show_date,
)
from danvan.petitions.reception.services.dialogues import (
    COMMITMENT_YEARS,
    PLAN_SYMBOL,
    dialogue_issue_add,
    dialogue_issue_make_task,
    dialogue_record,
    dialogue_update,
)
from danvan.petitions.reception.services.schedules import schedule_create, schedule_set_active
from danvan.petitions.reception.services.sessions import (
    matter_add,
    matter_to_case,
    session_record,
    session_update,
)
from danvan.petitions.reception.services.voters import (
    VOTER_ANSWER_DAYS,
    default_answer_due,
    forwardable_agencies,
    province_of,
    voter_meeting_record,
    voter_petition_add,
    voter_petition_answer,
    voter_petition_forward,
    voter_petition_publish,
    voter_petition_update,
)

__all__ = [
    "COMMITMENT_YEARS",
    "LINE_MAX",
    "MAX_COUNT",
    "PLACE_MAX",
    "PLAN_SYMBOL",
    "TEXT_MAX",
    "VOTER_ANSWER_DAYS",
    "clean_past_date",
    "default_answer_due",
    "dialogue_issue_add",
    "dialogue_issue_make_task",
    "dialogue_record",
    "dialogue_update",
    "forwardable_agencies",
    "matter_add",
    "matter_to_case",
    "province_of",
    "schedule_create",
    "schedule_set_active",
    "session_record",
    "session_update",
    "show_date",
    "voter_meeting_record",
    "voter_petition_add",
    "voter_petition_answer",
    "voter_petition_forward",
    "voter_petition_publish",
    "voter_petition_update",
]
