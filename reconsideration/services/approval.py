"""Four eyes (docs/workflow.md "Four eyes"): the handler submits — 报请审批 (the proposed decision) or
报请延期 (an extension of the decision period) — and a 复议机构负责人 of the case's own body approves it
in their own session, or returns it with a reason. Only the approval makes the decision or the
extension take effect: it calls `case_decide` / `case_extend` with the approver as 签发人 / 批准人, so
every gate those services check runs again on the approval day (复议法第六十一条、第六十二条).

The submission checks the same gates first (`decision_blockers`, `allowed_outcomes`,
`extend_refusal`), so a case that cannot be decided is not put in anyone's queue.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, composed, notify_after_commit, service

from ..choices import (
    DECISION_OUTCOMES,
    LAW_SHORT,
    PERM_APPROVE,
    PERM_CHANGE,
    WORKFLOW,
    ApprovalKind,
    ApprovalStatus,
    DecisionOutcome,
    NoEvidenceDisposition,
    OpinionTier,
)
from ..models import ApprovalRequest, CaseDecision, ReconsiderationCase, SignerAuthorisation
from ._common import _check_date, _lock, _on, _require_text, _text
from .decision import case_decide
from .gates import (
    allowed_outcomes,
    approvers_of,
    can_approve,
    can_sign_decision,
    compensation_choice,
    decision_blockers,
    decision_refusals,
    extend_refusal,
    refuse,
)
from .suspension import case_extend

#: The tiers whose recommendation a decision may depart from only with a recorded reason.
RECOMMENDING_TIERS = (OpinionTier.HANDLER, OpinionTier.OFFICE, OpinionTier.COMMITTEE)


def _short_label(outcome: str) -> str:
    return str(DecisionOutcome(outcome).label).split("（")[0]


def _named_outcome(text: str) -> str:
    """The outcome a committee's majority view names ("建议撤销" → 撤销): the longest outcome name in
    the text (部分撤销 before 撤销), "" when it names none."""
    names = sorted(((_short_label(o), o) for o in DECISION_OUTCOMES), key=lambda x: -len(x[0]))
    return next((o for name, o in names if name and name in (text or "")), "")


def recommendations(case) -> list[tuple[str, str]]:
    """(tier label, recommended outcome) of each tier's latest opinion that recommends one."""
    latest: dict[str, object] = {}
    for opinion in case.opinions.filter(tier__in=RECOMMENDING_TIERS).order_by("created_at", "id"):
        latest[opinion.tier] = opinion
    rows = []
    for tier in RECOMMENDING_TIERS:
        opinion = latest.get(tier)
        if opinion is None:
            continue
        outcome = opinion.proposed_outcome or (
            _named_outcome(opinion.text) if tier == OpinionTier.COMMITTEE else ""
        )
        if outcome:
            rows.append((str(OpinionTier(tier).label), outcome))
    return rows


def departures(case, outcome: str, no_evidence_disposition: str = "") -> list[str]:
    """The tiers whose recommendation the outcome departs from ("承办人意见：维持", …). A 第七十条
    decision follows a recommendation of the same disposition (撤销 under 第七十条 is 撤销)."""
    effective = {outcome}
    if outcome == DecisionOutcome.NO_EVIDENCE and no_evidence_disposition:
        effective.add(no_evidence_disposition)
    return [
        f"{tier}：{_short_label(recommended)}"
        for tier, recommended in recommendations(case)
        if recommended not in effective
    ]


def _default_basis(outcome: str) -> str:
    label = str(DecisionOutcome(outcome).label)
    article = label[label.find("（") + 1 : label.rfind("）")] if "（" in label else ""
    return f"{LAW_SHORT}{article}"


def _pending(case, kind: str) -> ApprovalRequest:
    request = (
        case.approval_requests.select_for_update().filter(kind=kind, status=ApprovalStatus.PENDING).first()
    )
    if request is None:
        raise GateError(_("本案没有待审批的%(kind)s。") % {"kind": ApprovalKind(kind).label})
    return request


def _check_approver(request: ApprovalRequest, case, actor) -> None:
    """The approver is a 复议机构负责人 of the case's own body, and not the person who submitted."""
    check_actor(actor, PERM_APPROVE, case.org_unit)
    if not can_approve(actor, case):
        raise GateError(_("只有本行政复议机关的行政复议机构负责人才能审批本案的报请事项。"))
    if request.submitted_by_id == actor.pk:
        raise GateError(_("报请人不能审批自己报请的事项（双人审核）。"))


def _notify_approvers(case, request: ApprovalRequest) -> None:
    notify_after_commit(
        approvers_of(case),
        title=_("%(number)s %(kind)s") % {"number": case.number, "kind": request.get_kind_display()},
        body=request.summary
        + (
            _("；不采纳建议的理由：%(why)s") % {"why": request.departure_reason}
            if request.departure_reason
            else ""
        ),
        url=case.get_absolute_url(),
        key=f"recon:approval:{request.pk}",
    )


def _notify_submitter(case, request: ApprovalRequest) -> None:
    if request.status == ApprovalStatus.APPROVED:
        title = _("%(number)s %(kind)s已批准") % {"number": case.number, "kind": request.get_kind_display()}
        body = request.summary
    else:
        title = _("%(number)s %(kind)s被退回") % {"number": case.number, "kind": request.get_kind_display()}
        body = request.return_reason
    notify_after_commit(
        [request.submitted_by],
        title=title,
        body=body,
        url=case.get_absolute_url(),
        key=f"recon:approval:{request.pk}:{request.status}",
    )


def _close(request: ApprovalRequest, *, status: str, actor, on: date, reason: str = "") -> None:
    # An approval or a return answers a request: it cannot be dated before the request was made.
    _check_date(
        on, field="on", label=_("审批日期"), not_before=request.submitted_on, before_label=_("报请日期")
    )
    request.status = status
    request.decided_by = actor
    request.decided_on = on
    request.return_reason = reason
    request.full_clean()
    request.save()


# --- 报请审批: the decision -------------------------------------------------------------------------


@service
def case_submit_for_approval(
    *,
    case: ReconsiderationCase,
    actor,
    on: date | None = None,
    outcome: str = "",
    reasoning: str = "",
    legal_basis: str = "",
    no_evidence_disposition: str = "",
    order_redo: bool = False,
    compensation_ordered: bool = False,
    compensation: str = "",
    performance_days: int | None = None,
    departure_reason: str = "",
) -> ApprovalRequest:
    """报请审批 (拟决定 → 待审批): the handler submits the proposed decision, after the handler's opinion
    and the office's review of it (三级办案). Outcome and reasoning default to the handler's latest
    draft, the legal basis to the outcome's article. A decision that departs from a tier's
    recommendation needs the reason. The approvers of the case's body are told."""
    case = _lock(case)
    on = _on(on, case)
    WORKFLOW.guard(case, "submit", actor)
    latest_draft = case.opinions.filter(tier=OpinionTier.HANDLER).order_by("-created_at", "-id").first()
    if latest_draft is None:
        raise GateError(_("报请审批前须有承办人的拟处理意见（三级办案）。"))
    if not case.opinions.filter(tier=OpinionTier.OFFICE, id__gt=latest_draft.id).exists():
        raise GateError(_("报请审批前须经行政复议机构审核承办人的最新意见（三级办案）。"))
    outcome = outcome or latest_draft.proposed_outcome
    if outcome not in DECISION_OUTCOMES:
        raise ApplicationError(
            _("请选择拟作出的复议决定；调解书、终止和不予受理请使用相应的功能。"), field="outcome"
        )
    # The gates `case_decide` applies again on the approval day (复议法第五十条、第五十二条、第七十条).
    blockers = decision_blockers(case, on=on)
    if blockers:
        raise GateError(blockers[0], extra={"blockers": blockers})
    if outcome not in allowed_outcomes(case, on=on):
        if outcome == DecisionOutcome.NO_EVIDENCE:
            raise GateError(
                _(
                    "被申请人已按期提出书面答复并提交证据、依据，不适用第七十条（%(law)s第四十八条、第七十条）。"
                )
                % {"law": LAW_SHORT},
                field="outcome",
            )
        raise GateError(
            _(
                "被申请人未按期提出书面答复、提交证据和依据，视为该行政行为没有证据、依据，"
                "只能决定撤销、部分撤销、确认违法、确认无效或责令履行（%(law)s第七十条）。"
            )
            % {"law": LAW_SHORT},
            field="outcome",
        )
    if outcome == DecisionOutcome.NO_EVIDENCE and no_evidence_disposition not in NoEvidenceDisposition.values:
        raise ApplicationError(
            _("依第七十条决定的，请选择撤销、部分撤销、确认违法、确认无效或责令履行。"),
            field="no_evidence_disposition",
        )
    # 复议法第六十九条、第七十二条: the checks `case_decide` makes again at approval, here already
    compensation = compensation_choice(
        case, compensation=compensation, compensation_ordered=compensation_ordered
    )
    refusals = decision_refusals(
        case,
        outcome=outcome,
        on=on,
        compensation=compensation,
        no_evidence_disposition=no_evidence_disposition,
    )
    if refusals:
        raise GateError(refusals[0], extra={"blockers": refusals})
    departing = departures(case, outcome, no_evidence_disposition)
    departure_reason = _text(departure_reason)
    if departing and not departure_reason:
        raise ApplicationError(
            _("拟作出的决定与%(tiers)s不一致，请说明不采纳的理由。") % {"tiers": "、".join(departing)},
            field="departure_reason",
        )
    summary = _short_label(outcome)
    if outcome == DecisionOutcome.NO_EVIDENCE:
        summary += f"（{NoEvidenceDisposition(no_evidence_disposition).label}）"
    request = ApprovalRequest(
        case=case,
        kind=ApprovalKind.DECISION,
        payload={
            "outcome": outcome,
            "reasoning": _text(reasoning) or latest_draft.text,
            "legal_basis": _text(legal_basis) or _default_basis(outcome),
            "no_evidence_disposition": no_evidence_disposition
            if outcome == DecisionOutcome.NO_EVIDENCE
            else "",
            "order_redo": bool(order_redo),
            "compensation_ordered": bool(compensation_ordered),
            "compensation": compensation,
            "performance_days": performance_days,
        },
        summary=_("拟决定：%(outcome)s") % {"outcome": summary},
        recommendation="；".join(f"{t}：{_short_label(o)}" for t, o in recommendations(case)),
        departure_reason=departure_reason if departing else "",
        submitted_by=actor,
        submitted_on=on,
    )
    request.full_clean()
    request.save()
    WORKFLOW.apply(case, "submit", on=on, actor=actor, note=request.summary)
    _notify_approvers(case, request)
    return request


@service
def case_approve_decision(
    *,
    case: ReconsiderationCase,
    actor,
    decided_on: date,
    collective_discussion_on: date | None = None,
    collective_participants: str = "",
    document_number: str = "",
) -> CaseDecision:
    """批准 (待审批 → 已决定): the approver agrees to the submitted decision in their own session; it
    takes effect through `case_decide` with the approver as 签发人 when the body authorised them to
    sign (a `SignerAuthorisation`), else as adopted by the collective discussion recorded here
    (复议法第六十一条第一款)."""
    case = _lock(case)
    WORKFLOW.guard(case, "decide", actor)
    request = _pending(case, ApprovalKind.DECISION)
    _check_approver(request, case, actor)
    _check_date(
        decided_on,
        field="decided_on",
        label=_("决定日期"),
        not_before=request.submitted_on,
        before_label=_("报请日期"),
    )
    signer = actor if can_sign_decision(actor, case, on=decided_on) else None
    with composed():
        decision = case_decide(
            case=case,
            actor=actor,
            decided_on=decided_on,
            signed_by=signer,
            collective_discussion_on=collective_discussion_on,
            collective_participants=collective_participants,
            document_number=document_number,
            **request.payload,
        )
    _close(request, status=ApprovalStatus.APPROVED, actor=actor, on=decided_on)
    _notify_submitter(case, request)
    return decision


def return_pending_decision(case, *, actor, reason: str, on: date) -> None:
    """退回修改: the pending decision request is returned with the reason (called by
    `case_return_for_revision`, which moves the case back to 拟决定)."""
    request = case.approval_requests.filter(kind=ApprovalKind.DECISION, status=ApprovalStatus.PENDING).first()
    if request is None:
        return
    if request.submitted_by_id == getattr(actor, "pk", None):
        raise GateError(_("报请人不能审批自己报请的事项（双人审核）。"))
    _close(request, status=ApprovalStatus.RETURNED, actor=actor, on=on, reason=reason)
    _notify_submitter(case, request)


# --- 报请延期: the extension of the decision period ---------------------------------------------------


@service
def case_request_extension(
    *, case: ReconsiderationCase, actor, days: int, reason: str, reference: str = "", on: date | None = None
) -> ApprovalRequest:
    """报请延期 (复议法第六十二条第一款): the handler asks the 复议机构负责人 to extend the decision
    period; nothing changes until the head approves it."""
    case = _lock(case)
    on = _on(on, case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(extend_refusal(case), GateError)
    reason = _require_text(reason, field="reason", message=_("请说明延长审理期限的理由。"))
    if not days or days < 1 or days > 30:
        raise ApplicationError(
            _("延长期限最多不得超过三十日（%(law)s第六十二条第一款）。") % {"law": LAW_SHORT}, field="days"
        )
    if case.approval_requests.filter(kind=ApprovalKind.EXTENSION, status=ApprovalStatus.PENDING).exists():
        raise GateError(_("本案已报请延期，等待审批。"))
    request = ApprovalRequest(
        case=case,
        kind=ApprovalKind.EXTENSION,
        payload={"days": int(days), "reason": reason, "reference": _text(reference)},
        summary=_("延长审理期限%(days)d日：%(reason)s") % {"days": days, "reason": reason},
        submitted_by=actor,
        submitted_on=on,
    )
    request.full_clean()
    request.save()
    _notify_approvers(case, request)
    return request


@service
def case_approve_extension(*, case: ReconsiderationCase, actor, on: date | None = None):
    """批准延期: the approver approves the extension in their own session; `case_extend` extends the
    decision clock with the approver as 批准人. Returns the clock."""
    case = _lock(case)
    on = _on(on, case)
    request = _pending(case, ApprovalKind.EXTENSION)
    _check_approver(request, case, actor)
    with composed():
        clock = case_extend(case=case, actor=actor, approved_by=actor, approved_on=on, **request.payload)
    _close(request, status=ApprovalStatus.APPROVED, actor=actor, on=on)
    _notify_submitter(case, request)
    return clock


@service
def case_return_extension(
    *, case: ReconsiderationCase, actor, reason: str, on: date | None = None
) -> ApprovalRequest:
    """退回延期申请: the approver returns the extension request with the reason."""
    case = _lock(case)
    on = _on(on, case)
    request = _pending(case, ApprovalKind.EXTENSION)
    _check_approver(request, case, actor)
    reason = _require_text(reason, field="reason", message=_("请说明退回的理由。"))
    _close(request, status=ApprovalStatus.RETURNED, actor=actor, on=on, reason=reason)
    _notify_submitter(case, request)
    return request


# --- 签发授权 ---------------------------------------------------------------------------------------


@service
def signer_authorisation_create(
    *,
    actor,
    body,
    authorised,
    valid_from: date,
    valid_until: date | None = None,
    authorised_by=None,
    reference: str = "",
) -> SignerAuthorisation:
    """Record that the body authorised `authorised` (a 复议机构负责人 of the body) to sign its
    decisions from `valid_from` (复议法第六十一条第一款)."""
    probe = ReconsiderationCase(org_unit=body)
    if not can_approve(authorised, probe):
        raise ApplicationError(_("被授权人须为本行政复议机关的行政复议机构负责人。"), field="authorised")
    record = SignerAuthorisation(
        body=body,
        authorised=authorised,
        authorised_by=authorised_by,
        valid_from=valid_from,
        valid_until=valid_until,
        reference=_text(reference),
    )
    record.full_clean()
    record.save()
    return record
