from .filing import DecisionFiling, FilingEvent
from .library import GuidingCase, SpecialCampaign, SpecialSupervisor, SupervisorActivity
from .notice import NoticeEvent, SupervisionNotice
from .quality import Nomination, PanelScore, QualitySelection
from .review import ReviewCampaign, ReviewedFile, Rubric, RubricItem, ScoreSheet

__all__ = [
    "DecisionFiling",
    "FilingEvent",
    "GuidingCase",
    "Nomination",
    "NoticeEvent",
    "PanelScore",
    "QualitySelection",
    "ReviewCampaign",
    "ReviewedFile",
    "Rubric",
    "RubricItem",
    "ScoreSheet",
    "SpecialCampaign",
    "SpecialSupervisor",
    "SupervisionNotice",
    "SupervisorActivity",
]
