"""Every write and every rule of 重大行政决策 and 合法性审查 (重大行政决策程序暂行条例), by stage.

Views, Celery tasks and the demo seeder call these functions and nothing else. Each checks who may
act (the transition table's permission and the jurisdiction), checks the law citing its article,
locks the row, changes the status through `choices.DECISION_WORKFLOW` / `MATTER_WORKFLOW`, records an
event with its legal basis and moves the clocks (`decisions.deadlines`).

Stages: `gates` (pure checks the pages reuse) · `proposal` (立项, draft, defer, decline) · `steps`
(public participation, expert argumentation, risk assessment) · `review` (legality review, written
opinion, advisers) · `discussion` (collective discussion, publication, implementation, post-evaluation,
archive, 学法).
"""

from .discussion import (
    decision_archive,
    decision_halt,
    decision_implement,
    decision_publish,
    discussion_record,
    discussion_schedule,
    evaluation_complete,
    evaluation_start,
    study_session_record,
)
from .gates import current_opinion, decision_checklist, discussion_blockers, uncontrollable_risk
from .proposal import (
    decision_decline,
    decision_defer,
    decision_propose,
    decision_resume,
    decision_revise_draft,
    decision_start_drafting,
    decision_update,
)
from .review import (
    advisor_create,
    advisor_update,
    consultation_record,
    decision_send_for_review,
    matter_close,
    matter_receive_materials,
    matter_register,
    matter_return_for_materials,
    matter_start_review,
    opinion_draft,
    opinion_return,
    opinion_revise,
    opinion_sign,
    opinion_submit,
    opinion_update,
)
from .steps import (
    argumentation_complete,
    argumentation_waive,
    expert_opinion_add,
    participation_complete,
    participation_open,
    participation_waive,
    risk_assess,
    risk_waive,
)

__all__ = [
    "advisor_create",
    "advisor_update",
    "argumentation_complete",
    "argumentation_waive",
    "consultation_record",
    "current_opinion",
    "decision_archive",
    "decision_checklist",
    "decision_decline",
    "decision_defer",
    "decision_halt",
    "decision_implement",
    "decision_propose",
    "decision_publish",
    "decision_resume",
    "decision_revise_draft",
    "decision_send_for_review",
    "decision_start_drafting",
    "decision_update",
    "discussion_blockers",
    "discussion_record",
    "discussion_schedule",
    "evaluation_complete",
    "evaluation_start",
    "expert_opinion_add",
    "matter_close",
    "matter_receive_materials",
    "matter_register",
    "matter_return_for_materials",
    "matter_start_review",
    "opinion_draft",
    "opinion_return",
    "opinion_revise",
    "opinion_sign",
    "opinion_submit",
    "opinion_update",
    "participation_complete",
    "participation_open",
    "participation_waive",
    "risk_assess",
    "risk_waive",
    "study_session_record",
    "uncontrollable_risk",
]
