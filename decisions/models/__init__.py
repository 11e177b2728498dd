"""Models of 重大行政决策 and 政府法律事务合法性审查 (重大行政决策程序暂行条例, 国务院令第713号)."""

from .decision import (
    CollectiveDiscussion,
    DecisionEvent,
    ExpertArgumentation,
    MajorDecision,
    PostEvaluation,
    PublicParticipation,
    RiskAssessment,
)
from .legal import (
    AdvisorConsultation,
    LawStudySession,
    LegalAdvisor,
    LegalAffairsMatter,
    MatterEvent,
    ReviewOpinion,
)

__all__ = [
    "AdvisorConsultation",
    "CollectiveDiscussion",
    "DecisionEvent",
    "ExpertArgumentation",
    "LawStudySession",
    "LegalAdvisor",
    "LegalAffairsMatter",
    "MajorDecision",
    "MatterEvent",
    "PostEvaluation",
    "PublicParticipation",
    "ReviewOpinion",
    "RiskAssessment",
]
