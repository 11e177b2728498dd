from .case import CaseEvent, Defendant, LitigationCase
from .hearing import Attendance, Hearing
from .records import Performance, Recommendation

__all__ = [
    "Attendance",
    "CaseEvent",
    "Defendant",
    "Hearing",
    "LitigationCase",
    "Performance",
    "Recommendation",
]
