"""Suspension (复议法第三十九条), extension (第六十二条) and conversion to the ordinary procedure
(第五十五条), with the automatic 60-day suspension flag."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, notify_after_commit, save, service
from deadlines.clocks import open_clock

from .. import deadlines as clocks
from ..choices import (
    LAW_SHORT,
    PERM_CHANGE,
    WORKFLOW,
    CaseStatus,
    DocumentKind,
    EventKind,
    Procedure,
    SuspensionGround,
)
from ..models import (
    CaseEvent,
    CaseSuspension,
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
    approvers_of,
    can_approve,
    convert_date_refusal,
    convert_refusal,
    extend_simple_refusal,
    extend_status_refusal,
    extension_date_refusal,
    refuse,
)


@service
def case_suspend(
    *,
    case: ReconsiderationCase,
    actor,
    ground: str,
    suspended_on: date,
    reason: str,
    notice_number: str = "",
) -> CaseSuspension:
    """中止 (复议法第三十九条): the decision clock stands still; grounds 39(1)(2)(4) start the 60-day
    clock after which the case is to be terminated (第四十一条第一款第五项)."""
    case = _lock(case)
    WORKFLOW.guard(case, "suspend", actor)
    if ground not in SuspensionGround.values:
        raise ApplicationError(_("请选择第三十九条规定的中止事由。"), field="ground")
    reason = _require_text(reason, field="reason", message=_("请说明中止的具体情况。"))
    _check_date(
        suspended_on,
        field="suspended_on",
        label=_("中止日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    last = case.suspensions.filter(resumed_on__isnull=False).order_by("-resumed_on").first()
    if last is not None and last.resumed_on and suspended_on < last.resumed_on:
        raise ApplicationError(_("中止日期不能早于上次恢复审理的日期。"), field="suspended_on")
    suspension = CaseSuspension(
        case=case,
        ground=ground,
        reason=reason,
        suspended_on=suspended_on,
        from_status=case.status,
        notice_number=_document_number(
            notice_number,
            case=case,
            on=suspended_on,
            kind=DocumentKind.SUSPENSION_NOTICE,
            field="notice_number",
        ),
        created_by=actor,
    )
    suspension.full_clean()
    suspension.save()
    WORKFLOW.apply(
        case,
        "suspend",
        on=suspended_on,
        actor=actor,
        note=f"{SuspensionGround(ground).label}：{reason}",
        basis=_("%(law)s第三十九条第一款") % {"law": LAW_SHORT},
    )
    clocks.on_suspended(
        case,
        suspended_on=suspended_on,
        ground=ground,
        reason=f"{SuspensionGround(ground).label}：{reason}",
        actor=actor,
    )
    return suspension


#: The transition back to the stage the case was suspended at (复议法第三十九条; choices.TRANSITIONS).
_RESUME_TO = {
    CaseStatus.ACCEPTED: "resume_accepted",
    CaseStatus.IN_TRIAL: "resume",
    CaseStatus.DRAFTED: "resume_drafted",
    CaseStatus.PENDING_APPROVAL: "resume_pending",
}


@service
def case_resume(
    *, case: ReconsiderationCase, actor, resumed_on: date, notice_number: str = ""
) -> ReconsiderationCase:
    """恢复审理 (复议法第三十九条第二款): the decision clock runs again, its due date moved by the time
    suspended; the 60-day limit clock is met."""
    case = _lock(case)
    WORKFLOW.guard(case, "resume", actor)
    suspension = case.suspensions.filter(resumed_on__isnull=True).first()
    _check_date(
        resumed_on,
        field="resumed_on",
        label=_("恢复日期"),
        not_before=suspension.suspended_on if suspension else None,
        before_label=_("中止日期"),
    )
    if suspension is not None:
        suspension.resumed_on = resumed_on
        suspension.resume_notice_number = _document_number(
            notice_number,
            case=case,
            on=resumed_on,
            kind=DocumentKind.RESUMPTION_NOTICE,
            field="notice_number",
        )
        suspension.full_clean()
        suspension.save()
    # 复议法第三十九条: the case resumes at the stage where it was suspended.
    WORKFLOW.apply(
        case,
        _RESUME_TO.get(suspension.from_status if suspension else "", "resume"),
        on=resumed_on,
        actor=actor,
    )
    clocks.on_resumed(case, resumed_on=resumed_on, actor=actor)
    return case


@service
def case_extend(
    *,
    case: ReconsiderationCase,
    actor,
    days: int,
    reference: str,
    reason: str,
    approved_by=None,
    approved_on: date | None = None,
):
    """延长审理期限 (复议法第六十二条第一款): ordinary procedure only, ≤ 30 days in all, approved by the
    复议机构负责人 of the case's body acting in their own session (`actor`; `approved_by` is the actor
    — reached through `case_approve_extension` after the handler's 报请延期) on a day within the period
    (`approved_on`, default today), the parties told in writing (`reference`: the notice's number).
    Returns the clock."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(extend_status_refusal(case))
    refuse(extend_simple_refusal(case), GateError)
    approved_by = approved_by or actor
    approved_on = approved_on or _today()
    # 复议法第六十二条第一款: no extension once the period has run out.
    refuse(extension_date_refusal(case, approved_on=approved_on), GateError)
    if approved_by != actor or not can_approve(approved_by, case):
        raise GateError(
            _("延长审理期限须经行政复议机构的负责人批准（%(law)s第六十二条第一款）。") % {"law": LAW_SHORT},
            field="approved_by",
        )
    reference = _document_number(
        reference,
        case=case,
        on=approved_on,  # the notice is numbered in the series of the year it is issued
        kind=DocumentKind.EXTENSION_NOTICE,
        field="reference",
    )
    clock = clocks.extend_decision(
        case,
        days=days,
        reference=reference,
        reason=_text(reason),
        actor=actor,
        approved_by=approved_by,
        approved_on=approved_on,
    )
    if clock is None:
        raise ApplicationError(_("本案没有进行中的复议决定期限。"))
    save(case)
    WORKFLOW.record(
        case,
        EventKind.EXTEND,
        on=approved_on,
        actor=actor,
        basis=_("%(law)s第六十二条第一款") % {"law": LAW_SHORT},
        note=_("延长%(days)d日，经%(head)s批准，书面通知文号%(ref)s，决定期限至 %(due)s：%(reason)s")
        % {
            "days": days,
            "head": approved_by.display_name,
            "ref": reference,
            "due": _fmt(clock.due_date),
            "reason": _text(reason),
        },
    )
    return clock


@service
def case_convert_to_ordinary(
    *, case: ReconsiderationCase, actor, converted_on: date, reason: str, approved_by=None
) -> ReconsiderationCase:
    """简易程序转为普通程序 (复议法第五十五条), approved by the 复议机构负责人 of the case's body, who
    converts in their own session (`approved_by` is the actor). The simplified clocks are cancelled
    and the ordinary ones run from the original trigger dates (explained in the event)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(convert_refusal(case))
    reason = _require_text(reason, field="reason", message=_("请说明不宜适用简易程序的理由。"))
    approved_by = approved_by or actor
    if approved_by != actor or not can_approve(approved_by, case):
        raise GateError(
            _("简易程序转为普通程序须经行政复议机构的负责人批准（%(law)s第五十五条）。") % {"law": LAW_SHORT},
            field="approved_by",
        )
    _check_date(
        converted_on,
        field="converted_on",
        label=_("转换日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    # 复议法第五十五条、第六十二条第二款: not after the simplified 30 days have run out.
    refuse(convert_date_refusal(case, converted_on=converted_on), GateError)
    case.procedure = Procedure.ORDINARY
    case.converted_to_ordinary_on = converted_on
    save(case)
    lines = clocks.on_converted_to_ordinary(case, actor=actor)
    note = _("经%(head)s批准：%(reason)s。") % {"head": approved_by.display_name, "reason": reason}
    WORKFLOW.record(
        case,
        EventKind.CONVERT,
        on=converted_on,
        actor=actor,
        note=note + "；".join(str(x) for x in lines),
        basis=_("%(law)s第五十五条") % {"law": LAW_SHORT},
    )
    return case


@service
def case_flag_suspension_limit(*, case: ReconsiderationCase, today: date | None = None) -> CaseEvent | None:
    """第四十一条第一款第五项: the case has been suspended on a 39(1)(2)(4) ground for 60 days — record
    it once in the timeline and prompt the handler and the approvers to terminate. Idempotent."""
    today = today or _today()
    case = _lock(case)
    if case.status != CaseStatus.SUSPENDED:
        return None
    clock = open_clock(case, clocks.SUSPENSION_LIMIT)
    if clock is None or clock.due_date > today:
        return None
    if case.events.filter(kind=EventKind.SUSPENSION_LIMIT, date=clock.due_date).exists():
        return None
    event = WORKFLOW.record(
        case,
        EventKind.SUSPENSION_LIMIT,
        on=clock.due_date,
        actor=None,
        basis=_("%(law)s第四十一条第一款第五项") % {"law": LAW_SHORT},
        note=_("自 %(since)s 中止已满六十日，中止原因仍未消除的，应当决定终止行政复议。")
        % {"since": _fmt(clock.trigger_date)},
    )
    recipients = {u.pk: u for u in [case.handler, *approvers_of(case)] if u is not None}
    notify_after_commit(
        recipients.values(),
        title=_("%(number)s 中止已满六十日") % {"number": case.number},
        body=str(event.note),
        url=case.get_absolute_url(),
        key=f"recon:suspension-limit:{case.pk}:{clock.pk}",
    )
    return event
