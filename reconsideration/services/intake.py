"""Intake (收件, 受理审查, 补正): registering an application, editing it, the handler, the
application period (复议法第二十条、第二十一条) and correction (第三十一条)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from accounts.jurisdiction import jurisdiction_root, unit_in_jurisdiction
from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, is_user, save, service
from disputes.choices import ActType

from .. import deadlines as clocks
from .. import numbering
from ..choices import (
    INTAKE_STATUSES,
    LAW_SHORT,
    PERM_ADD,
    PERM_CHANGE,
    WORKFLOW,
    CaseStatus,
    EventKind,
    IntakeChannel,
)
from ..models import (
    ReconsiderationCase,
)
from ._common import (
    _check_date,
    _fmt,
    _lock,
    _on,
    _require_text,
    _text,
    _today,
)
from .gates import (
    ApplicationPeriod,
    acceptance_review_due,
    application_period,
    can_approve,
    correction_receipt_refusal,
    delay_reason_refusal,
    edit_refusal,
    refuse,
)

#: Fields `case_update` may change. Dates that clocks run from (received_on …) are not among them.
CASE_EDITABLE_FIELDS = frozenset(
    {
        "requests",
        "facts_and_reasons",
        "act_document_number",
        "act_amount",
        "act_on_the_spot",
        "act_by_electronic_monitoring",
        "act_is_warning",
        "concerns_real_estate",
        "is_major_difficult_complex",
        "is_highly_technical",
        "hearing_requested",
        "compensation_requested",
        "third_party_evidence_provided",
        # timeliness inputs: editable before acceptance only (the application period is recomputed)
        "knew_of_act_on",
        "act_stated_right_to_apply",
        "knew_of_right_on",
        "submitted_on",
    }
)


TIMELINESS_FIELDS = frozenset(
    {"knew_of_act_on", "act_stated_right_to_apply", "knew_of_right_on", "submitted_on"}
)


def _check_body(body) -> None:
    # 复议法第四条: the reconsideration bodies here are the governments at or above county level.
    if body is None or body.kind != UnitKind.GOVERNMENT:
        raise ApplicationError(
            _("行政复议机关须为县级以上人民政府（%(law)s第四条）。") % {"law": LAW_SHORT}, field="body"
        )


def _apply_period(case: ReconsiderationCase) -> ApplicationPeriod:
    period = application_period(
        knew_of_act_on=case.knew_of_act_on,
        submitted_on=case.submitted_on,
        act_stated_right_to_apply=case.act_stated_right_to_apply,
        knew_of_right_on=case.knew_of_right_on,
        obstacle_from=case.obstacle_from,
        obstacle_to=case.obstacle_to,
    )
    case.application_due_on = period.due
    case.application_trace = period.trace
    case.is_late = period.late
    return period


def _check_own_staff(actor, handler, body) -> None:
    """An officer of the body's own 复议机构 assigns only the body's own staff (a county officer does
    not pick the city's); a higher body's officer may assign within their jurisdiction."""
    if handler is None or not is_user(actor):
        return
    root = jurisdiction_root(actor)
    if root is None or root is False or root.pk != body.pk:
        return
    handler_root = jurisdiction_root(handler)
    if handler_root is not None and (handler_root is False or handler_root.pk != body.pk):
        raise ApplicationError(_("承办人须为本行政复议机关的复议工作人员。"), field="handler")


@service
def case_register(
    *,
    actor,
    body,
    dispute,
    channel: str,
    received_on: date,
    knew_of_act_on: date,
    requests: str,
    facts_and_reasons: str,
    submitted_on: date | None = None,
    respondent=None,
    act_type: str | None = None,
    act_date: date | None = None,
    act_document_number: str | None = None,
    act_amount: Decimal | None = None,
    act_on_the_spot: bool = False,
    act_by_electronic_monitoring: bool = False,
    act_is_warning: bool = False,
    concerns_real_estate: bool = False,
    act_stated_right_to_apply: bool = True,
    knew_of_right_on: date | None = None,
    forwarded_by=None,
    delay_reason: str = "",
    obstacle_from: date | None = None,
    obstacle_to: date | None = None,
    is_major_difficult_complex: bool = False,
    is_highly_technical: bool = False,
    hearing_requested: bool = False,
    compensation_requested: bool = False,
    handler=None,
) -> ReconsiderationCase:
    """收件: register an application received by `body`; numbers it (天复〔YYYY〕N号), computes the
    application period (复议法第二十条) and starts the 5-working-day review and correction-notice
    clocks (第三十条、第三十一条). The act defaults to the dispute's. With a `handler` the case goes
    straight to 受理审查中."""
    _check_body(body)
    check_actor(actor, PERM_ADD, body)
    if not unit_in_jurisdiction(actor, dispute.org_unit):
        raise ApplicationError(_("该行政争议不在您的管辖范围内。"), field="dispute")
    _check_date(received_on, field="received_on", label=_("收到申请日期"))
    submitted_on = submitted_on or received_on
    if channel not in IntakeChannel.values:
        raise ApplicationError(_("请选择申请方式。"), field="channel")
    respondent = respondent or dispute.respondent
    act_type = act_type or dispute.act_type
    act_date = act_date or dispute.act_date
    if channel == IntakeChannel.FORWARDED:
        # 复议法第三十二条: only for penalties made on the spot or on electronic-monitoring records.
        if act_type != ActType.PENALTY or not (act_on_the_spot or act_by_electronic_monitoring):
            raise GateError(
                _(
                    "只有对当场作出或者依据电子技术监控设备记录的违法事实作出的行政处罚决定不服的，"
                    "才可以通过作出行政处罚决定的机关提交申请（%(law)s第三十二条第一款）。"
                )
                % {"law": LAW_SHORT},
                field="channel",
            )
        if forwarded_by is None:
            raise ApplicationError(_("请填写转交申请的行政机关。"), field="forwarded_by")
    elif forwarded_by is not None:
        raise ApplicationError(_("只有经作出处罚的机关转交的申请才填写转交机关。"), field="forwarded_by")
    if handler is not None and not unit_in_jurisdiction(handler, body):
        raise ApplicationError(_("承办人须为本复议机关的工作人员。"), field="handler")
    _check_own_staff(actor, handler, body)

    case = ReconsiderationCase(
        org_unit=body,
        created_by=actor,
        dispute=dispute,
        respondent=respondent,
        act_type=act_type,
        act_date=act_date,
        act_document_number=_text(
            dispute.act_document_number if act_document_number is None else act_document_number
        ),
        act_amount=act_amount,
        act_on_the_spot=act_on_the_spot,
        act_by_electronic_monitoring=act_by_electronic_monitoring,
        act_is_warning=act_is_warning,
        concerns_real_estate=concerns_real_estate,
        requests=_require_text(requests, field="requests", message=_("请填写行政复议请求。")),
        facts_and_reasons=_require_text(
            facts_and_reasons, field="facts_and_reasons", message=_("请填写申请复议的事实和理由。")
        ),
        channel=channel,
        forwarded_by=forwarded_by,
        submitted_on=submitted_on,
        received_on=received_on,
        knew_of_act_on=knew_of_act_on,
        act_stated_right_to_apply=act_stated_right_to_apply,
        knew_of_right_on=None if act_stated_right_to_apply else knew_of_right_on,
        delay_reason=_text(delay_reason),
        obstacle_from=obstacle_from,
        obstacle_to=obstacle_to,
        is_major_difficult_complex=is_major_difficult_complex,
        is_highly_technical=is_highly_technical,
        hearing_requested=hearing_requested,
        compensation_requested=bool(compensation_requested),
        handler=handler,
    )
    period = _apply_period(case)
    case.year = received_on.year
    case.serial, case.number = numbering.next_number(body=body, year=case.year)
    case.full_clean()
    case.save()

    note = _("申请期限届满日 %(due)s；%(state)s。") % {
        "due": _fmt(period.due),
        "state": _("已超过申请期限") if period.late else _("在申请期限内"),
    }
    WORKFLOW.record(
        case,
        EventKind.REGISTER,
        on=received_on,
        actor=actor,
        note=note,
        basis=_("%(law)s第二十条、第二十二条") % {"law": LAW_SHORT},
        to_status=case.status,
    )
    clocks.on_registered(case, actor=actor)
    if handler is not None:
        WORKFLOW.guard(case, "start_review", actor)
        WORKFLOW.apply(
            case,
            "start_review",
            on=received_on,
            actor=actor,
            note=_("承办人：%(name)s") % {"name": handler.display_name},
        )
    return case


@service
def case_update(*, case: ReconsiderationCase, actor, version: int, **fields) -> ReconsiderationCase:
    """Correct the case's descriptive data. `version` is the one the form was opened with. The
    timeliness inputs may change only before acceptance; the application period is then recomputed."""
    unknown = set(fields) - CASE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"fields not editable through case_update: {sorted(unknown)}")
    case = _lock(case, version=version)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(edit_refusal(case))
    if TIMELINESS_FIELDS & set(fields) and case.status not in INTAKE_STATUSES:
        raise ApplicationError(_("案件已受理或已审结，申请期限的计算依据不能再修改。"))
    changed = []
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(case, name) != value:
            setattr(case, name, value)
            changed.append(str(ReconsiderationCase._meta.get_field(name).verbose_name))
    if not changed:
        return case
    if case.act_stated_right_to_apply:
        case.knew_of_right_on = None
    if TIMELINESS_FIELDS & set(fields):
        _apply_period(case)
    save(case)
    WORKFLOW.record(case, EventKind.UPDATE, on=_today(), actor=actor, note="、".join(changed))
    return case


@service
def case_assign_handler(
    *, case: ReconsiderationCase, actor, handler, on: date | None = None
) -> ReconsiderationCase:
    """指定（变更）承办人; the open clocks follow the new handler (复议法第三十六条第一款)."""
    case = _lock(case)
    on = _on(on, case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(edit_refusal(case))
    if handler is None or not handler.is_active or not unit_in_jurisdiction(handler, case.org_unit):
        raise ApplicationError(_("承办人须为本复议机关在岗的工作人员。"), field="handler")
    if not handler.has_perm(PERM_CHANGE):
        raise ApplicationError(_("承办人须为复议工作人员。"), field="handler")
    _check_own_staff(actor, handler, case.org_unit)
    case.handler = handler
    save(case)
    clocks.set_responsible(case)
    WORKFLOW.record(
        case,
        EventKind.ASSIGN,
        on=on,
        actor=actor,
        basis=_("%(law)s第三十六条第一款") % {"law": LAW_SHORT},
        note=handler.display_name,
    )
    return case


@service
def case_start_review(
    *, case: ReconsiderationCase, actor, handler, on: date | None = None
) -> ReconsiderationCase:
    """收件 → 受理审查中: a handler takes the application (the review clock already runs from receipt)."""
    case = _lock(case)
    on = _on(on, case)
    WORKFLOW.guard(case, "start_review", actor)
    if handler is None or not handler.is_active or not unit_in_jurisdiction(handler, case.org_unit):
        raise ApplicationError(_("承办人须为本复议机关在岗的工作人员。"), field="handler")
    _check_own_staff(actor, handler, case.org_unit)
    case.handler = handler
    WORKFLOW.apply(
        case,
        "start_review",
        on=on,
        actor=actor,
        note=_("承办人：%(name)s") % {"name": handler.display_name},
    )
    clocks.set_responsible(case)
    return case


@service
def case_record_delay_reason(
    *,
    case: ReconsiderationCase,
    actor,
    reason: str,
    obstacle_from: date | None = None,
    obstacle_to: date | None = None,
    on: date | None = None,
) -> ReconsiderationCase:
    """复议法第二十条第二款: record the force majeure or other proper reason for a late application.
    With the obstacle's dates the period is recomputed (it continues from the obstacle's removal)."""
    case = _lock(case)
    on = _on(on, case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(delay_reason_refusal(case))
    reason = _require_text(reason, field="reason", message=_("请填写耽误申请期限的正当理由。"))
    if obstacle_from is None or obstacle_to is None:
        # 复议法第二十条第二款: the period continues after the obstacle — its dates are the measure.
        raise ApplicationError(
            _("请填写障碍的发生日和消除日：申请期限按障碍期间顺延（%(law)s第二十条第二款）。")
            % {"law": LAW_SHORT},
            field="obstacle_from",
        )
    if obstacle_from and obstacle_to and obstacle_to < obstacle_from:
        raise ApplicationError(_("障碍消除日不能早于发生日。"), field="obstacle_to")
    case.delay_reason = reason
    case.obstacle_from, case.obstacle_to = obstacle_from, obstacle_to
    period = _apply_period(case)
    save(case)
    note = reason
    if obstacle_from:
        note += _("；障碍期间 %(a)s 至 %(b)s，申请期限届满日重新计算为 %(due)s，%(state)s") % {
            "a": _fmt(obstacle_from),
            "b": _fmt(obstacle_to),
            "due": _fmt(period.due),
            "state": _("仍已逾期") if period.late else _("未逾期"),
        }
    WORKFLOW.record(
        case,
        EventKind.DELAY_REASON,
        on=on,
        actor=actor,
        note=note,
        basis=_("%(law)s第二十条第二款") % {"law": LAW_SHORT},
    )
    return case


@service
def case_request_correction(
    *,
    case: ReconsiderationCase,
    actor,
    items: str,
    notice_sent_on: date,
    applicant_received_on: date | None = None,
) -> ReconsiderationCase:
    """补正通知 (复议法第三十一条第一款): one written notice listing everything to correct, within 5
    working days of receipt. The review pauses; the applicant's 10 working days run from receiving it."""
    case = _lock(case)
    WORKFLOW.guard(case, "request_correction", actor)
    if case.correction_notice_sent_on is not None:
        raise GateError(
            _("补正通知应当一次性载明需要补正的事项，不能再次通知补正（%(law)s第三十一条第一款）。")
            % {"law": LAW_SHORT}
        )
    items = _require_text(items, field="items", message=_("请逐项列明需要补正的事项。"))
    _check_date(
        notice_sent_on,
        field="notice_sent_on",
        label=_("补正通知发出日期"),
        not_before=case.received_on,
        before_label=_("收到申请日期"),
    )
    due = acceptance_review_due(case)
    if due is not None and notice_sent_on > due:
        raise GateError(
            _("审查期限已于 %(due)s 届满，依法视为受理，不能再通知补正（%(law)s第三十条第三款）。")
            % {"due": _fmt(due), "law": LAW_SHORT},
            field="notice_sent_on",
        )
    if applicant_received_on is not None:
        _check_date(
            applicant_received_on,
            field="applicant_received_on",
            label=_("申请人收到补正通知日期"),
            not_before=notice_sent_on,
            before_label=_("补正通知发出日期"),
        )
    case.correction_items = items
    case.correction_notice_sent_on = notice_sent_on
    case.correction_notice_received_on = applicant_received_on
    WORKFLOW.apply(case, "request_correction", on=notice_sent_on, actor=actor, note=items)
    clocks.on_correction_requested(case, sent_on=notice_sent_on, actor=actor)
    if applicant_received_on is not None:
        _start_correction_reply(case, received_on=applicant_received_on, actor=actor)
    return case


@service
def case_record_correction_notice_receipt(
    *, case: ReconsiderationCase, actor, received_on: date
) -> ReconsiderationCase:
    """申请人收到补正通知: starts the applicant's 10 working days (复议法第三十一条第二款)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(correction_receipt_refusal(case))
    _check_date(
        received_on,
        field="received_on",
        label=_("申请人收到补正通知日期"),
        not_before=case.correction_notice_sent_on,
        before_label=_("补正通知发出日期"),
    )
    case.correction_notice_received_on = received_on
    save(case)
    _start_correction_reply(case, received_on=received_on, actor=actor)
    return case


def _start_correction_reply(case: ReconsiderationCase, *, received_on: date, actor) -> None:
    """The applicant received the correction notice: their 10 working days run (复议法第三十一条第二款)."""
    clocks.on_correction_notice_received(case, received_on=received_on, actor=actor)
    WORKFLOW.record(
        case,
        EventKind.NOTICE_RECEIVED,
        on=received_on,
        actor=actor,
        basis=_("%(law)s第三十一条第二款") % {"law": LAW_SHORT},
    )


@service
def case_receive_correction(
    *, case: ReconsiderationCase, actor, received_on: date, note: str = ""
) -> ReconsiderationCase:
    """收到补正材料 (复议法第三十一条第三款): back to review, with a new 5-working-day review clock."""
    case = _lock(case)
    WORKFLOW.guard(case, "receive_correction", actor)
    _check_date(
        received_on,
        field="received_on",
        label=_("收到补正材料日期"),
        not_before=case.correction_notice_sent_on,
        before_label=_("补正通知发出日期"),
    )
    case.correction_received_on = received_on
    WORKFLOW.apply(case, "receive_correction", on=received_on, actor=actor, note=_text(note))
    clocks.on_correction_received(case, received_on=received_on, actor=actor)
    return case


@service
def case_extend_correction(
    *,
    case: ReconsiderationCase,
    actor,
    days: int,
    reference: str,
    reason: str,
    approved_by=None,
    approved_on: date | None = None,
):
    """延长补正期限 (复议法第三十一条第二款: "有正当理由不能按期补正的，行政复议机关可以延长合理的
    补正期限"). [our rule] ≤ 10 working days in all, approved by the 复议机构负责人 acting in their own
    session (`actor`; four eyes, docs/workflow.md), the applicant told in writing (`reference`).
    Returns the `recon.correction_reply` clock."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status != CaseStatus.AWAITING_CORRECTION:
        raise ApplicationError(_("案件不在补正中，不能延长补正期限。"))
    reason = _require_text(reason, field="reason", message=_("请说明申请人不能按期补正的正当理由。"))
    approved_by = approved_by or actor
    if approved_by != actor or not can_approve(approved_by, case):
        raise GateError(
            _("延长补正期限须经行政复议机构的负责人批准（本系统规则，%(law)s第三十一条第二款）。")
            % {"law": LAW_SHORT},
            field="approved_by",
        )
    # the kernel refuses an approval dated after the period has run out (docs/law/counting.md)
    approved_on = approved_on or _today()
    clock = clocks.extend_correction(
        case,
        days=days,
        reference=_text(reference),
        reason=reason,
        actor=actor,
        approved_by=approved_by,
        approved_on=approved_on,
    )
    if clock is None:
        raise ApplicationError(_("尚未记录申请人收到补正通知的日期，补正期限尚未起算。"))
    save(case)
    WORKFLOW.record(
        case,
        EventKind.EXTEND,
        on=approved_on,
        actor=actor,
        basis=_("%(law)s第三十一条第二款") % {"law": LAW_SHORT},
        note=_(
            "延长补正期限%(days)d个工作日，经%(head)s批准，书面通知文号%(ref)s，"
            "补正期限至 %(due)s：%(reason)s"
        )
        % {
            "days": days,
            "head": approved_by.display_name,
            "ref": _text(reference),
            "due": _fmt(clock.due_date),
            "reason": reason,
        },
    )
    return clock
