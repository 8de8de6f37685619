"""Writes of cases. Every function is keyword-only, typed, atomic, checks access first and
writes the audit trail in the same transaction. Import from here:
``from danvan.petitions.cases import services; services.case_accept(actor=..., case=...)``.

- ``intake``: cases arriving (an official, a citizen, a second level);
- ``processing``: accept, refuse, advise, file, forward, resolve, publish, hide, correct,
  handlers;
- ``time_limits``: the extensions the law allows, the time-limit rows and fields;
- ``identity``: a denouncer's confidential identity and files.
"""

from danvan.petitions.cases.services.common import (
    CONTENT_MAX,
    NOTE_MAX,
    default_field,
    seed_fields,
)
from danvan.petitions.cases.services.identity import (
    attachment_content,
    identity_grant,
    identity_read,
    read_identity_unaudited,
)
from danvan.petitions.cases.services.intake import (
    PUBLIC_KINDS,
    case_escalate,
    case_receive,
    case_receive_public,
    new_tracking_code,
    normal_tracking_code,
    public_units,
)
from danvan.petitions.cases.services.processing import (
    case_accept,
    case_advise,
    case_assign,
    case_file_duplicate,
    case_forward,
    case_hide,
    case_publish,
    case_refuse,
    case_resolve,
    case_unassign,
    case_update,
)
from danvan.petitions.cases.services.time_limits import (
    case_extend,
    case_extend_acceptance,
    field_save,
    time_limit_update,
)

__all__ = [
    "CONTENT_MAX",
    "NOTE_MAX",
    "PUBLIC_KINDS",
    "attachment_content",
    "case_accept",
    "case_advise",
    "case_assign",
    "case_escalate",
    "case_extend",
    "case_extend_acceptance",
    "case_file_duplicate",
    "case_forward",
    "case_hide",
    "case_publish",
    "case_receive",
    "case_receive_public",
    "case_refuse",
    "case_resolve",
    "case_unassign",
    "case_update",
    "default_field",
    "field_save",
    "identity_grant",
    "identity_read",
    "new_tracking_code",
    "normal_tracking_code",
    "public_units",
    "read_identity_unaudited",
    "seed_fields",
    "time_limit_update",
]
