"""重大执法决定备案: the agency files, the justice bureau reviews (docs/law/supervision.md)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import lock, service

from .. import deadlines
from ..choices import FILING_RESULT_TRANSITION, FILING_WORKFLOW, PERM_FILE, FilingEventKind, FilingStatus
from ..models import DecisionFiling
from . import gates
from ._common import check, check_date, require_text, text, today


@service
def filing_submit(
    *,
    actor,
    agency,
    filed_on: date | None = None,
    case=None,
    decision_number: str = "",
    decision_summary: str = "",
    decided_on: date | None = None,
    late_reason: str = "",
) -> DecisionFiling:
    """报备: the agency files a major decision — one of its major cases (处罚法第五十八条), or an
    external decision described in full. Filed after the period it is flagged late."""
    check(actor, PERM_FILE, agency.org_unit)
    if case is not None:
        if case.agency_id != agency.pk:
            raise ApplicationError(_("只能报备本机关的案件。"), field="case")
        if not case.is_major:
            raise ApplicationError(_("只有重大执法决定需要备案。"), field="case")
        if not case.decided_on:
            raise ApplicationError(_("该案件尚未作出决定。"), field="case")
        decision_number = decision_number or case.decision_number or case.number
        decision_summary = decision_summary or case.decision_summary or case.facts
        decided_on = case.decided_on
    decision_number = require_text(decision_number, field="decision_number", message=_("请填写决定书文号。"))
    decision_summary = require_text(decision_summary, field="decision_summary", message=_("请填写决定内容。"))
    decided_on = check_date(decided_on, field="decided_on", label=_("决定日期"))
    filed_on = check_date(filed_on or today(), field="filed_on", label=_("报备日期"), not_before=decided_on)
    due = deadlines.filing_due(decided_on)
    filing = DecisionFiling(
        org_unit=agency.org_unit,
        created_by=actor,
        agency=agency,
        case=case,
        decision_number=decision_number,
        decision_summary=decision_summary,
        decided_on=decided_on,
        filed_on=filed_on,
        due_on=due,
        is_late=filed_on > due,
        late_reason=text(late_reason),
    )
    filing.full_clean()
    filing.save()
    deadlines.on_filing_submitted(filing, actor=actor)
    FILING_WORKFLOW.record(
        filing, FilingEventKind.SUBMIT, on=filed_on, actor=actor, to_status=filing.status,
        note=_("逾期报备") if filing.is_late else "",
    )  # fmt: skip
    return filing


@service
def filing_review(
    *, actor, filing, result: str, reasons: str = "", on: date | None = None, version: int | None = None
) -> DecisionFiling:
    """备案审查: the justice bureau's reviewer, in their own session — 予以备案 / 责令纠正 / 建议撤销
    (the last two with written reasons)."""
    filing = lock(filing, version=version, related=("org_unit", "agency"))
    if result not in FILING_RESULT_TRANSITION:
        raise ApplicationError(_("请选择审查结果。"), field="result")
    name = FILING_RESULT_TRANSITION[result]
    FILING_WORKFLOW.guard(filing, name, actor)
    reasons = text(reasons)
    gates.check_reasons(result, reasons)
    on = check_date(on or today(), field="on", label=_("审查日期"), not_before=filing.filed_on)
    filing.reviewer = actor
    filing.reviewed_on = on
    filing.review_reasons = reasons
    FILING_WORKFLOW.apply(filing, name, on=on, actor=actor, note=reasons)
    return filing


__all__ = ["FilingStatus", "filing_review", "filing_submit"]
