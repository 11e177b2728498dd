"""The respondent (被申请人): the copy of the application and the reply (复议法第四十八条、第五十四条);
hearing the parties' views (第四十九条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, save, service

from .. import deadlines as clocks
from ..choices import (
    LAW_SHORT,
    PERM_CHANGE,
    WORKFLOW,
    EventKind,
    HearingMethod,
    StayGround,
)
from ..models import (
    ExecutionStay,
    PartyHearing,
    ReconsiderationCase,
)
from ._common import (
    _check_date,
    _fmt,
    _lock,
    _require_text,
    _text,
)
from .gates import (
    copy_receipt_refusal,
    hear_parties_refusal,
    refuse,
    reply_refusal,
    respondent_reply_due,
    stay_execution_refusal,
)


@service
def case_send_copy(
    *, case: ReconsiderationCase, actor, sent_on: date, respondent_received_on: date | None = None
) -> ReconsiderationCase:
    """发送申请书副本 (复议法第四十八条: 7 working days; 第五十四条: 3 under the simplified procedure);
    the case enters 审理中. With the respondent's receipt date the reply clock starts."""
    case = _lock(case)
    WORKFLOW.guard(case, "send_copy", actor)
    _check_date(
        sent_on,
        field="sent_on",
        label=_("副本发送日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    case.copy_sent_on = sent_on
    WORKFLOW.apply(case, "send_copy", on=sent_on, actor=actor)
    clocks.on_copy_sent(case, sent_on=sent_on, actor=actor)
    if respondent_received_on is not None:
        _record_copy_receipt(case, received_on=respondent_received_on, actor=actor)
    return case


def _record_copy_receipt(case, *, received_on: date, actor) -> None:
    _check_date(
        received_on,
        field="respondent_received_on",
        label=_("被申请人收到副本日期"),
        not_before=case.copy_sent_on,
        before_label=_("副本发送日期"),
    )
    case.respondent_received_copy_on = received_on
    save(case)
    clocks.on_copy_received(case, received_on=received_on, actor=actor)
    WORKFLOW.record(
        case,
        EventKind.COPY_RECEIVED,
        on=received_on,
        actor=actor,
        basis=_("%(law)s第四十八条、第五十四条") % {"law": LAW_SHORT},
    )


@service
def case_record_copy_receipt(*, case: ReconsiderationCase, actor, received_on: date) -> ReconsiderationCase:
    """被申请人收到副本: starts `recon.respondent_reply(_simple)` (10 / 5 working days)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(copy_receipt_refusal(case))
    _record_copy_receipt(case, received_on=received_on, actor=actor)
    return case


@service
def case_receive_reply(
    *, case: ReconsiderationCase, actor, received_on: date, with_evidence: bool
) -> ReconsiderationCase:
    """收到被申请人书面答复 and whether the evidence and basis came with it (第四十八条). A late reply or
    one without evidence leaves only the 第七十条 outcomes (see `respondent_defaulted`)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(reply_refusal(case))
    _check_date(
        received_on,
        field="received_on",
        label=_("收到答复日期"),
        not_before=case.respondent_received_copy_on,
        before_label=_("被申请人收到副本日期"),
    )
    case.reply_received_on = received_on
    case.reply_with_evidence = bool(with_evidence)
    save(case)
    clocks.on_reply_received(case, received_on=received_on, actor=actor)
    due = respondent_reply_due(case)
    notes = []
    if due and received_on > due:
        notes.append(_("逾期答复（答复期限 %(due)s）") % {"due": _fmt(due)})
    if not with_evidence:
        notes.append(_("未提交作出行政行为的证据、依据"))
    if notes:
        notes.append(_("视为该行政行为没有证据、依据（第七十条）"))
    WORKFLOW.record(
        case,
        EventKind.REPLY_RECEIVED,
        on=received_on,
        actor=actor,
        note="；".join(str(n) for n in notes),
        basis=_("%(law)s第四十八条、第七十条") % {"law": LAW_SHORT},
    )
    return case


@service
def case_hear_parties(
    *,
    case: ReconsiderationCase,
    actor,
    heard_on: date,
    summary: str,
    method: str = "",
    parties: str = "",
    unreachable: bool = False,
) -> PartyHearing:
    """听取当事人意见 (复议法第四十九条): in person, online or by phone, recorded; or — the parties could not
    be heard for reasons of their own — that fact and why (the case is then reviewed in writing). Required
    before an ordinary-procedure decision (`gates.parties_heard_refusal`)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(hear_parties_refusal(case))
    _check_date(
        heard_on,
        field="heard_on",
        label=_("听取意见日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    if unreachable:
        summary = _require_text(
            summary, field="summary", message=_("请记录因当事人原因不能听取意见的情况（第四十九条）。")
        )
        method = ""
    else:
        if method not in HearingMethod.values:
            raise ApplicationError(_("请选择听取意见的方式。"), field="method")
        parties = _require_text(parties, field="parties", message=_("请填写听取意见的当事人。"))
        summary = _require_text(summary, field="summary", message=_("请记录当事人的意见。"))
    record = PartyHearing(
        case=case,
        heard_on=heard_on,
        method=method,
        parties=_text(parties),
        summary=summary,
        unreachable=bool(unreachable),
        created_by=actor,
    )
    record.full_clean()
    record.save()
    note = (
        _("因当事人原因不能听取意见，书面审理：%(s)s") % {"s": summary}
        if unreachable
        else _("以%(m)s方式听取%(p)s的意见：%(s)s")
        % {"m": HearingMethod(method).label, "p": record.parties, "s": summary}
    )
    WORKFLOW.record(
        case,
        EventKind.PARTIES_HEARD,
        on=heard_on,
        actor=actor,
        note=note,
        basis=_("%(law)s第四十九条") % {"law": LAW_SHORT},
    )
    return record


@service
def case_stay_execution(
    *, case: ReconsiderationCase, actor, ground: str, decided_on: date, reason: str
) -> ExecutionStay:
    """停止执行 (复议法第四十二条): "行政复议期间行政行为不停止执行" — except on the article's grounds;
    the stay is recorded with its ground, date and reason and shown on the case page."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(stay_execution_refusal(case))
    if ground not in StayGround.values:
        raise ApplicationError(_("请选择第四十二条规定的停止执行情形。"), field="ground")
    _check_date(
        decided_on,
        field="decided_on",
        label=_("决定停止执行日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    reason = _require_text(reason, field="reason", message=_("请说明停止执行的理由。"))
    stay = ExecutionStay(case=case, ground=ground, decided_on=decided_on, reason=reason, created_by=actor)
    stay.full_clean()
    stay.save()
    WORKFLOW.record(
        case,
        EventKind.STAY_EXECUTION,
        on=decided_on,
        actor=actor,
        note=f"{StayGround(ground).label}：{reason}",
        basis=_("%(law)s第四十二条") % {"law": LAW_SHORT},
    )
    return stay
