"""Every write and every rule of administrative reconsideration (行政复议法, 2023), by workflow stage.

Views, Celery tasks, the admin and the demo seeder call these functions and nothing else. Each one
checks who may act (the transition table's permission and the user's jurisdiction), checks the law,
locks the case row, changes its status through `choices.WORKFLOW` (core.workflow), records a
`CaseEvent` with the legal basis, starts or stops the statutory clocks (`reconsideration.deadlines`)
and queues notifications after commit. Refusals raise `ApplicationError` / `GateError` with a
Chinese message that cites the article. Each top-level service runs in its own durable transaction
(`core.workflow.service`).

Stages: `gates` (pure checks, also used by the pages) · `intake` · `acceptance` · `respondent` ·
`suspension` (and extension, conversion) · `hearing` (and committee, experts) · `mediation` ·
`handling` (three-tier opinions) · `decision` (and termination, service) · `closing` (and opinion
letters, 府院联动, the dispute timeline).
"""

from .acceptance import (
    case_accept,
    case_deem_abandoned,
    case_deem_accepted,
    case_reject,
)
from .closing import (
    LINKAGE_PARTNER_KINDS,
    case_archive,
    case_close,
    dispute_timeline_events,
    linkage_create,
    linkage_update,
    opinion_letter_issue,
    opinion_letter_record_receipt,
    opinion_letter_record_report,
)
from .decision import (
    case_decide,
    case_record_service,
    case_terminate,
)
from .gates import (
    OUTER_LIMIT_YEARS,
    OUTER_LIMIT_YEARS_REAL_ESTATE,
    ApplicationPeriod,
    acceptance_review_due,
    allowed_outcomes,
    application_period,
    approvers_of,
    can_approve,
    can_sign_decision,
    competent_body,
    decision_blockers,
    outer_limit,
    respondent_defaulted,
    respondent_reply_due,
    signers_of,
    simple_procedure_grounds,
)
from .handling import (
    case_reopen_trial,
    case_return_for_revision,
    case_submit_for_approval,
    opinion_draft,
    opinion_review,
)
from .hearing import (
    committee_consult,
    committee_meeting_create,
    expert_consultant_create,
    expert_consultant_update,
    expert_consultation_record,
    hearing_record,
    hearing_schedule,
)
from .intake import (
    CASE_EDITABLE_FIELDS,
    TIMELINESS_FIELDS,
    case_assign_handler,
    case_extend_correction,
    case_receive_correction,
    case_record_correction_notice_receipt,
    case_record_delay_reason,
    case_register,
    case_request_correction,
    case_start_review,
    case_update,
)
from .mediation import (
    case_conclude_by_mediation,
    case_set_mediation,
    mediation_session_record,
)
from .respondent import (
    case_receive_reply,
    case_record_copy_receipt,
    case_send_copy,
)
from .suspension import (
    case_convert_to_ordinary,
    case_extend,
    case_flag_suspension_limit,
    case_resume,
    case_suspend,
)

__all__ = [
    "CASE_EDITABLE_FIELDS",
    "LINKAGE_PARTNER_KINDS",
    "OUTER_LIMIT_YEARS",
    "OUTER_LIMIT_YEARS_REAL_ESTATE",
    "TIMELINESS_FIELDS",
    "ApplicationPeriod",
    "acceptance_review_due",
    "allowed_outcomes",
    "application_period",
    "approvers_of",
    "can_approve",
    "can_sign_decision",
    "case_accept",
    "case_archive",
    "case_assign_handler",
    "case_close",
    "case_conclude_by_mediation",
    "case_convert_to_ordinary",
    "case_decide",
    "case_deem_abandoned",
    "case_deem_accepted",
    "case_extend",
    "case_extend_correction",
    "case_flag_suspension_limit",
    "case_receive_correction",
    "case_receive_reply",
    "case_record_copy_receipt",
    "case_record_correction_notice_receipt",
    "case_record_delay_reason",
    "case_record_service",
    "case_register",
    "case_reject",
    "case_reopen_trial",
    "case_request_correction",
    "case_resume",
    "case_return_for_revision",
    "case_send_copy",
    "case_set_mediation",
    "case_start_review",
    "case_submit_for_approval",
    "case_suspend",
    "case_terminate",
    "case_update",
    "committee_consult",
    "committee_meeting_create",
    "competent_body",
    "decision_blockers",
    "dispute_timeline_events",
    "expert_consultant_create",
    "expert_consultant_update",
    "expert_consultation_record",
    "hearing_record",
    "hearing_schedule",
    "linkage_create",
    "linkage_update",
    "mediation_session_record",
    "opinion_draft",
    "opinion_letter_issue",
    "opinion_letter_record_receipt",
    "opinion_letter_record_report",
    "opinion_review",
    "outer_limit",
    "respondent_defaulted",
    "respondent_reply_due",
    "signers_of",
    "simple_procedure_grounds",
]
