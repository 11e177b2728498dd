"""The supervision services (docs/law/supervision.md), by stage."""

from .filing import filing_review, filing_submit
from .library import (
    guiding_create,
    guiding_publish,
    special_create,
    supervisor_activity_record,
    supervisor_appoint,
)
from .notice import notice_issue, notice_reply, notice_verify
from .quality import nominate, panel_score, selection_create, selection_publish
from .review import campaign_create, file_add, file_score, rubric_create, sample_draw, self_check_import

__all__ = [
    "campaign_create",
    "file_add",
    "file_score",
    "filing_review",
    "filing_submit",
    "guiding_create",
    "guiding_publish",
    "nominate",
    "notice_issue",
    "notice_reply",
    "notice_verify",
    "panel_score",
    "rubric_create",
    "sample_draw",
    "selection_create",
    "selection_publish",
    "self_check_import",
    "special_create",
    "supervisor_activity_record",
    "supervisor_appoint",
]
