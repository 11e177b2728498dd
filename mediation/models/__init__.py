"""Models of diversified dispute resolution (多元化解): mediation cases and their registers."""

from .case import (
    CaseEvent,
    JudicialConfirmation,
    MediationAgreement,
    MediationCase,
    MediationSession,
    Referral,
    ReturnVisit,
    mask_name,
)
from .registers import Mediator, PartnerAgreement

__all__ = [
    "CaseEvent",
    "JudicialConfirmation",
    "MediationAgreement",
    "MediationCase",
    "MediationSession",
    "Mediator",
    "PartnerAgreement",
    "Referral",
    "ReturnVisit",
    "mask_name",
]
