"""Models of the oversight app: recommendations and topics (``recommendations``)."""

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
