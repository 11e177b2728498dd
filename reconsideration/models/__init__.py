"""Models of administrative reconsideration (行政复议), 行政复议法 (2023)."""

from .approval import ApprovalRequest, SignerAuthorisation
from .case import CaseDecision, CaseEvent, CaseSuspension, ReconsiderationCase
from .committee import CommitteeConsultation, CommitteeMeeting, ExpertConsultant, ExpertConsultation
from .handling import CaseOpinion, ExecutionStay, Hearing, MediationSession, OpinionLetter, PartyHearing
from .linkage import LinkageRecord

__all__ = [
    "ApprovalRequest",
    "CaseDecision",
    "CaseEvent",
    "CaseOpinion",
    "CaseSuspension",
    "CommitteeConsultation",
    "CommitteeMeeting",
    "ExecutionStay",
    "ExpertConsultant",
    "ExpertConsultation",
    "Hearing",
    "LinkageRecord",
    "MediationSession",
    "OpinionLetter",
    "PartyHearing",
    "ReconsiderationCase",
    "SignerAuthorisation",
]
