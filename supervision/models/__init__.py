from .filing import DecisionFiling, FilingEvent
from .library import GuidingCase, SpecialSupervisor, SupervisorActivity
from .notice import NoticeEvent, SupervisionNotice
from .review import ReviewCampaign, ReviewedFile, Rubric, RubricItem, ScoreSheet

__all__ = [
    "DecisionFiling",
    "FilingEvent",
    "GuidingCase",
    "NoticeEvent",
    "ReviewCampaign",
    "ReviewedFile",
    "Rubric",
    "RubricItem",
    "ScoreSheet",
    "SpecialSupervisor",
    "SupervisionNotice",
    "SupervisorActivity",
]
