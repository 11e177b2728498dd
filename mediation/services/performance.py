"""After the agreement: performance, judicial confirmation (人民调解法第三十一条、第三十三条; 民事诉讼法
第二百零五条、第二百零六条) and return visits."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from core.exceptions import ApplicationError
from core.workflow import check_actor, service

from .. import deadlines as clocks
from ..choices import PERM_CHANGE, VISIT_STATUSES, WORKFLOW, ConfirmationResult, EventKind, VisitMethod
from ..models import JudicialConfirmation, MediationCase, ReturnVisit
from ._common import lock_case, require_text, text, today
from .gates import check_date, confirmation_refusal, refuse


def _after_agreement(case, on: date | None, label) -> date:
    return check_date(
        on or today(), field="on", label=label, today=today(), not_before=case.agreement.effective_on
    )


@service
def case_start_performance(*, case: MediationCase, actor, on: date | None = None) -> MediationCase:
    """履行中 (人民调解法第三十一条: the organisation supervises performance)."""
    case = lock_case(case)
    WORKFLOW.guard(case, "perform_start", actor)
    on = _after_agreement(case, on, _("开始履行日期"))
    WORKFLOW.apply(case, "perform_start", on=on, actor=actor)
    return case


@service
def case_record_performed(*, case: MediationCase, actor, on: date | None = None) -> MediationCase:
    """已履行: the agreement is performed; a confirmation clock still open is no longer needed."""
    case = lock_case(case)
    WORKFLOW.guard(case, "performed", actor)
    on = _after_agreement(case, on, _("履行完毕日期"))
    case.performed_on = on
    WORKFLOW.apply(case, "performed", on=on, actor=actor)
    clocks.on_performed(case, actor=actor)
    return case


@service
def confirmation_apply(
    *, case: MediationCase, actor, court, applied_on: date, joint: bool = True
) -> JudicialConfirmation:
    """申请司法确认: the parties' joint application, within 30 days of the agreement coming into force
    (人民调解法第三十三条; 民事诉讼法第二百零五条)."""
    case = lock_case(case)
    WORKFLOW.guard(case, "apply_confirmation", actor)
    if court is None or court.kind != UnitKind.COURT:
        raise ApplicationError(_("请选择受理申请的人民法院。"), field="court")
    check_date(applied_on, field="applied_on", label=_("申请日期"), today=today())
    refuse(confirmation_refusal(case, applied_on=applied_on, joint=joint), field="applied_on")
    confirmation = JudicialConfirmation(case=case, court=court, applied_on=applied_on, created_by=actor)
    confirmation.full_clean()
    confirmation.save()
    WORKFLOW.apply(case, "apply_confirmation", on=applied_on, actor=actor, note=court.name)
    clocks.on_confirmation_applied(case, applied_on=applied_on, actor=actor)
    return confirmation


@service
def confirmation_record_ruling(
    *, case: MediationCase, actor, confirmed: bool, ruled_on: date, ruling_number: str = "", note: str = ""
) -> JudicialConfirmation:
    """The court's ruling (民事诉讼法第二百零六条): 确认有效, or 驳回 — after which the parties may change
    the agreement, make a new one or sue."""
    case = lock_case(case)
    name = "confirm" if confirmed else "reject_confirmation"
    WORKFLOW.guard(case, name, actor)
    confirmation = (
        case.confirmations.filter(result=ConfirmationResult.PENDING).order_by("-applied_on", "-id").first()
    )
    if confirmation is None:
        raise ApplicationError(_("没有待裁定的司法确认申请。"))
    check_date(
        ruled_on, field="ruled_on", label=_("裁定日期"), today=today(), not_before=confirmation.applied_on
    )
    confirmation.result = ConfirmationResult.CONFIRMED if confirmed else ConfirmationResult.REJECTED
    confirmation.ruled_on = ruled_on
    confirmation.ruling_number = text(ruling_number)
    confirmation.note = text(note)
    confirmation.full_clean()
    confirmation.save()
    WORKFLOW.apply(case, name, on=ruled_on, actor=actor, note=confirmation.ruling_number)
    return confirmation


@service
def return_visit_record(
    *,
    case: MediationCase,
    actor,
    visited_on: date,
    method: str,
    note: str,
    performing_as_agreed: bool | None = None,
) -> ReturnVisit:
    """回访: follow the parties up after mediation (人民调解法第三十一条第二款)."""
    case = lock_case(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in VISIT_STATUSES:
        raise ApplicationError(_("调解结束后方可回访。"))
    if method not in VisitMethod.values:
        raise ApplicationError(_("请选择回访方式。"), field="method")
    check_date(
        visited_on, field="visited_on", label=_("回访日期"), today=today(), not_before=case.concluded_on
    )
    visit = ReturnVisit(
        case=case,
        visited_on=visited_on,
        method=method,
        note=require_text(note, field="note", message=_("请填写回访情况。")),
        performing_as_agreed=performing_as_agreed,
        created_by=actor,
    )
    visit.full_clean()
    visit.save()
    WORKFLOW.record(
        case,
        EventKind.RETURN_VISIT,
        on=visited_on,
        actor=actor,
        note=visit.note[:200],
        basis=_("《人民调解法》第三十一条"),
    )
    return visit
