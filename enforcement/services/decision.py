"""决定, 送达 and 公示 (处罚法第五十七条至第六十一条, 第四十八条; 国办发〔2018〕118号)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from core import numbering
from core.exceptions import ApplicationError
from core.workflow import check_actor, save, service

from .. import deadlines as clocks
from ..choices import PERM_CHANGE, PUBLICITY_BASIS, WORKFLOW, CaseStatus, EventKind
from . import gates
from ._common import check_date, lock_case, require_text, text, today
from .filing import apply_benchmark


def decision_number(case, year: int) -> str:
    serial = numbering.next_serial(scope=f"enforcement:{case.agency_id}", year=year, series="decision")
    code = case.agency.org_unit.short_code or str(case.agency_id)
    return f"{code}罚决〔{year}〕{serial}号"


@service
def case_decide(
    *,
    actor,
    case,
    decided_on: date,
    summary: str,
    version: int | None = None,
    penalty_amount: Decimal | None = None,
    benchmark=None,
    benchmark_deviation_reason: str = "",
    party_present: bool = False,
    decision_number_text: str = "",
):
    """作出决定. Refused without two officers certified on the day (第四十二条), without the passing
    legal review of a major decision (第五十八条), before a requested hearing or while the party may
    still ask for one (第六十三条、第六十四条), or with a fine outside its benchmark and no reason
    (第三十四条)."""
    case = lock_case(case, version=version)
    WORKFLOW.guard(case, "decide", actor)
    decided_on = check_date(
        decided_on,
        field="decided_on",
        label=_("决定日期"),
        not_before=case.filed_on,
        before_label=_("立案日期"),
    )
    gates.check_two_certified(case.investigators.all(), decided_on)
    gates.check_legal_review(case)
    gates.check_hearing_before_decision(case, decided_on)
    if penalty_amount is not None or benchmark is not None:
        apply_benchmark(
            case,
            penalty_amount=penalty_amount,
            benchmark=benchmark,
            deviation_reason=benchmark_deviation_reason,
        )
    else:
        gates.check_benchmark(case)
    case.decided_on = decided_on
    case.decision_summary = require_text(summary, field="summary", message=_("请填写决定内容。"))
    case.decision_number = text(decision_number_text) or decision_number(case, decided_on.year)
    case.party_present = party_present
    clocks.on_decided(case, actor=actor)
    WORKFLOW.apply(case, "decide", on=decided_on, actor=actor, note=case.decision_number)
    return case


def _decided(case, actor):
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.decided_on is None or case.status not in (CaseStatus.DECIDED, CaseStatus.CLOSED):
        raise ApplicationError(_("案件尚未作出决定。"))


@service
def case_serve(*, actor, case, served_on: date, version: int | None = None):
    """送达 (第六十一条: within 7 working days when the party was absent)."""
    case = lock_case(case, version=version)
    _decided(case, actor)
    if case.served_on:
        raise ApplicationError(_("决定书已送达。"))
    case.served_on = check_date(
        served_on,
        field="served_on",
        label=_("送达日期"),
        not_before=case.decided_on,
        before_label=_("决定日期"),
    )
    save(case)
    WORKFLOW.record(
        case, EventKind.SERVE, on=case.served_on, actor=actor, basis=_("《行政处罚法》第六十一条")
    )
    clocks.on_served(case, actor=actor)
    return case


@service
def case_publish(*, actor, case, published_on: date, version: int | None = None):
    """事后公示 (第四十八条; 7 or 20 working days, 国办发〔2018〕118号)."""
    case = lock_case(case, version=version)
    _decided(case, actor)
    if case.published_on and not case.publicity_withdrawn_on:
        raise ApplicationError(_("决定已公示。"))
    case.published_on = check_date(
        published_on,
        field="published_on",
        label=_("公示日期"),
        not_before=case.decided_on,
        before_label=_("决定日期"),
    )
    save(case)
    WORKFLOW.record(case, EventKind.PUBLISH, on=case.published_on, actor=actor, basis=PUBLICITY_BASIS)
    clocks.on_published(case, actor=actor)
    return case


@service
def case_change_decision(*, actor, case, on: date, note: str, version: int | None = None):
    """The decision was changed or revoked (复议、诉讼或自行纠错): a published one must be withdrawn
    within 3 working days (第四十八条第二款)."""
    case = lock_case(case, version=version)
    _decided(case, actor)
    case.decision_changed_on = check_date(
        on, field="on", label=_("变更日期"), not_before=case.decided_on, before_label=_("决定日期")
    )
    save(case)
    WORKFLOW.record(
        case,
        EventKind.CHANGE,
        on=on,
        actor=actor,
        basis=_("《行政处罚法》第四十八条第二款"),
        note=require_text(note, field="note", message=_("请填写变更或撤销情况。")),
    )
    clocks.on_decision_changed(case, actor=actor)
    return case


@service
def case_withdraw_publicity(*, actor, case, on: date | None = None, version: int | None = None):
    case = lock_case(case, version=version)
    _decided(case, actor)
    if not (case.published_on and case.decision_changed_on) or case.publicity_withdrawn_on:
        raise ApplicationError(_("没有需要撤回的公示信息。"))
    case.publicity_withdrawn_on = check_date(
        on or today(),
        field="on",
        label=_("撤回日期"),
        not_before=case.decision_changed_on,
        before_label=_("变更日期"),
    )
    save(case)
    WORKFLOW.record(
        case,
        EventKind.WITHDRAW,
        on=case.publicity_withdrawn_on,
        actor=actor,
        basis=_("《行政处罚法》第四十八条第二款"),
    )
    clocks.on_publicity_withdrawn(case, actor=actor)
    return case
