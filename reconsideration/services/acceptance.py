"""Acceptance (受理): accepting, refusing (复议法第三十条) and the automatic steps 视为受理 and 视为放弃."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import notify_after_commit, service
from deadlines.choices import DeadlineStatus
from deadlines.clocks import open_clock

from .. import deadlines as clocks
from ..choices import (
    LAW_SHORT,
    WORKFLOW,
    CaseStatus,
    DecisionOutcome,
    DocumentKind,
    Procedure,
    SimpleGround,
)
from ..models import (
    CaseDecision,
    ReconsiderationCase,
)
from ._common import (
    _check_date,
    _document_number,
    _fmt,
    _lock,
    _require_text,
    _text,
    _today,
)
from .gates import (
    OUTER_LIMIT_YEARS,
    OUTER_LIMIT_YEARS_REAL_ESTATE,
    acceptance_review_due,
    can_approve,
    competent_body,
    late_application_refusal,
    outer_limit,
    refuse,
    simple_procedure_grounds,
)


def _check_accept_date(case, on: date, *, field: str, what: str) -> None:
    start = case.correction_received_on or case.received_on
    _check_date(on, field=field, label=what, not_before=start, before_label=_("收到申请（补正材料）日期"))
    due = acceptance_review_due(case)
    if due is not None and on > due:
        # 复议法第三十条第三款: the review period expired without a refusal → deemed accepted.
        raise GateError(
            _(
                "审查期限已于 %(due)s 届满，依法自届满之日起视为受理，不能再作出受理或不予受理决定"
                "（%(law)s第三十条第三款）；受理后发现不符合受理条件的，应当决定驳回申请（第三十三条）。"
            )
            % {"due": _fmt(due), "law": LAW_SHORT},
            field=field,
        )


def _check_procedure(case, procedure: str, simple_ground: str, parties_agreed_simple: bool) -> None:
    if procedure not in Procedure.values:
        raise ApplicationError(_("请选择审理程序。"), field="procedure")
    if procedure == Procedure.ORDINARY:
        return
    case.parties_agreed_simple = parties_agreed_simple
    eligible = simple_procedure_grounds(case)
    if not simple_ground:
        raise ApplicationError(_("适用简易程序须选择第五十三条规定的理由。"), field="simple_ground")
    if simple_ground not in eligible:
        raise GateError(
            _("本案不符合所选的简易程序适用情形“%(ground)s”（%(law)s第五十三条）。")
            % {"ground": SimpleGround(simple_ground).label, "law": LAW_SHORT},
            field="simple_ground",
        )
    # 复议法第五十三条第一款 applies only to cases "事实清楚、权利义务关系明确、争议不大"; a case marked
    # 重大、疑难、复杂 is not one (and needs a hearing and the committee, 第五十条、第五十二条). The
    # parties' agreement (第五十三条第二款) remains available. [our rule: reading of 第五十三条第一款]
    if case.is_major_difficult_complex and simple_ground != SimpleGround.CONSENT:
        raise GateError(
            _("重大、疑难、复杂案件不属于“争议不大”的案件，不能依%(law)s第五十三条第一款适用简易程序。")
            % {"law": LAW_SHORT},
            field="simple_ground",
        )


@service
def case_accept(
    *,
    case: ReconsiderationCase,
    actor,
    accepted_on: date,
    procedure: str = Procedure.ORDINARY,
    simple_ground: str = "",
    parties_agreed_simple: bool = False,
) -> ReconsiderationCase:
    """受理 (复议法第三十条第一款) under the ordinary or simplified procedure (第三十六条、第五十三条).

    Refused when the application is out of time without a recorded reason (第二十条、第三十条第一款
    第四项), beyond the 5/20-year limit (第二十一条), outside this body's jurisdiction (第三十条第一款
    第六项), a repeat of an accepted application (第三十条第一款第七项), after the review period expired
    (then it is already deemed accepted, 第三十条第三款), or when the simplified procedure does not apply.
    Starts the copy and decision clocks from the acceptance date.
    """
    case = _lock(case)
    WORKFLOW.guard(case, "accept", actor)
    _check_accept_date(case, accepted_on, field="accepted_on", what=_("受理日期"))
    limit = outer_limit(case)
    if case.submitted_on > limit:
        raise GateError(
            _("自行政行为作出之日起已超过%(years)s年（至 %(limit)s），依法不予受理（%(law)s第二十一条）。")
            % {
                "years": OUTER_LIMIT_YEARS_REAL_ESTATE if case.concerns_real_estate else OUTER_LIMIT_YEARS,
                "limit": _fmt(limit),
                "law": LAW_SHORT,
            }
        )
    # 复议法第二十条第二款: the period is extended by the obstacle's duration, never waived.
    refuse(late_application_refusal(case), GateError)
    body = competent_body(case.respondent)
    if body is not None and body.pk != case.org_unit_id:
        raise GateError(
            _(
                "被申请人%(respondent)s的行政复议案件由%(body)s管辖，不属于本机关管辖范围，应当决定不予受理"
                "并告知有管辖权的行政复议机关（%(law)s第二十四条、第三十条）。"
            )
            % {"respondent": case.respondent.name, "body": body.name, "law": LAW_SHORT}
        )
    repeat = (
        ReconsiderationCase.objects.filter(dispute_id=case.dispute_id, accepted_on__isnull=False)
        .exclude(pk=case.pk)
        .first()
    )
    if repeat is not None:
        raise GateError(
            _(
                "已受理过申请人就同一行政行为提出的行政复议申请（%(number)s），不予重复受理"
                "（%(law)s第三十条第一款第七项）。"
            )
            % {"number": repeat.number, "law": LAW_SHORT}
        )
    _check_procedure(case, procedure, simple_ground, parties_agreed_simple)
    case.procedure = procedure
    case.simple_ground = simple_ground if procedure == Procedure.SIMPLE else ""
    case.accepted_on = accepted_on
    note = case.get_procedure_display()
    if procedure == Procedure.SIMPLE:
        note += "：" + SimpleGround(simple_ground).label
    if case.is_late:
        note += _("；逾期申请，正当理由：%(reason)s") % {"reason": case.delay_reason}
    WORKFLOW.apply(case, "accept", on=accepted_on, actor=actor, note=note)
    clocks.on_accepted(case, accepted_on=accepted_on, actor=actor)
    return case


@service
def case_reject(
    *,
    case: ReconsiderationCase,
    actor,
    rejected_on: date,
    reasoning: str,
    legal_basis: str = "",
    referred_body: str = "",
    document_number: str = "",
) -> CaseDecision:
    """不予受理 (复议法第三十条第二款): within the review period, with reasons; if the body lacks
    jurisdiction, name the competent body."""
    case = _lock(case)
    WORKFLOW.guard(case, "reject", actor)
    _check_accept_date(case, rejected_on, field="rejected_on", what=_("不予受理决定日期"))
    reasoning = _require_text(
        reasoning, field="reasoning", message=_("不予受理应当说明理由（第三十条第二款）。")
    )
    decision = CaseDecision(
        case=case,
        outcome=DecisionOutcome.NOT_ACCEPTED,
        decided_on=rejected_on,
        reasoning=reasoning,
        legal_basis=_text(legal_basis) or _("%(law)s第三十条") % {"law": LAW_SHORT},
        referred_body=_text(referred_body),
        document_number=_document_number(
            document_number,
            case=case,
            on=rejected_on,
            kind=DocumentKind.NOT_ACCEPTED,
            field="document_number",
        ),
        signed_by=actor if can_approve(actor, case) else None,
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    case.concluded_on = rejected_on
    WORKFLOW.apply(case, "reject", on=rejected_on, actor=actor, note=reasoning)
    clocks.on_rejected(case, rejected_on=rejected_on, actor=actor)
    return decision


def _review_clock_expired(case, today: date):
    clock = open_clock(case, clocks.ACCEPTANCE_REVIEW)
    if clock is None or clock.status != DeadlineStatus.OPEN or clock.is_suspended or clock.due_date >= today:
        return None
    return clock


@service
def case_deem_accepted(*, case: ReconsiderationCase, today: date | None = None) -> ReconsiderationCase | None:
    """视为受理 (复议法第三十条第三款): the review period expired with no refusal — the case is accepted
    as of the expiry day, and its clocks run from that day. Applied by the beat task; idempotent
    (returns None when there is nothing to do)."""
    today = today or _today()
    case = _lock(case)
    if case.status not in WORKFLOW["deem_accepted"].sources:
        return None
    clock = _review_clock_expired(case, today)
    if clock is None:
        return None
    expiry = clock.due_date
    case.accepted_on = expiry
    case.is_deemed_accepted = True
    case.procedure = Procedure.ORDINARY
    case.simple_ground = ""
    WORKFLOW.apply(
        case,
        "deem_accepted",
        on=expiry,
        actor=None,
        note=_("受理审查期限于 %(due)s 届满，未作出不予受理决定，自届满之日起视为受理；按普通程序审理。")
        % {"due": _fmt(expiry)},
    )
    clocks.on_accepted(case, accepted_on=expiry, actor=None)
    if case.handler_id:
        notify_after_commit(
            [case.handler],
            title=_("%(number)s 已视为受理") % {"number": case.number},
            body=_("受理审查期限届满，依《行政复议法》第三十条第三款视为受理，请及时发送申请书副本。"),
            url=case.get_absolute_url(),
            key=f"recon:deemed-accepted:{case.pk}",
        )
    return case


@service
def case_deem_abandoned(
    *, case: ReconsiderationCase, today: date | None = None
) -> ReconsiderationCase | None:
    """视为放弃 (复议法第三十一条第二款): no correction materials within the applicant's 10 working days.
    Applied by the beat task on the day after the period ends; idempotent."""
    today = today or _today()
    case = _lock(case)
    if case.status != CaseStatus.AWAITING_CORRECTION:
        return None
    clock = open_clock(case, clocks.CORRECTION_REPLY)
    if clock is None or clock.status != DeadlineStatus.OPEN or clock.due_date >= today:
        return None
    lapsed_on = clock.due_date + timedelta(days=1)
    case.concluded_on = lapsed_on
    WORKFLOW.apply(
        case,
        "deem_abandoned",
        on=lapsed_on,
        actor=None,
        note=_("补正期限于 %(due)s 届满，申请人无正当理由逾期未补正，视为放弃行政复议申请，记录在案。")
        % {"due": _fmt(clock.due_date)},
    )
    clocks.on_abandoned(case, on=lapsed_on, actor=None)
    if case.handler_id:
        notify_after_commit(
            [case.handler],
            title=_("%(number)s 视为放弃") % {"number": case.number},
            body=_("申请人逾期未补正，依《行政复议法》第三十一条第二款视为放弃行政复议申请。"),
            url=case.get_absolute_url(),
            key=f"recon:deemed-abandoned:{case.pk}",
        )
    return case
