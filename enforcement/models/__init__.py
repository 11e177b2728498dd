"""Models of administrative enforcement (行政执法): agencies and their items, officers and their
certificates, training and exams, and enforcement cases under the three systems."""

from .agency import DiscretionBenchmark, EnforcementAgency, EnforcementItem
from .case import CaseEvent, EnforcementCase, LegalReview, ProcessRecord
from .officer import (
    Certificate,
    CertificateEvent,
    ExamResult,
    ExamSession,
    Officer,
    OfficerTrainingHours,
    TrainingAttendance,
    TrainingCourse,
)

__all__ = [
    "CaseEvent",
    "Certificate",
    "CertificateEvent",
    "DiscretionBenchmark",
    "EnforcementAgency",
    "EnforcementCase",
    "EnforcementItem",
    "ExamResult",
    "ExamSession",
    "LegalReview",
    "Officer",
    "OfficerTrainingHours",
    "ProcessRecord",
    "TrainingAttendance",
    "TrainingCourse",
]
