"""Mediation (复议法第五条、第七十三条): the mediation record and the 调解书."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, save, service

from ..choices import (
    LAW_SHORT,
    PERM_CHANGE,
    WORKFLOW,
    DecisionOutcome,
    DocumentKind,
    EventKind,
    MediationResult,
)
from ..models import (
    CaseDecision,
    MediationSession,
    ReconsiderationCase,
)
from ._common import (
    _check_date,
    _conclude,
    _document_number,
    _lock,
    _on,
    _require_text,
    _text,
)
from .gates import mediation_refusal, mediation_status_refusal, refuse


@service
def case_set_mediation(
    *,
    case: ReconsiderationCase,
    actor,
    attempted: bool,
    reason_not_attempted: str = "",
    on: date | None = None,
) -> ReconsiderationCase:
    """Record whether mediation was attempted and, if not, why (required before deciding)."""
    case = _lock(case)
    on = _on(on, case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(mediation_status_refusal(case))
    if not attempted:
        reason_not_attempted = _require_text(
            reason_not_attempted, field="reason_not_attempted", message=_("请说明未开展调解的理由。")
        )
    case.mediation_attempted = bool(attempted)
    case.mediation_not_attempted_reason = "" if attempted else reason_not_attempted
    save(case)
    WORKFLOW.record(
        case,
        EventKind.MEDIATION_STATUS,
        on=on,
        actor=actor,
        note=_("已开展调解") if attempted else _("未调解：%(r)s") % {"r": reason_not_attempted},
        basis=_("%(law)s第五条") % {"law": LAW_SHORT},
    )
    return case


@service
def mediation_session_record(
    *,
    case: ReconsiderationCase,
    actor,
    held_on: date,
    participants_note: str,
    result: str,
    note: str = "",
) -> MediationSession:
    """A mediation session (复议法第五条): the case then counts as mediation attempted."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(mediation_refusal(case))
    if result not in MediationResult.values:
        raise ApplicationError(_("请选择调解结果。"), field="result")
    _check_date(
        held_on,
        field="held_on",
        label=_("调解日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    session = MediationSession(
        case=case,
        held_on=held_on,
        participants_note=_require_text(
            participants_note, field="participants_note", message=_("请填写参加人员。")
        ),
        result=result,
        note=_text(note),
        created_by=actor,
    )
    session.full_clean()
    session.save()
    if not case.mediation_attempted:
        case.mediation_attempted = True
        case.mediation_not_attempted_reason = ""
        save(case)
    WORKFLOW.record(
        case,
        EventKind.MEDIATION_SESSION,
        on=held_on,
        actor=actor,
        note=session.get_result_display(),
        basis=_("%(law)s第五条") % {"law": LAW_SHORT},
    )
    return session


@service
def case_conclude_by_mediation(
    *,
    case: ReconsiderationCase,
    actor,
    concluded_on: date,
    agreement_summary: str,
    agency_changed_act: bool = False,
    document_number: str = "",
) -> CaseDecision:
    """调解结案 (复议法第七十三条): a 行政复议调解书 signed by every party and sealed. Needs a mediation
    session that reached agreement. If the agency changed its act, indirect correction
    (docs/indicators.md)."""
    case = _lock(case)
    WORKFLOW.guard(case, "mediate", actor)
    _check_date(
        concluded_on,
        field="concluded_on",
        label=_("调解书生效日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    if not case.mediation_sessions.filter(result=MediationResult.AGREED, held_on__lte=concluded_on).exists():
        raise GateError(
            _("须有达成调解协议的调解记录，方可制作行政复议调解书（%(law)s第七十三条第一款）。")
            % {"law": LAW_SHORT}
        )
    summary = _require_text(agreement_summary, field="agreement_summary", message=_("请填写调解协议内容。"))
    decision = CaseDecision(
        case=case,
        outcome=DecisionOutcome.MEDIATION,
        decided_on=concluded_on,
        reasoning=summary,
        legal_basis=_("%(law)s第五条、第七十三条") % {"law": LAW_SHORT},
        agency_changed_act=bool(agency_changed_act),
        document_number=_document_number(
            document_number,
            case=case,
            on=concluded_on,
            kind=DocumentKind.MEDIATION,
            field="document_number",
        ),
        created_by=actor,
    )
    return _conclude(case, decision, "mediate", on=concluded_on, actor=actor, note=summary)
