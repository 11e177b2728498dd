"""Every read of administrative reconsideration, by concern:

- `lists`: the case list and its queue tabs (the case-list FilterSet is applied here), their badges,
  the beat tasks' candidate cases;
- `case_page`: the case page and the staff its forms offer;
- `committee`: committee meetings, the expert register, linkage records;
- `stats`: the statistics table;
- `timeline`: the dispute timeline's reconsideration steps.

Every function starts from `visible_to(user)` (a county's officers see only their county's cases) and
owns its select_related / prefetch / annotations, so a page costs the same few queries whatever the
number of rows. Rules live in `services`; the gates it exposes (`decision_blockers`,
`allowed_outcomes`, …) are re-exported here for the pages. Callers import from this package
(`from reconsideration.selectors import X`), never from a submodule.
"""

from ..services import (
    COMMITTEE_STATUSES,
    acceptance_review_due,
    allowed_outcomes,
    approvers_of,
    can_approve,
    competent_body,
    decision_blockers,
    respondent_defaulted,
    respondent_reply_due,
    signers_of,
    simple_procedure_grounds,
)
from .case_page import (
    approvers,
    available_transitions,
    body_staff,
    case_clocks,
    case_deadlines,
    case_detail,
    case_log,
    decision_extensions,
    handlers,
    latest_draft,
    pending_request,
    signers,
)
from .committee import committee_meeting_list, consultable_cases, expert_list, linkage_list
from .common import SOON_WORKDAYS, with_next_deadline
from .lists import (
    PAGE_COLUMNS,
    QUEUES,
    QUEUES_BY_KEY,
    Queue,
    case_list,
    decorate_rows,
    deemed_abandonment_candidates,
    deemed_acceptance_candidates,
    due_soon,
    list_filters,
    my_cases,
    overdue,
    page_columns,
    pending_my_approval,
    pending_review,
    queue_counts,
    queue_rows,
    queues_for,
    suspension_limit_candidates,
)
from .stats import Period, ReconsiderationStats, correction_counts, statistics, statistics_period
from .timeline import dispute_timeline_events

__all__ = [
    "COMMITTEE_STATUSES",
    "PAGE_COLUMNS",
    "QUEUES",
    "QUEUES_BY_KEY",
    "SOON_WORKDAYS",
    "Period",
    "Queue",
    "ReconsiderationStats",
    "acceptance_review_due",
    "allowed_outcomes",
    "approvers",
    "approvers_of",
    "available_transitions",
    "body_staff",
    "can_approve",
    "case_clocks",
    "case_deadlines",
    "case_detail",
    "case_list",
    "case_log",
    "committee_meeting_list",
    "competent_body",
    "consultable_cases",
    "correction_counts",
    "decision_blockers",
    "decision_extensions",
    "decorate_rows",
    "deemed_abandonment_candidates",
    "deemed_acceptance_candidates",
    "dispute_timeline_events",
    "due_soon",
    "expert_list",
    "handlers",
    "latest_draft",
    "linkage_list",
    "list_filters",
    "my_cases",
    "overdue",
    "page_columns",
    "pending_my_approval",
    "pending_request",
    "pending_review",
    "queue_counts",
    "queue_rows",
    "queues_for",
    "respondent_defaulted",
    "respondent_reply_due",
    "signers",
    "signers_of",
    "simple_procedure_grounds",
    "statistics",
    "statistics_period",
    "suspension_limit_candidates",
    "with_next_deadline",
]
