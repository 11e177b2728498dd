"""Outcomes, appeals, effect and performance of judgments (行诉法第六十九条至第八十八条、第九十四条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, lock, service
from deadlines.clocks import open_clock

from .. import deadlines as clocks
from ..choices import (
    PERM_CHANGE,
    WORKFLOW,
    CaseStatus,
    EventKind,
    Instance,
    Outcome,
    WithdrawalReason,
    outcome_form,
)
from ..models import Performance
from . import gates
from ._common import _check_date, _lock, _refuse, _text, _today
from .intake import _check_court, _copy_defendants, _create_case


@service
def case_record_outcome(
    *,
    case,
    actor,
    outcome: str,
    outcome_on: date,
    served_on: date,
    withdrawal_reason: str = "",
    summary: str = "",
):
    """登记裁判结果. "Agency lost" is computed from the outcome (第七十条、第七十二条至第七十八条); a
    withdrawal after the agency changed its act is flagged. A first-instance judgment or appealable
    ruling opens the appeal period (第八十五条); anything else takes effect when served."""
    case = _lock(case)
    WORKFLOW.guard(case, "decide", actor)
    if outcome not in Outcome.values:
        raise ApplicationError(_("请选择裁判结果。"), field="outcome")
    _refuse(
        gates.outcome_blockers(
            case,
            outcome=outcome,
            outcome_on=outcome_on,
            served_on=served_on,
            withdrawal_reason=withdrawal_reason,
            today=_today(),
        )
    )
    case.outcome = outcome
    case.outcome_form = outcome_form(outcome)
    case.outcome_on = outcome_on
    case.served_on = served_on
    case.withdrawal_reason = withdrawal_reason
    case.agency_lost = gates.agency_lost(outcome)
    case.changed_act_withdrawal = withdrawal_reason == WithdrawalReason.AGENCY_CHANGED
    case.outcome_summary = _text(summary)
    WORKFLOW.apply(case, "decide", on=served_on, actor=actor, note=case.get_outcome_display())
    clocks.on_outcome(case, actor=actor)
    if not gates.is_appealable(case):
        # 行诉法第八十五条 gives no appeal here: effective when served
        case.effective_on = served_on
        WORKFLOW.apply(case, "take_effect", on=served_on, actor=actor, note=_("送达即生效"))
        clocks.on_effective(case, actor=actor)
    return case


@service
def case_appeal(
    *,
    case,
    actor,
    appealed_on: date,
    court,
    court_case_number: str = "",
    appellant: str = "",
):
    """上诉 (行诉法第八十五条): within the appeal clock; opens the second instance as a new row whose
    `previous` is this one — attendance is counted again there (出庭规定第七条第二款)."""
    case = _lock(case)
    WORKFLOW.guard(case, "appeal", actor)
    clock = open_clock(case, *clocks.APPEAL_RULES)
    _refuse(
        gates.appeal_blockers(
            case, appealed_on=appealed_on, due=clock.due_date if clock else None, today=_today()
        )
    )
    _check_court(court)
    WORKFLOW.apply(case, "appeal", on=appealed_on, actor=actor, note=_text(appellant))
    second = _create_case(
        actor=actor,
        dispute=case.dispute,
        org_unit=case.org_unit,
        court=court,
        instance=Instance.SECOND,
        previous=case,
        fields={
            "complaint_received_on": appealed_on,
            "docketed_on": appealed_on,
            "court_case_number": _text(court_case_number),
            "cause": case.cause,
            "claims": case.claims,
            "public_concern": case.public_concern,
            "mass_incident": case.mass_incident,
            "handler": case.handler,
        },
    )
    _copy_defendants(second, case, actor=actor)
    WORKFLOW.record(
        second,
        EventKind.REGISTER,
        on=appealed_on,
        actor=actor,
        basis=_("《中华人民共和国行政诉讼法》第八十五条"),
        note=_("二审，原审 %(case)s") % {"case": case},
        to_status=second.status,
    )
    clocks.on_appealed(case, second, on=appealed_on, actor=actor)
    return second


@service
def case_take_effect(*, case, actor, effective_on: date):
    """裁判生效: the appeal period ran out unused (行诉法第八十五条)."""
    case = _lock(case)
    WORKFLOW.guard(case, "take_effect", actor)
    clock = open_clock(case, *clocks.APPEAL_RULES)
    _refuse(
        gates.effective_blockers(
            case, effective_on=effective_on, due=clock.due_date if clock else None, today=_today()
        )
    )
    case.effective_on = effective_on
    WORKFLOW.apply(case, "take_effect", on=effective_on, actor=actor)
    clocks.on_effective(case, actor=actor)
    return case


@service
def performance_add(*, case, actor, required_action: str, due_on: date) -> Performance:
    """应履行事项 of an effective judgment the agency lost (行诉法第九十四条)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status != CaseStatus.EFFECTIVE or not case.agency_lost:
        raise ApplicationError(_("只有已生效的败诉裁判才需登记履行事项（《行政诉讼法》第九十四条）。"))
    required_action = _text(required_action)
    if not required_action:
        raise ApplicationError(_("请填写应履行事项。"), field="required_action")
    if due_on < case.effective_on:
        raise ApplicationError(_("履行期限不能早于裁判生效日期。"), field="due_on")
    performance = Performance(case=case, required_action=required_action, due_on=due_on, created_by=actor)
    performance.full_clean()
    performance.save()
    WORKFLOW.record(
        case,
        EventKind.PERFORMANCE,
        on=case.effective_on,
        actor=actor,
        basis=_("《中华人民共和国行政诉讼法》第九十四条"),
        note=_("应履行：%(action)s，期限 %(due)s") % {"action": required_action, "due": due_on.isoformat()},
    )
    return performance


@service
def performance_done(*, performance, actor, done_on: date, evidence: str) -> Performance:
    performance = lock(performance, related=("case__org_unit",))
    check_actor(actor, PERM_CHANGE, performance.case.org_unit)
    if performance.done_on is not None:
        raise ApplicationError(_("该事项已登记履行完毕。"))
    _check_date(done_on, field="done_on", label=_("履行完毕日期"), not_before=performance.case.effective_on)
    evidence = _text(evidence)
    if not evidence:
        raise ApplicationError(_("请填写履行证明。"), field="evidence")
    performance.done_on = done_on
    performance.evidence = evidence
    performance.full_clean()
    performance.save()
    WORKFLOW.record(
        performance.case,
        EventKind.PERFORMANCE,
        on=done_on,
        actor=actor,
        basis=_("《中华人民共和国行政诉讼法》第九十四条"),
        note=_("已履行：%(action)s") % {"action": performance.required_action},
    )
    return performance


@service
def case_close(*, case, actor, on: date | None = None):
    """结案: an effective outcome whose required performance is complete (行诉法第九十四条)."""
    case = _lock(case)
    WORKFLOW.guard(case, "close", actor)
    on = _check_date(on or _today(), field="on", label=_("结案日期"), not_before=case.effective_on)
    _refuse(gates.close_blockers(case, list(case.performances.all())))
    WORKFLOW.apply(case, "close", on=on, actor=actor)
    return case
