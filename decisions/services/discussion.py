"""集体讨论 and after: scheduling the discussion behind the five-step gate, recording it, publishing,
implementing, halting, evaluating and archiving (决策条例第三十条至第三十八条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, service

from .. import deadlines as clocks
from ..choices import (
    DECISION_WORKFLOW,
    PERM_CHANGE,
    DecisionStatus,
    DiscussionResult,
    EvaluationConclusion,
)
from ..models import CollectiveDiscussion, LawStudySession, PostEvaluation
from ._common import check_date, lock_decision, on_or_today, require_text, text
from .gates import discussion_blockers, latest

W = DECISION_WORKFLOW


@service
def discussion_schedule(*, decision, actor, meeting_kind: str, meeting_on: date, on: date | None = None):
    """提交集体讨论. Gate (决策条例第二十五条): a signed legality opinion concluding 合法 or 修改后合法,
    and public participation, expert argumentation and risk assessment complete or waived with a
    reason (第九条), and a legal adviser heard (第二十八条). A meeting before the review's 7 working
    days are over is allowed with the warning "审查时间不足7个工作日" recorded (第二十六条)."""
    decision = lock_decision(decision)
    W.guard(decision, "schedule_discussion", actor)
    blockers = discussion_blockers(decision)
    if blockers:
        raise GateError(
            _("决策草案不能提交集体讨论，尚缺：%(first)s") % {"first": blockers[0]},
            extra={"blockers": blockers[1:]},
        )
    if meeting_on is None:
        raise ApplicationError(_("请填写会议日期。"), field="meeting_on")
    if decision.sent_for_review_on and meeting_on < decision.sent_for_review_on:
        raise ApplicationError(_("会议日期不能早于送请合法性审查日期。"), field="meeting_on")
    window_end = clocks.review_window_end(decision)
    short = window_end is not None and meeting_on < window_end
    record = CollectiveDiscussion(
        decision=decision,
        created_by=actor,
        meeting_kind=meeting_kind,
        meeting_on=meeting_on,
        review_time_warning=clocks.SHORT_REVIEW_WARNING if short else "",
    )
    record.full_clean()
    record.save()
    note = _("%(kind)s %(day)s") % {
        "kind": record.get_meeting_kind_display(),
        "day": f"{meeting_on:%Y-%m-%d}",
    }
    if short:
        note = f"{note}；{_(clocks.SHORT_REVIEW_WARNING)}"
    W.apply(decision, "schedule_discussion", on=on_or_today(on), actor=actor, note=note)
    clocks.on_discussion_scheduled(decision, meeting_on=meeting_on, short=short, actor=actor)
    return record


@service
def discussion_record(
    *,
    decision,
    actor,
    result: str,
    attendees: str,
    chief_conclusion: str,
    dissent: str = "",
    differs_reason: str = "",
    majority_agrees: bool = True,
):
    """Record the meeting (第三十条): the chief executive decides on the basis of the discussion;
    dissent is kept; a conclusion against the majority states its reasons. 修改后再议 sends the draft
    back to drafting; 不通过 ends the item (不予决策)."""
    decision = lock_decision(decision)
    check_actor(actor, PERM_CHANGE, decision.org_unit)
    if decision.status != DecisionStatus.DISCUSSION:
        raise ApplicationError(_("决策不在集体讨论阶段。"))
    record = latest(decision.discussions.all())
    if record.meeting_on > on_or_today(None):
        raise ApplicationError(_("会议尚未召开（%(day)s）。") % {"day": f"{record.meeting_on:%Y-%m-%d}"})
    if record.result:
        raise ApplicationError(_("本次会议的讨论结果已记录。"))
    record.result = result
    record.attendees = require_text(attendees, field="attendees", message=_("请填写出席人员。"))
    record.chief_conclusion = require_text(
        chief_conclusion, field="chief_conclusion", message=_("请填写行政首长的决定（第三十条）。")
    )
    record.dissent = text(dissent)
    record.differs_reason = text(differs_reason)
    if not majority_agrees and not record.differs_reason:
        raise GateError(
            _("行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当说明理由（第三十条第二款）。"),
            field="differs_reason",
        )
    record.full_clean()
    record.save()
    W.record(
        decision,
        "discussion_recorded",
        on=record.meeting_on,
        actor=actor,
        note=record.get_result_display(),
        basis=_("《重大行政决策程序暂行条例》第三十条"),
    )
    if result == DiscussionResult.RECONSIDER:
        W.guard(decision, "reconsider", actor)
        W.apply(decision, "reconsider", on=record.meeting_on, actor=actor, note=record.chief_conclusion)
    elif result == DiscussionResult.REJECTED:
        W.guard(decision, "decline", actor)
        decision.closing_reason = record.chief_conclusion
        W.apply(decision, "decline", on=record.meeting_on, actor=actor, note=record.chief_conclusion)
        clocks.on_decision_ended(decision, _("集体讨论不通过"), actor=actor)
    return record


@service
def decision_publish(*, decision, actor, published_on: date, channel: str):
    """决定公布 (第三十二条): only a draft the discussion passed."""
    decision = lock_decision(decision)
    W.guard(decision, "publish", actor)
    record = latest(decision.discussions.all())
    if record is None or record.result != DiscussionResult.PASSED:
        raise GateError(_("集体讨论通过后方可公布决策（第三十条、第三十二条）。"))
    decision.published_on = check_date(
        published_on, field="published_on", label=_("公布日期"), not_before=record.meeting_on
    )
    decision.publication_channel = require_text(channel, field="channel", message=_("请填写公布渠道。"))
    W.apply(decision, "publish", on=published_on, actor=actor, note=decision.publication_channel)
    return decision


@service
def decision_implement(*, decision, actor, implemented_on: date):
    decision = lock_decision(decision)
    W.guard(decision, "implement", actor)
    decision.implemented_on = check_date(
        implemented_on, field="implemented_on", label=_("实施日期"), not_before=decision.published_on
    )
    W.apply(decision, "implement", on=implemented_on, actor=actor)
    clocks.on_implemented(decision, actor=actor)
    return decision


@service
def decision_halt(*, decision, actor, reason: str, on: date | None = None):
    """中止执行 (第三十七条): the chief executive may halt first where the situation is urgent."""
    decision = lock_decision(decision)
    W.guard(decision, "halt", actor)
    decision.halt_reason = require_text(reason, field="reason", message=_("请填写中止执行的理由。"))
    decision.halted_on = on_or_today(on, not_before=decision.implemented_on)
    W.apply(decision, "halt", on=decision.halted_on, actor=actor, note=decision.halt_reason)
    clocks.on_decision_ended(decision, _("决策中止执行"), actor=actor)
    return decision


@service
def decision_archive(*, decision, actor, archive_number: str, complete: bool, on: date | None = None):
    """归档 (第三十三条): the whole-process record is complete and filed."""
    decision = lock_decision(decision)
    W.guard(decision, "archive", actor)
    if not complete:
        raise GateError(_("决策全过程记录齐全后方可归档（第三十三条）。"), field="complete")
    decision.archive_number = require_text(
        archive_number, field="archive_number", message=_("请填写档案号。")
    )
    decision.archive_complete = True
    decision.archived_on = on_or_today(on)
    W.apply(decision, "archive", on=decision.archived_on, actor=actor)
    clocks.on_decision_ended(decision, _("决策已归档"), actor=actor)
    return decision


def _assessing_units(decision) -> set[int]:
    return {r.assessor_unit_id for r in decision.risk_assessments.all() if r.assessor_unit_id}


@service
def evaluation_start(
    *, decision, actor, trigger: str, evaluator: str, planned_on: date, evaluator_unit=None, on=None
) -> PostEvaluation:
    """决策后评估 (第三十六条): the evaluating unit may not be the one that did the main
    pre-decision assessment."""
    decision = lock_decision(decision)
    W.guard(decision, "evaluate", actor)
    evaluator = require_text(evaluator, field="evaluator", message=_("请填写评估单位。"))
    assessors = {r.assessor.strip() for r in decision.risk_assessments.all()}
    if (
        evaluator_unit is not None and evaluator_unit.pk in _assessing_units(decision)
    ) or evaluator in assessors:
        # 决策条例第三十六条第二款: 决策作出前承担主要论证评估工作的单位除外.
        raise GateError(
            _("决策作出前承担主要论证评估工作的单位不得承担决策后评估（第三十六条第二款）。"),
            field="evaluator",
        )
    if planned_on is None:
        raise ApplicationError(_("请填写计划完成日期。"), field="planned_on")
    record = PostEvaluation(
        decision=decision,
        created_by=actor,
        trigger=trigger,
        evaluator=evaluator,
        evaluator_unit=evaluator_unit,
        planned_on=planned_on,
    )
    record.full_clean()
    record.save()
    W.apply(
        decision,
        "evaluate",
        on=on_or_today(on, not_before=decision.implemented_on),
        actor=actor,
        note=record.get_trigger_display(),
    )
    return record


@service
def evaluation_complete(
    *, decision, actor, report: str, conclusion: str, completed_on: date
) -> PostEvaluation:
    """The evaluation's report and conclusion (第三十六条第四款): 停止执行 halts the decision."""
    decision = lock_decision(decision)
    name = "stop_after_evaluation" if conclusion == EvaluationConclusion.STOP else "finish_evaluation"
    W.guard(decision, name, actor)
    record = latest(decision.evaluations.filter(completed_on__isnull=True))
    if record is None:
        raise ApplicationError(_("没有进行中的决策后评估。"))
    record.report = require_text(report, field="report", message=_("请填写评估报告。"))
    record.conclusion = conclusion
    record.completed_on = check_date(completed_on, field="completed_on", label=_("完成日期"))
    record.full_clean()
    record.save()
    if name == "stop_after_evaluation":
        decision.halted_on = completed_on
        decision.halt_reason = _("决策后评估结论：停止执行")
    W.apply(decision, name, on=completed_on, actor=actor, note=record.get_conclusion_display())
    clocks.on_evaluated(decision, on=completed_on, actor=actor)
    if name == "stop_after_evaluation":
        clocks.on_decision_ended(decision, _("评估后停止执行"), actor=actor)
    return record


@service
def study_session_record(
    *, actor, body, held_on: date, meeting: str, topic: str, lecturer: str, attendees=""
):
    """政府常务会议学法: one study session."""
    check_actor(actor, PERM_CHANGE, body)
    record = LawStudySession(
        org_unit=body,
        created_by=actor,
        held_on=check_date(held_on, field="held_on", label=_("日期")),
        meeting=require_text(meeting, field="meeting", message=_("请填写会议。")),
        topic=require_text(topic, field="topic", message=_("请填写学法内容。")),
        lecturer=require_text(lecturer, field="lecturer", message=_("请填写主讲人。")),
        attendees=text(attendees),
    )
    record.full_clean()
    record.save()
    return record
