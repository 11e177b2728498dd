"""Conclusion: the reconsideration decision (复议法第六十一条至第七十二条), termination (第四十一条)
and service of the decision (第七十五条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, service
from deadlines.clocks import open_clock

from .. import deadlines as clocks
from ..choices import (
    DECISION_OUTCOMES,
    LAW_SHORT,
    LIMITED_SUSPENSION_GROUNDS,
    PERM_CHANGE,
    REDO_OUTCOMES,
    WORKFLOW,
    CaseStatus,
    Compensation,
    DecisionOutcome,
    DocumentKind,
    EventKind,
    NoEvidenceDisposition,
    TerminationGround,
)
from ..models import (
    CaseDecision,
    ReconsiderationCase,
)
from ._common import (
    _check_date,
    _conclude,
    _document_number,
    _fmt,
    _lock,
    _require_text,
    _text,
)
from .gates import (
    allowed_outcomes,
    can_sign_decision,
    compensation_choice,
    compensation_refusal,
    decision_blockers,
    outcome_refusal,
    refuse,
    respondent_reply_due,
)


@service
def case_terminate(
    *,
    case: ReconsiderationCase,
    actor,
    ground: str,
    terminated_on: date,
    reasoning: str,
    is_settlement: bool = False,
    agency_changed_act: bool = False,
    document_number: str = "",
) -> CaseDecision:
    """终止行政复议 (复议法第四十一条), decided by the 复议机构负责人. A settlement-and-withdrawal
    (第七十四条) is a withdrawal (第四十一条第一项) flagged as settlement; if the agency changed its act
    it counts as indirect correction. Ground 41(5) needs a 39(1)(2)(4) suspension that lasted 60 days."""
    case = _lock(case)
    WORKFLOW.guard(case, "terminate", actor)
    if ground not in TerminationGround.values:
        raise ApplicationError(_("请选择第四十一条规定的终止事由。"), field="ground")
    _check_date(
        terminated_on,
        field="terminated_on",
        label=_("终止日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    reasoning = _require_text(reasoning, field="reasoning", message=_("请说明终止的理由。"))
    if is_settlement and ground != TerminationGround.WITHDRAWN:
        raise ApplicationError(
            _("和解后须由申请人撤回申请，终止事由应为第四十一条第一项（%(law)s第七十四条第二款）。")
            % {"law": LAW_SHORT},
            field="ground",
        )
    if agency_changed_act and ground != TerminationGround.WITHDRAWN:
        # Only a withdrawal after settlement in which the agency changed its act counts as
        # indirect correction (第七十四条、第四十一条第一项); the other grounds of 第四十一条 (death,
        # dissolution, criminal measures, an expired suspension) end the case without any correction.
        raise ApplicationError(
            _(
                "只有申请人因被申请人改变原行政行为而撤回申请（第四十一条第一项）的，才记为被申请人已改变"
                "原行政行为（间接纠错）（%(law)s第四十一条、第七十四条）。"
            )
            % {"law": LAW_SHORT},
            field="agency_changed_act",
        )
    if ground == TerminationGround.SUSPENSION_EXPIRED:
        suspension = case.suspensions.filter(resumed_on__isnull=True).first()
        clock = open_clock(case, clocks.SUSPENSION_LIMIT)
        if (
            case.status != CaseStatus.SUSPENDED
            or suspension is None
            or suspension.ground not in LIMITED_SUSPENSION_GROUNDS
            or clock is None
            or terminated_on < clock.due_date
        ):
            raise GateError(
                _(
                    "只有依第三十九条第一款第一、二、四项中止满六十日、中止原因仍未消除的，才能依第四十一条第五项终止"
                    "（%(law)s第四十一条）。"
                )
                % {"law": LAW_SHORT},
                field="ground",
            )
    decision = CaseDecision(
        case=case,
        outcome=DecisionOutcome.TERMINATION,
        termination_ground=ground,
        decided_on=terminated_on,
        reasoning=reasoning,
        legal_basis=_("%(law)s第四十一条") % {"law": LAW_SHORT}
        + (_("、第七十四条") if is_settlement else ""),
        is_settlement=bool(is_settlement),
        agency_changed_act=bool(agency_changed_act),
        signed_by=actor,
        document_number=_document_number(
            document_number,
            case=case,
            on=terminated_on,
            kind=DocumentKind.TERMINATION,
            field="document_number",
        ),
        created_by=actor,
    )
    return _conclude(
        case,
        decision,
        "terminate",
        on=terminated_on,
        actor=actor,
        note=f"{TerminationGround(ground).label}：{reasoning}",
    )


@service
def case_decide(
    *,
    case: ReconsiderationCase,
    actor,
    outcome: str,
    decided_on: date,
    reasoning: str,
    legal_basis: str,
    signed_by=None,
    collective_discussion_on: date | None = None,
    collective_participants: str = "",
    no_evidence_disposition: str = "",
    order_redo: bool = False,
    compensation_ordered: bool = False,
    compensation: str = "",
    document_number: str = "",
    performance_days: int | None = None,
) -> CaseDecision:
    """作出行政复议决定 (复议法第六十一条至第七十二条).

    Refused unless: the decision is signed by the head of the reconsideration body (`signed_by` holds
    the approve permission) or adopted by collective discussion (date and participants recorded)
    (第六十一条第一款); a major/difficult/complex case had its hearing (第五十条) and committee
    consultation (第五十二条), a highly technical case its consultation; mediation was attempted or the
    reason not recorded (能调尽调); when the respondent did not reply or produce evidence in time the
    outcome is a 第七十条 one or a 第三十三条 dismissal (unless a third party produced evidence); the reply
    is in or its period has run (第四十八条); the parties were heard (第四十九条); 驳回复议请求 only for a
    failure to perform (第六十九条); compensation answered as 第七十二条 requires (`compensation`, a
    `Compensation` value; the older `compensation_ordered` box is read by `gates.compensation_choice`).
    The correction classification is computed from the outcome.
    """
    case = _lock(case)
    WORKFLOW.guard(case, "decide", actor)
    if outcome not in DECISION_OUTCOMES:
        raise ApplicationError(
            _("请选择复议决定的结果；调解书、终止和不予受理请使用相应的功能。"), field="outcome"
        )
    _check_date(
        decided_on,
        field="decided_on",
        label=_("决定日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    reasoning = _require_text(reasoning, field="reasoning", message=_("请填写决定的理由。"))
    legal_basis = _require_text(legal_basis, field="legal_basis", message=_("请填写决定的法律依据。"))

    # 第六十一条第一款: 经行政复议机关的负责人同意或者集体讨论通过.
    collective_participants = _text(collective_participants)
    if signed_by is not None:
        # Four eyes (docs/workflow.md): the signer is the approver acting in their own session.
        if signed_by != actor or not can_sign_decision(signed_by, case, on=decided_on):
            raise GateError(
                _("%(name)s不是本行政复议机关的负责人，不能签发复议决定（%(law)s第六十一条第一款）。")
                % {"name": signed_by.display_name, "law": LAW_SHORT},
                field="signed_by",
            )
    elif collective_discussion_on is None or not collective_participants:
        raise GateError(
            _(
                "复议决定须经行政复议机关的负责人同意，或者经集体讨论通过并记录讨论日期和参加人员"
                "（%(law)s第六十一条第一款）。"
            )
            % {"law": LAW_SHORT},
            field="signed_by",
        )
    if collective_discussion_on is not None and collective_discussion_on > decided_on:
        raise ApplicationError(_("集体讨论日期不能晚于决定日期。"), field="collective_discussion_on")

    blockers = decision_blockers(case, on=decided_on)
    if blockers:
        raise GateError(blockers[0], extra={"blockers": blockers})

    # 第七十条: no reply / no evidence in time → the act is treated as without evidence and basis.
    permitted = allowed_outcomes(case, on=decided_on)
    if outcome not in permitted:
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
                "被申请人未按期提出书面答复、提交证据和依据（答复期限 %(due)s），"
                "视为该行政行为没有证据、依据，"
                "只能决定撤销、部分撤销、确认违法、确认无效或责令履行（%(law)s第七十条）。"
            )
            % {"due": _fmt(respondent_reply_due(case)), "law": LAW_SHORT},
            field="outcome",
        )
    if outcome == DecisionOutcome.NO_EVIDENCE:
        if no_evidence_disposition not in NoEvidenceDisposition.values:
            raise ApplicationError(
                _("依第七十条决定的，请选择撤销、部分撤销、确认违法、确认无效或责令履行。"),
                field="no_evidence_disposition",
            )
    else:
        no_evidence_disposition = ""
    # 复议法第六十九条: 驳回复议请求 only for 不履行法定职责.
    refuse(outcome_refusal(case, outcome), GateError)
    # 复议法第七十二条: compensation only with a correcting outcome; a request is answered; property returned.
    compensation = compensation_choice(
        case, compensation=compensation, compensation_ordered=compensation_ordered
    )
    refuse(
        compensation_refusal(
            case, outcome=outcome, compensation=compensation, no_evidence_disposition=no_evidence_disposition
        ),
        GateError,
    )
    if order_redo:
        redo_ok = outcome in REDO_OUTCOMES and (
            outcome != DecisionOutcome.NO_EVIDENCE
            or no_evidence_disposition in (NoEvidenceDisposition.REVOKE, NoEvidenceDisposition.PARTIAL_REVOKE)
        )
        if not redo_ok:
            raise ApplicationError(
                _("只有撤销或者部分撤销的决定才能同时责令重新作出行政行为（%(law)s第六十四条第一款）。")
                % {"law": LAW_SHORT},
                field="order_redo",
            )

    # 第六十六条 "在一定期限内履行" / 第六十四条 "在一定期限内重新作出": the period the 决定书 states
    # (the decision form asks for it); kept only where the decision orders something done.
    orders_performance = outcome == DecisionOutcome.ORDER_PERFORM or (
        outcome == DecisionOutcome.NO_EVIDENCE
        and no_evidence_disposition == NoEvidenceDisposition.ORDER_PERFORM
    )
    if not (orders_performance or order_redo):
        performance_days = None

    decision = CaseDecision(
        case=case,
        outcome=outcome,
        performance_days=performance_days,
        no_evidence_disposition=no_evidence_disposition,
        order_redo=bool(order_redo),
        compensation=compensation,
        compensation_ordered=compensation in (Compensation.ORDERED, Compensation.RETURNED),
        decided_on=decided_on,
        reasoning=reasoning,
        legal_basis=legal_basis,
        signed_by=signed_by,
        collective_discussion_on=collective_discussion_on,
        collective_participants=collective_participants,
        document_number=_document_number(
            document_number,
            case=case,
            on=decided_on,
            kind=DocumentKind.DECISION,
            field="document_number",
        ),
        created_by=actor,
    )
    approval = (
        _("经%(name)s签发") % {"name": signed_by.display_name}
        if signed_by is not None
        else _("经 %(date)s 集体讨论通过") % {"date": _fmt(collective_discussion_on)}
    )
    return _conclude(
        case,
        decision,
        "decide",
        on=decided_on,
        actor=actor,
        note=f"{DecisionOutcome(outcome).label}，{approval}",
    )


@service
def case_record_service(*, case: ReconsiderationCase, actor, served_on: date) -> CaseDecision:
    """送达 the decision document (第七十五条第二款: it takes effect on service)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    decision = CaseDecision.objects.select_for_update().filter(case=case).first()
    if decision is None:
        raise ApplicationError(_("本案尚无决定，无需送达。"))
    _check_date(
        served_on,
        field="served_on",
        label=_("送达日期"),
        not_before=decision.decided_on,
        before_label=_("决定日期"),
    )
    decision.served_on = served_on
    decision.full_clean()
    decision.save()
    WORKFLOW.record(
        case, EventKind.SERVED, on=served_on, actor=actor, basis=_("%(law)s第七十五条") % {"law": LAW_SHORT}
    )
    return decision
