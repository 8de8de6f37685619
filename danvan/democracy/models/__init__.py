"""Grassroots democracy (dân chủ ở cơ sở): dân biết, dân bàn, dân làm, dân kiểm tra, dân giám
sát, dân thụ hưởng. One module per part of the law."""

from danvan.democracy.models.boards import (
    Activity,
    ActivityKind,
    Board,
    BoardKind,
    BoardMember,
    MemberRole,
    PublicWork,
    WorkUpdate,
)
from danvan.democracy.models.consultations import (
    AnswerKind,
    Comment,
    CommentGroup,
    CommentSource,
    Consultation,
    ConsultationStatus,
    ConsultationSubject,
)
from danvan.democracy.models.decisions import (
    RECOGNISED_KINDS,
    Ballot,
    Choice,
    DecisionForm,
    Household,
    HouseholdCode,
    Matter,
    MatterKind,
    MatterStatus,
)
from danvan.democracy.models.disclosures import (
    Audience,
    Channel,
    ChannelRule,
    Disclosure,
    DisclosureItem,
    Posting,
)

__all__ = [
    "RECOGNISED_KINDS",
    "Activity",
    "ActivityKind",
    "AnswerKind",
    "Audience",
    "Ballot",
    "Board",
    "BoardKind",
    "BoardMember",
    "Channel",
    "ChannelRule",
    "Choice",
    "Comment",
    "CommentGroup",
    "CommentSource",
    "Consultation",
    "ConsultationStatus",
    "ConsultationSubject",
    "DecisionForm",
    "Disclosure",
    "DisclosureItem",
    "Household",
    "HouseholdCode",
    "Matter",
    "MatterKind",
    "MatterStatus",
    "MemberRole",
    "Posting",
    "PublicWork",
    "WorkUpdate",
]
