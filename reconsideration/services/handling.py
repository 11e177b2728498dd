"""Handling: the three-tier opinions (承办人拟办, 复议机构审核, 机关负责人审批) — draft, review,
submit, return (复议法第六十一条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, notify_after_commit, service

from ..choices import (
    LAW_SHORT,
    PERM_CHANGE,
    WORKFLOW,
    CaseStatus,
    DecisionOutcome,
    EventKind,
    OpinionTier,
)
from ..models import (
    CaseOpinion,
    ReconsiderationCase,
)
from ._common import (
    _lock,
    _on,
    _require_text,
)
from .approval import return_pending_decision
from .gates import (
    approvers_of,
    can_approve,
    draft_refusal,
    refuse,
    review_refusal,
)


def _check_proposed(outcome: str) -> str:
    if outcome and outcome not in DecisionOutcome.values:
        raise ApplicationError(_("建议处理结果无效。"), field="proposed_outcome")
    return outcome or ""


@service
def opinion_draft(
    *, case: ReconsiderationCase, actor, text: str, proposed_outcome: str = "", on: date | None = None
) -> CaseOpinion:
    """承办人意见: the handler's draft opinion (审理中 → 拟决定; a revised draft while 拟决定)."""
    case = _lock(case)
    on = _on(on, case)
    if case.status != CaseStatus.DRAFTED:
        WORKFLOW.guard(case, "draft", actor)
    else:
        check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(draft_refusal(case, actor))
    opinion = CaseOpinion(
        case=case,
        tier=OpinionTier.HANDLER,
        author=actor,
        text=_require_text(text, field="text", message=_("请填写拟处理意见。")),
        proposed_outcome=_check_proposed(proposed_outcome),
        written_on=on,
    )
    opinion.full_clean()
    opinion.save()
    note = opinion.get_proposed_outcome_display() if opinion.proposed_outcome else ""
    if case.status == CaseStatus.DRAFTED:
        WORKFLOW.record(
            case,
            EventKind.DRAFT,
            on=on,
            actor=actor,
            note=note,
            basis=WORKFLOW["draft"].basis,
        )
    else:
        WORKFLOW.apply(case, "draft", on=on, actor=actor, note=note)
    # Four eyes: the draft now waits in the approvers' 待我审核 queue (docs/workflow.md).
    notify_after_commit(
        approvers_of(case),
        title=_("%(number)s 待审核") % {"number": case.number},
        body=_("承办人已提出拟处理意见，请复议机构审核。"),
        url=case.get_absolute_url(),
        key=f"recon:drafted:{opinion.pk}",
    )
    return opinion


@service
def opinion_review(
    *,
    case: ReconsiderationCase,
    actor,
    text: str,
    agrees: bool,
    proposed_outcome: str = "",
    on: date | None = None,
) -> CaseOpinion:
    """复议机构审核意见: the office reviews the handler's draft — by a 复议机构负责人 of the case's own body
    other than the handler, in their own session (the draft is in their 待我审核 queue)."""
    case = _lock(case)
    on = _on(on, case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(review_refusal(case, actor))
    if not can_approve(actor, case):
        raise GateError(_("审核意见由本行政复议机关的行政复议机构负责人提出（双人审核）。"))
    opinion = CaseOpinion(
        case=case,
        tier=OpinionTier.OFFICE,
        author=actor,
        text=_require_text(text, field="text", message=_("请填写审核意见。")),
        proposed_outcome=_check_proposed(proposed_outcome),
        agrees=bool(agrees),
        written_on=on,
    )
    opinion.full_clean()
    opinion.save()
    WORKFLOW.record(
        case,
        EventKind.OPINION_REVIEW,
        on=on,
        actor=actor,
        note=_("同意承办人意见") if agrees else _("不同意承办人意见"),
        basis=_("%(law)s第六十一条第一款") % {"law": LAW_SHORT},
    )
    return opinion


@service
def case_reopen_trial(
    *, case: ReconsiderationCase, actor, reason: str, on: date | None = None
) -> ReconsiderationCase:
    """拟决定 → 审理中: the draft needs more fact-finding."""
    case = _lock(case)
    on = _on(on, case)
    WORKFLOW.guard(case, "reopen_trial", actor)
    reason = _require_text(reason, field="reason", message=_("请说明退回继续审理的理由。"))
    WORKFLOW.apply(case, "reopen_trial", on=on, actor=actor, note=reason)
    return case


@service
def case_return_for_revision(
    *, case: ReconsiderationCase, actor, reason: str, on: date | None = None
) -> ReconsiderationCase:
    """待审批 → 拟决定: the approver sends the submitted decision back with the reason (the pending
    报请审批 is marked returned and shows in the handler's 退回给我 queue)."""
    case = _lock(case)
    on = _on(on, case)
    WORKFLOW.guard(case, "return_for_revision", actor)
    reason = _require_text(reason, field="reason", message=_("请说明退回修改的理由。"))
    return_pending_decision(case, actor=actor, reason=reason, on=on)
    WORKFLOW.apply(case, "return_for_revision", on=on, actor=actor, note=reason)
    return case
