"""Writes and rules of administrative enforcement, by stage (docs/law/enforcement.md)."""

from .certificates import (
    certificate_apply,
    certificate_cancel,
    certificate_check,
    certificate_issue,
    certificate_restore,
    certificate_revoke,
    certificate_submit,
    certificate_suspend,
    certificates_expire,
)
from .challenge import case_open_dispute
from .closing import case_add_record, case_close, case_transfer
from .decision import case_change_decision, case_decide, case_publish, case_serve, case_withdraw_publicity
from .filing import case_file
from .hearing import case_hold_hearing, case_inform, case_request_hearing, case_schedule_hearing
from .registers import agency_register, benchmark_create, item_create, officer_create, officer_update
from .review import case_request_review, case_review
from .training import (
    attendance_record,
    course_create,
    exam_result_record,
    exam_session_create,
    recompute_training_hours,
    training_hours_credit,
)

__all__ = [
    "agency_register",
    "attendance_record",
    "benchmark_create",
    "case_add_record",
    "case_change_decision",
    "case_close",
    "case_decide",
    "case_file",
    "case_hold_hearing",
    "case_inform",
    "case_open_dispute",
    "case_publish",
    "case_request_hearing",
    "case_request_review",
    "case_review",
    "case_schedule_hearing",
    "case_serve",
    "case_transfer",
    "case_withdraw_publicity",
    "certificate_apply",
    "certificate_cancel",
    "certificate_check",
    "certificate_issue",
    "certificate_restore",
    "certificate_revoke",
    "certificate_submit",
    "certificate_suspend",
    "certificates_expire",
    "course_create",
    "exam_result_record",
    "exam_session_create",
    "item_create",
    "officer_create",
    "officer_update",
    "recompute_training_hours",
    "training_hours_credit",
]
