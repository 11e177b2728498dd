"""While mediating: session records, the agreement, failure and termination (人民调解法第二十六条至
第三十条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, service

from .. import deadlines as clocks
from .. import numbering
from ..choices import PERM_CHANGE, WORKFLOW, AgreementForm, CaseStatus, EventKind
from ..models import MediationAgreement, MediationCase, MediationSession
from ._common import lock_case, require_text, text, today
from .gates import agreement_blockers, check_date, is_confirmable, refuse, terminate_refusal


@service
def session_record(
    *,
    case: MediationCase,
    actor,
    held_on: date,
    participants: str,
    summary: str,
    place: str = "",
) -> MediationSession:
    """调解记录 (人民调解法第二十七条): the mediator records each session."""
    case = lock_case(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status != CaseStatus.MEDIATING:
        raise ApplicationError(_("只有调解中的案件才能记录调解情况。"))
    check_date(held_on, field="held_on", label=_("调解日期"), today=today(), not_before=case.started_on)
    session = MediationSession(
        case=case,
        held_on=held_on,
        place=text(place),
        participants=require_text(participants, field="participants", message=_("请填写参加人员。")),
        summary=require_text(summary, field="summary", message=_("请填写调解情况。")),
        created_by=actor,
    )
    session.full_clean()
    session.save()
    WORKFLOW.record(
        case,
        EventKind.SESSION,
        on=held_on,
        actor=actor,
        note=session.summary[:200],
        basis=_("《人民调解法》第二十七条"),
    )
    return session


@service
def case_agree(
    *,
    case: MediationCase,
    actor,
    form: str,
    content: str,
    effective_on: date,
    parties_info: str = "",
    facts: str = "",
    performance_method: str = "",
    performance_due_on: date | None = None,
) -> MediationAgreement:
    """达成调解协议: written (第二十九条: in force when all have signed) or oral (第三十条: in force on the
    day agreed). A confirmable agreement starts the 30-day judicial-confirmation clock (第三十三条)."""
    case = lock_case(case)
    WORKFLOW.guard(case, "agree", actor)
    if form not in AgreementForm.values:
        raise ApplicationError(_("请选择协议形式。"), field="form")
    check_date(
        effective_on, field="effective_on", label=_("协议生效日期"), today=today(), not_before=case.started_on
    )
    blockers = agreement_blockers(
        form=form,
        parties_info=text(parties_info),
        facts=text(facts),
        content=text(content),
        performance_method=text(performance_method),
        performance_due_on=performance_due_on,
    )
    if blockers:
        field, message = blockers[0]
        raise GateError(message, field=field)
    if performance_due_on is not None and performance_due_on < effective_on:
        raise ApplicationError(_("履行期限不能早于协议生效日期。"), field="performance_due_on")
    agreement = MediationAgreement(
        case=case,
        form=form,
        document_number=numbering.agreement_number(case) if form == AgreementForm.WRITTEN else "",
        parties_info=text(parties_info),
        facts=text(facts),
        content=text(content),
        performance_method=text(performance_method),
        performance_due_on=performance_due_on,
        effective_on=effective_on,
        created_by=actor,
    )
    agreement.full_clean()
    agreement.save()
    case.concluded_on = effective_on
    WORKFLOW.apply(case, "agree", on=effective_on, actor=actor, note=agreement.get_form_display())
    clocks.on_agreed(case, agreement, confirmable=is_confirmable(case), actor=actor)
    return agreement


@service
def case_fail(*, case: MediationCase, actor, reason: str, on: date | None = None) -> MediationCase:
    """调解不成 (人民调解法第二十六条): mediation ends; the other routes are told on termination."""
    case = lock_case(case)
    WORKFLOW.guard(case, "fail", actor)
    on = check_date(on or today(), field="on", label=_("日期"), today=today(), not_before=case.started_on)
    case.failure_reason = require_text(reason, field="reason", message=_("请填写调解不成的原因。"))
    case.concluded_on = on
    WORKFLOW.apply(case, "fail", on=on, actor=actor, note=case.failure_reason)
    clocks.on_mediation_ended(case, on=on, actor=actor)
    return case


@service
def case_terminate(*, case: MediationCase, actor, routes, on: date | None = None) -> MediationCase:
    """终止调解 (人民调解法第二十六条): the parties are told they may seek arbitration, administrative
    handling, reconsideration or litigation."""
    case = lock_case(case)
    WORKFLOW.guard(case, "terminate", actor)
    on = check_date(on or today(), field="on", label=_("日期"), today=today(), not_before=case.concluded_on)
    routes = list(routes or ())
    refuse(terminate_refusal(routes), field="routes")
    case.routes_told = ",".join(routes)
    WORKFLOW.apply(
        case, "terminate", on=on, actor=actor, note=_("已告知：%(r)s") % {"r": case.routes_told_display}
    )
    return case
