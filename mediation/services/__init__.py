"""Every write and every rule of mediation (多元化解), by workflow stage (docs/law/mediation.md).

Views, tasks and the demo seeder call these functions and nothing else. Each checks who may act (the
transition table's permission and the jurisdiction), checks the law (`gates`), locks the case row,
changes the status through `choices.WORKFLOW`, records a `CaseEvent` with its legal basis and starts
or stops the statutory clocks (`mediation.deadlines`).

Stages: `gates` · `intake` (registration, start, referral, refusal) · `mediating` (sessions,
agreement, failure, termination) · `performance` (performance, judicial confirmation, return visits) ·
`registers` (partner agreements, mediators).
"""

from .gates import (
    agreement_blockers,
    confirmation_due,
    confirmation_refusal,
    court_entrusted_refusal,
    is_confirmable,
    refer_refusal,
    start_refusal,
    terminate_refusal,
)
from .intake import case_record_refusal, case_refer, case_register, case_start, case_update
from .mediating import case_agree, case_fail, case_terminate, session_record
from .performance import (
    case_record_performed,
    case_start_performance,
    confirmation_apply,
    confirmation_record_ruling,
    return_visit_record,
)
from .registers import mediator_create, mediator_update, partner_agreement_create, partner_agreement_update

__all__ = [
    "agreement_blockers",
    "case_agree",
    "case_fail",
    "case_record_performed",
    "case_record_refusal",
    "case_refer",
    "case_register",
    "case_start",
    "case_start_performance",
    "case_terminate",
    "case_update",
    "confirmation_apply",
    "confirmation_due",
    "confirmation_record_ruling",
    "confirmation_refusal",
    "court_entrusted_refusal",
    "is_confirmable",
    "mediator_create",
    "mediator_update",
    "partner_agreement_create",
    "partner_agreement_update",
    "refer_refusal",
    "return_visit_record",
    "session_record",
    "start_refusal",
    "terminate_refusal",
]
