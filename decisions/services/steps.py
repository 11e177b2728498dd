"""The mandatory steps before the legality review: public participation (决策条例第十四条至第十八条),
expert argumentation (第十九条至第二十一条) and risk assessment (第二十二条至第二十四条). Each is
completed with its record, or waived with the reason recorded."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, service

from .. import deadlines as clocks
from ..choices import DECISION_WORKFLOW, PERM_CHANGE, DecisionStatus
from ..models import ExpertArgumentation, PublicParticipation, RiskAssessment
from ._common import check_date, lock_decision, on_or_today, require_text, text
from .gates import comment_window_refusal, hearing_materials_refusal, latest

W = DECISION_WORKFLOW


def _waive(decision, name: str, field: str, reason: str, *, actor, on):
    reason = require_text(reason, field="reason", message=_("依法不适用的，须说明理由。"))
    setattr(decision, field, reason)
    W.apply(decision, name, on=on_or_today(on), actor=actor, note=reason)
    return decision


# --- public participation ------------------------------------------------------------------------------


@service
def participation_open(
    *,
    decision,
    actor,
    methods: str,
    opens_on: date,
    closes_on: date,
    urgency_reason: str = "",
    hearing_on: date | None = None,
    hearing_materials_sent_on: date | None = None,
) -> PublicParticipation:
    """Open the comment window (第十四条、第十五条): at least 30 days unless the urgency reason is
    stated; a hearing's materials 7 days before it (第十六条)."""
    decision = lock_decision(decision)
    W.guard(decision, "open_participation", actor)
    check_date(opens_on, field="opens_on", label=_("征求意见开始日期"), not_before=decision.proposed_on)
    if closes_on is None or closes_on < opens_on:
        raise ApplicationError(_("征求意见截止日期不能早于开始日期。"), field="closes_on")
    # 决策条例第十五条第二款: 一般不少于30日; shorter only with the reason stated.
    refusal = comment_window_refusal(opens_on=opens_on, closes_on=closes_on, urgency_reason=urgency_reason)
    if refusal:
        raise GateError(refusal, field="urgency_reason")
    # 决策条例第十六条第三款: materials reach the hearing's participants 7 days before.
    refusal = hearing_materials_refusal(hearing_on=hearing_on, sent_on=hearing_materials_sent_on)
    if refusal:
        raise GateError(refusal, field="hearing_materials_sent_on")
    record = PublicParticipation(
        decision=decision,
        created_by=actor,
        methods=require_text(methods, field="methods", message=_("请填写征求意见方式。")),
        opens_on=opens_on,
        closes_on=closes_on,
        urgency_reason=text(urgency_reason),
        hearing_on=hearing_on,
        hearing_materials_sent_on=hearing_materials_sent_on,
    )
    record.full_clean()
    record.save()
    W.apply(
        decision,
        "open_participation",
        on=opens_on,
        actor=actor,
        note=_("征求意见期间 %(a)s 至 %(b)s") % {"a": f"{opens_on:%Y-%m-%d}", "b": f"{closes_on:%Y-%m-%d}"},
    )
    clocks.on_participation_opened(decision, record, actor=actor)
    return record


@service
def participation_complete(
    *,
    decision,
    actor,
    opinions_received: int,
    adoption_account: str,
    completed_on: date,
    hearing_materials_sent_on: date | None = None,
) -> PublicParticipation:
    """Close the public participation with the account of how the opinions were taken up (第十八条)."""
    decision = lock_decision(decision)
    W.guard(decision, "finish_participation", actor)
    record = latest(decision.participations.all())
    check_date(completed_on, field="completed_on", label=_("完成日期"), not_before=record.opens_on)
    if completed_on < record.closes_on:
        raise GateError(
            _("征求意见截止日期（%(day)s）前不能结束公众参与（第十五条）。")
            % {"day": f"{record.closes_on:%Y-%m-%d}"},
            field="completed_on",
        )
    if hearing_materials_sent_on:
        refusal = hearing_materials_refusal(hearing_on=record.hearing_on, sent_on=hearing_materials_sent_on)
        if refusal:
            raise GateError(refusal, field="hearing_materials_sent_on")
        record.hearing_materials_sent_on = hearing_materials_sent_on
    if record.hearing_on and not record.hearing_materials_sent_on:
        raise GateError(_("请填写听证材料送达日期（第十六条）。"), field="hearing_materials_sent_on")
    record.opinions_received = opinions_received
    record.adoption_account = require_text(
        adoption_account, field="adoption_account", message=_("请说明意见采纳情况（第十八条）。")
    )
    record.completed_on = completed_on
    record.full_clean()
    record.save()
    W.apply(decision, "finish_participation", on=completed_on, actor=actor)
    clocks.on_participation_completed(record, on=completed_on, actor=actor)
    return record


@service
def participation_waive(*, decision, actor, reason: str, on: date | None = None):
    """第十四条第一款: no public comment where the law keeps the item confidential — reason recorded."""
    decision = lock_decision(decision)
    W.guard(decision, "waive_participation", actor)
    return _waive(decision, "waive_participation", "participation_waiver", reason, actor=actor, on=on)


# --- expert argumentation ----------------------------------------------------------------------------


@service
def expert_opinion_add(
    *,
    decision,
    actor,
    expert_name: str,
    field: str,
    affiliation: str,
    independence_declared: bool,
    opinion: str,
    signed_on: date,
    is_dissent: bool = False,
) -> ExpertArgumentation:
    """One expert's signed opinion (第二十条、第二十一条); a dissenting opinion is kept as such."""
    decision = lock_decision(decision)
    check_actor(actor, PERM_CHANGE, decision.org_unit)
    if decision.status != DecisionStatus.ARGUMENTATION:
        raise ApplicationError(_("决策不在专家论证阶段。"))
    if not independence_declared:
        # 决策条例第二十条: experts argue independently — each declares no interest in the item.
        raise GateError(_("专家须声明与决策事项无利害关系（第二十条）。"), field="independence_declared")
    record = ExpertArgumentation(
        decision=decision,
        created_by=actor,
        expert_name=require_text(expert_name, field="expert_name", message=_("请填写专家姓名。")),
        field=require_text(field, field="field", message=_("请填写专业领域。")),
        affiliation=require_text(affiliation, field="affiliation", message=_("请填写工作单位。")),
        independence_declared=True,
        opinion=require_text(opinion, field="opinion", message=_("请填写论证意见。")),
        is_dissent=is_dissent,
        signed_on=check_date(signed_on, field="signed_on", label=_("签名日期")),
    )
    record.full_clean()
    record.save()
    W.record(
        decision,
        "expert_opinion",
        on=signed_on,
        actor=actor,
        note=record.expert_name,
        basis=_("《重大行政决策程序暂行条例》第二十一条"),
    )
    return record


@service
def argumentation_complete(*, decision, actor, on: date | None = None):
    decision = lock_decision(decision)
    W.guard(decision, "finish_argumentation", actor)
    if not decision.expert_opinions.exists():
        raise GateError(_("尚无专家论证意见，不能完成专家论证（第二十一条）。"))
    decision.argumentation_completed_on = on_or_today(on)
    W.apply(decision, "finish_argumentation", on=decision.argumentation_completed_on, actor=actor)
    return decision


@service
def argumentation_waive(*, decision, actor, reason: str, on: date | None = None):
    """第十九条第一款: argumentation is for technical items — a waiver states why it does not apply."""
    decision = lock_decision(decision)
    W.guard(decision, "waive_argumentation", actor)
    return _waive(decision, "waive_argumentation", "argumentation_waiver", reason, actor=actor, on=on)


# --- risk assessment -----------------------------------------------------------------------------------


@service
def risk_assess(
    *,
    decision,
    actor,
    assessor: str,
    level: str,
    risk_points: str,
    measures: str,
    assessed_on: date,
    contingency_plan: str = "",
    is_third_party: bool = False,
    assessor_unit=None,
    is_uncontrollable: bool = False,
) -> RiskAssessment:
    """Record the risk assessment (第二十二条、第二十三条). Controllable: the draft goes on to the
    legality review. Uncontrollable: recorded, and the decision stays until the draft is adjusted and
    assessed again (第二十四条)."""
    decision = lock_decision(decision)
    W.guard(decision, "finish_risk", actor)
    previous = latest(decision.risk_assessments.all())
    if previous is not None and previous.is_uncontrollable:
        revised = decision.events.filter(kind="draft_revised", created_at__gt=previous.created_at).exists()
        if not revised:
            # 决策条例第二十四条: an uncontrollable risk is assessed again only after the draft changed.
            raise GateError(_("风险评估认为风险不可控，须先调整决策草案（第二十四条）。"))
    record = RiskAssessment(
        decision=decision,
        created_by=actor,
        assessor=require_text(assessor, field="assessor", message=_("请填写评估主体。")),
        assessor_unit=assessor_unit,
        is_third_party=is_third_party,
        level=level,
        risk_points=require_text(risk_points, field="risk_points", message=_("请填写风险点。")),
        measures=require_text(measures, field="measures", message=_("请填写防范化解措施。")),
        contingency_plan=text(contingency_plan),
        is_uncontrollable=is_uncontrollable,
        assessed_on=check_date(assessed_on, field="assessed_on", label=_("评估日期")),
    )
    record.full_clean()
    record.save()
    if is_uncontrollable:
        W.record(
            decision,
            "risk_assessed",
            on=assessed_on,
            actor=actor,
            note=_("风险不可控：调整决策草案确保风险可控后，方可作出决策"),
            basis=_("《重大行政决策程序暂行条例》第二十四条"),
        )
    else:
        W.apply(decision, "finish_risk", on=assessed_on, actor=actor)
    return record


@service
def risk_waive(*, decision, actor, reason: str, on: date | None = None):
    """第二十二条第一款: assessment where the item may affect social stability — else the reason."""
    decision = lock_decision(decision)
    W.guard(decision, "waive_risk", actor)
    return _waive(decision, "waive_risk", "risk_waiver", reason, actor=actor, on=on)
