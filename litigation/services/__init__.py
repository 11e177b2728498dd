"""Every write of the litigation app, one module per stage (docs/workflow.md). Gates in gates.py."""

from . import gates
from .hearing import attendance_record, hearing_confirm_head, hearing_schedule
from .intake import case_file_defence, case_register, case_update
from .outcome import (
    case_appeal,
    case_close,
    case_record_outcome,
    case_take_effect,
    performance_add,
    performance_done,
)
from .recommendation import recommendation_register, recommendation_reply

__all__ = [
    "attendance_record",
    "case_appeal",
    "case_close",
    "case_file_defence",
    "case_record_outcome",
    "case_register",
    "case_take_effect",
    "case_update",
    "gates",
    "hearing_confirm_head",
    "hearing_schedule",
    "performance_add",
    "performance_done",
    "recommendation_register",
    "recommendation_reply",
]
