"""The review record the 决定书 states (复议法第七十五条): the gist of the respondent's reply and of
the third party's view, and the facts the body found. Written while the case is under review."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, save, service

from ..choices import CONCLUDED_STATUSES, LAW_SHORT, PERM_CHANGE, WORKFLOW, CaseStatus, EventKind
from ..models import ReconsiderationCase
from ._common import _lock, _on, _text


def review_record_refusal(case) -> str:
    """Only an accepted case not yet concluded has a review to record."""
    if case.accepted_on is None:
        return str(_("案件尚未受理。"))
    if case.status in CONCLUDED_STATUSES or case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        return str(_("案件已审结。"))
    return ""


@service
def case_record_review(
    *,
    case: ReconsiderationCase,
    actor,
    respondent_statement: str = "",
    third_party_statement: str = "",
    findings: str = "",
    on: date | None = None,
) -> ReconsiderationCase:
    """记录被申请人答复要点、第三人意见和经审理查明的事实 (written into the 决定书, 第七十五条)."""
    case = _lock(case)
    on = _on(on, case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refusal = review_record_refusal(case)
    if refusal:
        raise ApplicationError(refusal)
    case.respondent_statement = _text(respondent_statement)
    case.third_party_statement = _text(third_party_statement)
    case.findings = _text(findings)
    save(case)
    WORKFLOW.record(
        case,
        EventKind.REVIEW_RECORD,
        on=on,
        actor=actor,
        note=_("已记录答复要点和经审理查明的事实"),
        basis=_("%(law)s第七十五条") % {"law": LAW_SHORT},
    )
    return case
