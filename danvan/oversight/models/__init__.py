"""Models of the oversight app: recommendations and topics, inspections, supervision, council
questions and social critique."""

from danvan.oversight.models.inspections import (  # noqa: F401
    OPEN_INSPECTION,
    DocumentPart,
    Finding,
    FindingKind,
    Inspection,
    InspectionDocument,
    InspectionPlan,
    InspectionStatus,
    TeamMember,
    TeamRole,
    WorkingRecord,
)
from danvan.oversight.models.recommendations import (  # noqa: F401
    AWAITING,
    CLOSED,
    UNCLOSED,
    AnswerEvidence,
    AnswerKind,
    AnswerOutcome,
    Recommendation,
    RecommendationAnswer,
    RecommendationStatus,
    Topic,
    overdue_q,
)
from danvan.oversight.models.supervision import (  # noqa: F401
    CouncilSession,
    Critique,
    CritiqueStatus,
    CritiqueSubmission,
    DraftKind,
    Question,
    Supervision,
    SupervisionForm,
    SupervisionProgramme,
    SupervisionStatus,
    SupervisorKind,
)
