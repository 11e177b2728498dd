"""立项 and the draft: registering a catalogue item, editing it, deferring, declining, resuming, and
adjusting the draft after an uncontrollable risk finding (决策条例第十条至第十三条、第二十四条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from accounts.jurisdiction import unit_in_jurisdiction
from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, save, service

from .. import deadlines as clocks
from ..choices import DECISION_WORKFLOW, PERM_ADD, PERM_CHANGE, PREPARATION_STATUSES, DecisionStatus
from ..models import MajorDecision
from ._common import check_date, lock_decision, on_or_today, require_text, take_number, text, unit_code
from .gates import uncontrollable_risk

W = DECISION_WORKFLOW


@service
def decision_propose(
    *,
    actor,
    body,
    title: str,
    category: str,
    undertaking_unit,
    catalogue_year: int,
    summary: str,
    proposed_on: date,
    is_technical: bool = True,
    has_stability_risk: bool = True,
) -> MajorDecision:
    """Register a decision of the body's 决策事项目录 (决策条例第十条) at 立项."""
    check_actor(actor, PERM_ADD, body)
    if not unit_in_jurisdiction(actor, undertaking_unit):
        raise ApplicationError(_("决策承办单位不在您的管辖范围内。"), field="undertaking_unit")
    check_date(proposed_on, field="proposed_on", label=_("立项日期"))
    serial = take_number(body, proposed_on.year, "decision")
    decision = MajorDecision(
        org_unit=body,
        created_by=actor,
        number=f"{unit_code(body)}-JC{proposed_on.year}-{serial:03d}",
        year=proposed_on.year,
        serial=serial,
        title=require_text(title, field="title", message=_("请填写决策事项名称。")),
        category=category,
        undertaking_unit=undertaking_unit,
        catalogue_year=catalogue_year,
        summary=require_text(summary, field="summary", message=_("请填写决策事项概要。")),
        proposed_on=proposed_on,
        is_technical=is_technical,
        has_stability_risk=has_stability_risk,
    )
    decision.full_clean()
    decision.save()
    W.record(
        decision,
        "propose",
        on=proposed_on,
        actor=actor,
        note=_("列入决策事项目录"),
        basis=_("《重大行政决策程序暂行条例》第十条"),
    )
    return decision


@service
def decision_update(
    *, decision, actor, version: int, title: str, summary: str, is_technical: bool, has_stability_risk: bool
) -> MajorDecision:
    """Edit the catalogue item (optimistic locking: a stale form raises ConcurrentEditError)."""
    decision = lock_decision(decision, version=version)
    check_actor(actor, PERM_CHANGE, decision.org_unit)
    if decision.status not in PREPARATION_STATUSES:
        raise ApplicationError(_("决策已提交集体讨论，不能再修改决策事项。"))
    decision.title = require_text(title, field="title", message=_("请填写决策事项名称。"))
    decision.summary = require_text(summary, field="summary", message=_("请填写决策事项概要。"))
    decision.is_technical = is_technical
    decision.has_stability_risk = has_stability_risk
    return save(decision)


@service
def decision_start_drafting(*, decision, actor, on: date | None = None) -> MajorDecision:
    decision = lock_decision(decision)
    W.guard(decision, "start_drafting", actor)
    W.apply(decision, "start_drafting", on=on_or_today(on, not_before=decision.proposed_on), actor=actor)
    return decision


@service
def decision_revise_draft(*, decision, actor, note: str, on: date | None = None) -> MajorDecision:
    """调整决策草案 after an uncontrollable risk finding (第二十四条): a new assessment is then due."""
    decision = lock_decision(decision)
    check_actor(actor, PERM_CHANGE, decision.org_unit)
    if decision.status != DecisionStatus.RISK or not uncontrollable_risk(decision):
        raise GateError(_("只有风险评估认为风险不可控时才需调整决策草案（第二十四条）。"))
    note = require_text(note, field="note", message=_("请说明对决策草案的调整。"))
    W.record(
        decision,
        "draft_revised",
        on=on_or_today(on),
        actor=actor,
        note=note,
        basis=_("《重大行政决策程序暂行条例》第二十四条"),
    )
    return decision


@service
def decision_defer(*, decision, actor, reason: str, on: date | None = None) -> MajorDecision:
    decision = lock_decision(decision)
    W.guard(decision, "defer", actor)
    decision.closing_reason = require_text(reason, field="reason", message=_("请填写暂缓的理由。"))
    W.apply(decision, "defer", on=on_or_today(on), actor=actor, note=decision.closing_reason)
    return decision


@service
def decision_resume(*, decision, actor, on: date | None = None) -> MajorDecision:
    decision = lock_decision(decision)
    W.guard(decision, "resume", actor)
    W.apply(decision, "resume", on=on_or_today(on), actor=actor)
    return decision


@service
def decision_decline(*, decision, actor, reason: str, on: date | None = None) -> MajorDecision:
    """不予决策: the body drops the item (or the discussion did not pass it, 第三十条)."""
    decision = lock_decision(decision)
    W.guard(decision, "decline", actor)
    decision.closing_reason = require_text(reason, field="reason", message=_("请填写不予决策的理由。"))
    W.apply(decision, "decline", on=on_or_today(on), actor=actor, note=decision.closing_reason)
    clocks.on_decision_ended(decision, text(reason), actor=actor)
    return decision
